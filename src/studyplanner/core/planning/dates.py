"""Calendar arithmetic the standard library lacks."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from studyplanner.core.roadmap.units import DurationUnit

# The dates a plan may start on, be aimed at or be re-planned from. A plan runs for at most
# 40 years (the scheduler's horizon), so every date it reaches stays far inside the calendar.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(9000, 12, 31)


def add_months(day: date, months: int) -> date:
    """The same day of the month, ``months`` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_duration(day: date, amount: float, unit: DurationUnit) -> date:
    """The date ``amount`` units after ``day``; fractional months and years use whole days."""
    if unit is DurationUnit.DAYS:
        return day + timedelta(days=round(amount))
    if unit is DurationUnit.WEEKS:
        return day + timedelta(days=round(amount * 7))
    months = amount * (12 if unit is DurationUnit.YEARS else 1)
    whole = int(months)
    return add_months(day, whole) + timedelta(days=round((months - whole) * 30.44))
