"""The learner's week: study minutes per weekday, preferred start times and days off."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WeeklyAvailability:
    """Minutes of study for each weekday, Monday first, with optional start times."""

    minutes: tuple[int, int, int, int, int, int, int]
    start_times: tuple[time | None, ...] = (None,) * 7

    def __post_init__(self) -> None:
        if len(self.minutes) != 7 or len(self.start_times) != 7:
            raise ValueError("a week has seven days: give minutes and start times for each")
        for day, value in zip(WEEKDAYS, self.minutes, strict=True):
            if not 0 <= value <= 24 * 60:
                raise ValueError(f"{day}: {value} minutes is not between 0 and 1440")

    @classmethod
    def uniform(cls, weekday_minutes: int, weekend_minutes: int = 0) -> WeeklyAvailability:
        """The same minutes every weekday, and another amount on Saturday and Sunday."""
        w, e = weekday_minutes, weekend_minutes
        return cls((w, w, w, w, w, e, e))

    @property
    def weekly_minutes(self) -> int:
        """Total minutes in one week."""
        return sum(self.minutes)

    def on(self, day: date) -> int:
        """Minutes available on this date, before days off are taken into account."""
        return self.minutes[day.weekday()]


@dataclass(frozen=True)
class DaysOff:
    """Single dates and inclusive date ranges on which nothing is planned."""

    dates: frozenset[date] = field(default_factory=frozenset)
    ranges: tuple[tuple[date, date], ...] = ()

    def __post_init__(self) -> None:
        for first, last in self.ranges:
            if last < first:
                raise ValueError(f"the range {first} to {last} ends before it starts")

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return day in self.dates or any(first <= day <= last for first, last in self.ranges)
