"""Progress in numbers: weekly minutes, running totals, the streak and hours done."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from studyplanner.core.planning.plan import Plan, PlannedSession, SessionStatus
from studyplanner.core.planning.progress import (
    WeekProgress,
    hours_done,
    study_streak,
    weekly_progress,
)


def session(
    day: date, minutes: int, status: SessionStatus, actual: int | None = None
) -> PlannedSession:
    return PlannedSession(
        key=f"t/{day.day}",
        topic_id="t",
        stage_id="s",
        title="T",
        day=day,
        minutes=minutes,
        status=status,
        actual_minutes=actual,
    )


PLAN = Plan(
    roadmap_id="r",
    start=date(2026, 3, 2),
    fraction=1.0,
    sessions=(
        session(date(2026, 3, 2), 60, SessionStatus.DONE, 45),
        session(date(2026, 3, 3), 60, SessionStatus.DONE),
        session(date(2026, 3, 4), 60, SessionStatus.SKIPPED),
        session(date(2026, 3, 9), 90, SessionStatus.DONE),
        session(date(2026, 3, 10), 90, SessionStatus.PLANNED),
        session(date(2026, 3, 24), 30, SessionStatus.PLANNED),
    ),
    milestones=(),
    spans=(),
)


def test_weeks_hold_planned_and_done_minutes_and_running_totals() -> None:
    assert weekly_progress(PLAN, first_weekday=0) == [
        WeekProgress(date(2026, 3, 2), 120, 105, 120, 105),
        WeekProgress(date(2026, 3, 9), 180, 90, 300, 195),
        WeekProgress(date(2026, 3, 16), 0, 0, 300, 195),  # an empty week still shows
        WeekProgress(date(2026, 3, 23), 30, 0, 330, 195),
    ]


def test_weeks_can_start_on_sunday_and_stop_at_a_date() -> None:
    weeks = weekly_progress(PLAN, first_weekday=6, until=date(2026, 3, 7))
    assert [(w.start, w.planned, w.done) for w in weeks] == [(date(2026, 3, 1), 120, 105)]


def test_the_streak_counts_days_in_a_row_up_to_today_or_yesterday() -> None:
    assert study_streak(PLAN, date(2026, 3, 3)) == 2
    assert study_streak(PLAN, date(2026, 3, 4)) == 2  # nothing yet today: yesterday counts
    assert study_streak(PLAN, date(2026, 3, 5)) == 0
    assert study_streak(PLAN, date(2026, 3, 9)) == 1


def test_hours_done_use_the_actual_minutes() -> None:
    assert hours_done(PLAN) == (45 + 60 + 90) / 60
    assert hours_done(replace(PLAN, sessions=())) == 0
    assert weekly_progress(replace(PLAN, sessions=()), 0) == []
