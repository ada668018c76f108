"""Printable documents (PDF) drawn with Qt, for the app and the command line."""
