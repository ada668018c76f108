"""Reaching the database file: the connection factory, the engine and the app lock."""
