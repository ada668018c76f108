"""Flashcards: FSRS scheduling and the review queue, in pure Python."""
