"""How times and states are stored, and the day boundaries counts are taken between."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from studyplanner.core.cards.ratings import State
from studyplanner.core.cards.scheduling import CardState
from studyplanner.storage.reviews.stored import (
    CARD_COLUMNS,
    card_state,
    day_starts,
    read_time,
    stored_time,
)


def test_review_days_start_at_four_on_the_wall_clock_across_daylight_saving() -> None:
    berlin = ZoneInfo("Europe/Berlin")  # summer time from 02:00 on 29 March 2026
    assert day_starts(date(2026, 3, 28), 2, berlin) == [
        "2026-03-28 03:00:00.000000",
        "2026-03-29 02:00:00.000000",
        "2026-03-30 02:00:00.000000",
    ]
    assert day_starts(date(2026, 3, 28), 0, UTC) == ["2026-03-28 04:00:00.000000"]
    assert day_starts(date(2026, 3, 28), 0, UTC, hour=0) == ["2026-03-28 00:00:00.000000"]


def test_times_and_states_read_back_as_stored() -> None:
    due = datetime(2026, 3, 5, 9, 15, 30, 250, tzinfo=UTC)
    assert read_time(stored_time(due)) == due
    assert stored_time(None) is None and read_time(None) is None
    row = (7, State.Review.value, None, 4.5, 6.0, stored_time(due), "2026-03-01 08:00:00.000000")
    assert len(row) == len(CARD_COLUMNS.split(", "))
    assert card_state(row) == CardState(
        State.Review, None, 4.5, 6.0, due, datetime(2026, 3, 1, 8, tzinfo=UTC)
    )


def test_times_are_stored_as_sqlalchemy_stores_them() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    for moment in (
        datetime(2026, 3, 5, 9, 15, 30, 250, tzinfo=UTC),
        datetime(2026, 7, 1, 0, 0, tzinfo=berlin),  # the day before, in UTC
        datetime(2026, 1, 1, 12, 0, 0, 999999, tzinfo=berlin),
        datetime(999, 1, 1, tzinfo=UTC),
    ):
        assert stored_time(moment) == moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    assert stored_time(datetime(2026, 7, 1, tzinfo=berlin)) == "2026-06-30 22:00:00.000000"
