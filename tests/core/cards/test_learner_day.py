"""The learner's review day: it starts at 4 a.m. on the learner's own wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from studyplanner.core.cards.learner_day import day_aligned, learner_day
from studyplanner.core.cards.queue import end_of_day

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2026, 3, 5, 3, 59, tzinfo=UTC), date(2026, 3, 4)),
        (datetime(2026, 3, 5, 4, 0, tzinfo=UTC), date(2026, 3, 5)),
        (datetime(2026, 3, 5, 23, 59, tzinfo=UTC), date(2026, 3, 5)),
        # 02:30 UTC is 03:30 in Berlin in winter, 04:30 in summer.
        (datetime(2026, 1, 15, 2, 30, tzinfo=UTC), date(2026, 1, 14)),
        (datetime(2026, 7, 15, 2, 30, tzinfo=UTC), date(2026, 7, 15)),
    ],
)
def test_a_moment_belongs_to_the_day_that_started_at_four(moment: datetime, day: date) -> None:
    zone = BERLIN if moment.month in (1, 7) else UTC
    assert learner_day(moment, zone) == day


def test_a_day_start_can_be_set_like_ankis_next_day_starts_at() -> None:
    moment = datetime(2026, 3, 5, 5, 0, tzinfo=UTC)
    assert learner_day(moment, UTC, 6) == date(2026, 3, 4)
    assert learner_day(moment, UTC, 0) == date(2026, 3, 5)


def test_the_days_between_two_moments_are_the_days_between_their_review_days() -> None:
    evening = datetime(2026, 3, 4, 21, 0, tzinfo=UTC)
    morning = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)  # 11 hours later, the next day
    assert (day_aligned(morning, UTC) - day_aligned(evening, UTC)).days == 1
    night = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)  # 5 hours later, still the 4th
    assert (day_aligned(night, UTC) - day_aligned(evening, UTC)).days == 0


def test_the_review_day_ends_at_four_on_the_wall_clock_across_a_clock_change() -> None:
    # Berlin moves its clocks forward at 02:00 on 29 March 2026: Saturday's review day, from
    # 04:00 on Saturday to 04:00 on Sunday, has 23 hours.
    saturday = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    friday_end = end_of_day(saturday - timedelta(days=1))
    assert friday_end == datetime(2026, 3, 28, 4, 0, tzinfo=BERLIN)
    assert end_of_day(saturday) == datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN)
    elapsed = end_of_day(saturday).astimezone(UTC) - friday_end.astimezone(UTC)
    assert elapsed == timedelta(hours=23)


def test_just_after_midnight_the_day_has_not_ended_yet() -> None:
    zone = timezone(timedelta(hours=-5))
    late = datetime(2026, 3, 5, 0, 30, tzinfo=zone)
    assert end_of_day(late) == datetime(2026, 3, 5, 4, 0, tzinfo=zone)
