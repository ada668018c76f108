"""Reviewing cards: the review connection, and one review from start to end."""
