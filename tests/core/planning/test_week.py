"""The learner's week and days off."""

from __future__ import annotations

from datetime import date

import pytest

from studyplanner.core.planning.week import DaysOff, WeeklyAvailability


def test_uniform_week() -> None:
    week = WeeklyAvailability.uniform(30, 90)
    assert week.minutes == (30, 30, 30, 30, 30, 90, 90)
    assert week.weekly_minutes == 330
    assert week.on(date(2026, 3, 7)) == 90  # a Saturday


def test_impossible_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="Tuesday: 1500 minutes is not between 0 and 1440"):
        WeeklyAvailability((0, 1500, 0, 0, 0, 0, 0))


def test_days_off_dates_and_ranges() -> None:
    off = DaysOff(frozenset({date(2026, 1, 1)}), ((date(2026, 8, 1), date(2026, 8, 14)),))
    assert date(2026, 1, 1) in off
    assert date(2026, 8, 14) in off
    assert date(2026, 8, 15) not in off
    with pytest.raises(ValueError, match="ends before it starts"):
        DaysOff(ranges=((date(2026, 8, 14), date(2026, 8, 1)),))
