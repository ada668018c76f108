"""A plan's progress in numbers: minutes per week, planned against done, and the streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from studyplanner.core.planning.plan import Plan, SessionStatus


@dataclass(frozen=True)
class WeekProgress:
    """One week's planned and done minutes, and the running totals up to its end."""

    start: date
    planned: int
    done: int
    planned_total: int
    done_total: int


def weekly_progress(
    plan: Plan, first_weekday: int, until: date | None = None
) -> list[WeekProgress]:
    """Every week of the plan (up to ``until``, if given), in order.

    Planned minutes are every session that is not skipped; done minutes are what the learner
    logged (the planned length unless they gave the actual minutes).
    """
    if not plan.sessions:
        return []
    first = min(s.day for s in plan.sessions)
    last = max(s.day for s in plan.sessions)
    if until is not None:
        last = min(last, until)
    start = first - timedelta(days=(first.weekday() - first_weekday) % 7)
    planned: dict[date, int] = {}
    done: dict[date, int] = {}
    for session in plan.sessions:
        week = session.day - timedelta(days=(session.day.weekday() - first_weekday) % 7)
        if session.status is not SessionStatus.SKIPPED:
            planned[week] = planned.get(week, 0) + session.minutes
        done[week] = done.get(week, 0) + session.done_minutes
    weeks, planned_total, done_total = [], 0, 0
    while start <= last:
        planned_total += planned.get(start, 0)
        done_total += done.get(start, 0)
        weeks.append(
            WeekProgress(
                start, planned.get(start, 0), done.get(start, 0), planned_total, done_total
            )
        )
        start += timedelta(days=7)
    return weeks


def study_streak(plan: Plan, today: date) -> int:
    """Days in a row, up to today (or yesterday, if today has no study yet), with study done."""
    days = {s.day for s in plan.sessions if s.status is SessionStatus.DONE}
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def hours_done(plan: Plan) -> float:
    """All the study logged, in hours."""
    return sum(s.done_minutes for s in plan.sessions) / 60
