"""FSRS's card states and answer ratings, by the same names and values, without its import.

The FSRS library's package loads ``typing_extensions`` with its first import (about 14 ms
and 1.7 MiB of a start from bytecode). Counting, listing and storing cards need only these
two enums, so they come from here, and the library loads when a card is first scheduled.
A test keeps them equal to the library's.
"""

from __future__ import annotations

from enum import IntEnum


class State(IntEnum):
    """Where a card is in FSRS's learning steps (a new card is Learning, never answered)."""

    Learning = 1
    Review = 2
    Relearning = 3


class Rating(IntEnum):
    """An answer, as Anki's four buttons give it."""

    Again = 1
    Hard = 2
    Good = 3
    Easy = 4
