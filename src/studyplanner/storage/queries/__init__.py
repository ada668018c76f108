"""Reads: plain views of stored rows, and the card browser's searches."""
