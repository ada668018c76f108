"""The learner's day: which day a moment belongs to, as Anki counts days for its reviews.

A review day starts at an hour of the morning (Anki's "next day starts at", 4 o'clock unless
set otherwise), in the learner's time zone, so that a review at half past midnight still
counts towards the evening before. FSRS counts the days since a card's last review in these
days: a review done earlier in the day than the one before it is still a day later.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

DAY_START_HOUR = 4


def learner_day(moment: datetime, zone: tzinfo, day_start_hour: int = DAY_START_HOUR) -> date:
    """The review day ``moment`` (aware) belongs to, in ``zone``, the day starting at that hour.

    The hours are taken off the local time, not the instant, so a day with a change of clock
    still starts at the same hour on the wall.
    """
    # Arithmetic on an aware time is on its wall clock, as wanted here.
    return (moment.astimezone(zone) - timedelta(hours=day_start_hour)).date()


def day_aligned(moment: datetime, zone: tzinfo, day_start_hour: int = DAY_START_HOUR) -> datetime:
    """The moment FSRS is given for ``moment``: midnight UTC of its review day.

    Between two such moments lie exactly as many whole days as between their review days, so
    FSRS's count of elapsed days (whole 24-hour periods) becomes a count of review days.
    """
    return datetime.combine(learner_day(moment, zone, day_start_hour), time(0), tzinfo=UTC)
