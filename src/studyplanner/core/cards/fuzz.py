"""The days FSRS's fuzz may move a review interval to: a rule its public API keeps private."""

from __future__ import annotations

import math

# Load balancing must pick its day inside the range FSRS's fuzz draws from, and the ``fsrs``
# package computes that range only inside its scheduler, with no public way to ask for it.
# So the rule (FSRS's published fuzz, the one Anki uses too) is restated here, and the tests
# check that the package's own fuzzed answers stay inside it.

# (start, end, factor): each band widens the range by ``factor`` per interval day it covers.
FUZZ_BANDS: tuple[tuple[float, float, float], ...] = (
    (2.5, 7.0, 0.15),
    (7.0, 20.0, 0.1),
    (20.0, math.inf, 0.05),
)
# FSRS leaves intervals under 2.5 days alone; intervals are whole days, so 3 is the first.
SHORTEST_FUZZED_DAYS = 3


def is_fuzzed(interval_days: int) -> bool:
    """Whether FSRS fuzzes a review interval of this many days."""
    return interval_days >= SHORTEST_FUZZED_DAYS


def fuzz_range(interval_days: int, maximum_interval: int) -> tuple[int, int]:
    """The first and last day FSRS's fuzz draws from for this interval, in days from now.

    The package rounds its draw, so now and then it lands one day past the last (never past
    ``maximum_interval``); load balancing keeps to the range itself.
    """
    delta = 1.0
    for start, end, factor in FUZZ_BANDS:
        delta += factor * max(min(float(interval_days), end) - start, 0.0)
    low = max(2, round(interval_days - delta))  # FSRS never fuzzes down to a day
    high = min(round(interval_days + delta), maximum_interval)
    return min(low, high), high
