"""Keeping data safe: integrity checks, fault words, backups, restoring and recovery."""
