"""Calendar arithmetic."""

from __future__ import annotations

from datetime import date

from studyplanner.core.planning.dates import add_duration, add_months
from studyplanner.core.roadmap.units import DurationUnit


def test_add_months_clamps_to_the_last_day() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)


def test_add_duration_in_each_unit() -> None:
    start = date(2026, 3, 6)
    assert add_duration(start, 10, DurationUnit.DAYS) == date(2026, 3, 16)
    assert add_duration(start, 2, DurationUnit.WEEKS) == date(2026, 3, 20)
    assert add_duration(start, 2, DurationUnit.MONTHS) == date(2026, 5, 6)
    assert add_duration(start, 1.5, DurationUnit.YEARS) == date(2027, 9, 6)
    assert add_duration(start, 1.5, DurationUnit.MONTHS) == date(2026, 4, 21)
