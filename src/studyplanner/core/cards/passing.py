"""Anki's floor under a passing answer's interval: Hard < Good < Easy, a day apart at least.

FSRS gives each rating its interval from that rating's stability alone; Anki then keeps the
three a day apart and, for a card in review, keeps a passing answer from landing under the
card's current interval while that interval is within the new one's fuzz (Anki's
``constrain_passing_interval`` and ``minimum_review_fuzz_interval``).
"""

from __future__ import annotations

from collections.abc import Mapping

from studyplanner.core.cards.fuzz import fuzz_range, is_fuzzed
from studyplanner.core.cards.ratings import Rating

PASSING = (Rating.Hard, Rating.Good, Rating.Easy)


def passing_intervals(
    fsrs_days: Mapping[Rating, int], current: int | None, maximum_interval: int
) -> dict[Rating, tuple[int, int]]:
    """Each passing rating's (interval, least interval) in days, from FSRS's own intervals.

    ``fsrs_days`` holds, for each passing rating whose answer schedules a review, FSRS's
    interval in whole days, unfuzzed; ``current`` is the card's interval while it is in
    review (None while it learns). Fuzz, or load balancing, picks a day no nearer than the
    least interval.
    """
    ceiling = max(maximum_interval, 1)
    floor = 1
    found = {}
    for rating in PASSING:
        days = fsrs_days.get(rating)
        if days is None:
            continue
        least = max(floor, 1 if current is None else _fuzz_minimum(days, current, ceiling))
        least = min(least, ceiling)
        interval = min(max(days, least), ceiling)
        found[rating] = (interval, least)
        floor = interval + 1
    return found


def _fuzz_minimum(days: int, current: int, maximum_interval: int) -> int:
    """Anki's least interval for an answer to a card ``current`` days apart."""
    if days > current:
        return current + 1
    upper = fuzz_range(days, maximum_interval)[1] if is_fuzzed(days) else days
    return current if current <= upper else 0
