"""Widgets, delegates and charts the pages and dialogs share."""
