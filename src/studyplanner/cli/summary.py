"""The plan command's readable output: the outlook, then the plan week by week."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from studyplanner.core.planning.plan import Plan, PlannedMilestone, PlannedSession
from studyplanner.core.planning.planner import FinishDates, TargetCheck
from studyplanner.core.roadmap.model import Roadmap


def hours(minutes: int) -> str:
    """Minutes as hours and minutes, e.g. ``4 h 30 min``."""
    whole, rest = divmod(minutes, 60)
    return f"{whole} h {rest} min" if rest else f"{whole} h"


def summary_lines(
    roadmap: Roadmap, plan: Plan, finish: FinishDates, target: TargetCheck | None
) -> Iterator[str]:
    """The whole readable summary, one line at a time."""
    yield (
        f"{roadmap.title}: {len(plan.sessions)} sessions, {hours(plan.total_minutes)} of study, "
        f"{plan.start} to {plan.finish}"
    )
    if not plan.sessions:
        yield "Nothing is left to study: every topic of this plan is known already."
    yield (
        f"Finish dates: optimistic {finish.optimistic}, expected {finish.expected}, "
        f"late {finish.late}"
    )
    if target is not None:
        yield target.explain()
    for warning in plan.warnings:
        yield f"Warning: {warning}"
    sessions: dict[date, list[PlannedSession]] = defaultdict(list)
    milestones: dict[date, list[PlannedMilestone]] = defaultdict(list)
    for session in plan.sessions:
        sessions[_monday(session.day)].append(session)
    for milestone in plan.milestones:
        milestones[_monday(milestone.day)].append(milestone)
    for monday in sorted(sessions.keys() | milestones.keys()):
        week = sessions.get(monday, [])
        per_topic: dict[str, int] = {}
        for session in week:
            per_topic[session.title] = per_topic.get(session.title, 0) + session.minutes
        topics = ", ".join(f"{title} ({minutes} min)" for title, minutes in per_topic.items())
        total = sum(s.minutes for s in week)
        count = f"{len(week)} session{'s' if len(week) != 1 else ''}"
        yield f"Week of {monday}: {count}, {total} min" + (f": {topics}" if topics else "")
        for milestone in milestones.get(monday, []):
            yield f"  {milestone.day} {milestone.title}"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
