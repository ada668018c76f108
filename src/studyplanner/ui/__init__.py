"""The Qt Widgets desktop interface."""
