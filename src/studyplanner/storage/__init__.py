"""Storage: the SQLite database, its schema and migrations, and the operations on it."""
