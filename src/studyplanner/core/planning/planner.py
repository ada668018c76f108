"""The planner: a roadmap and a learner's week become a dated plan, fitted to a target if asked."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from studyplanner.core.planning.limits import PlanningError
from studyplanner.core.planning.plan import Plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.scheduler import schedule
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.planning.work import effort_minutes

__all__ = [
    "FinishDates",
    "PlanningError",
    "TargetCheck",
    "check_target",
    "effort_minutes",
    "finish_dates",
    "fit_to_target",
    "make_plan",
    "scaled_week",
    "week_to_meet",
]

FIT_STEPS = 12
DAY_LIMIT = 24 * 60


@dataclass(frozen=True)
class FinishDates:
    """When the plan ends at the low, middle and high end of every range."""

    optimistic: date
    expected: date
    late: date


@dataclass(frozen=True)
class TargetCheck:
    """Whether a target date can be met, and what it would take."""

    target: date
    met: bool
    # The weekly minutes that would meet it, in the same weekly pattern; None if no amount can.
    needed_weekly_minutes: int | None
    # The earliest finish at the current availability (every range at its low end).
    earliest_finish: date

    def explain(self) -> str:
        """The plain-English verdict."""
        if self.met:
            return f"The plan finishes by the target date, {self.target:%d %B %Y}."
        need = (
            f"It needs {self.needed_weekly_minutes} minutes of study a week"
            if self.needed_weekly_minutes is not None
            else "No amount of weekly study meets it: even full study days finish later, "
            "because of the time-based stages, the days off or the days without study"
        )
        return (
            f"The target date {self.target:%d %B %Y} cannot be met. {need}. At the current "
            f"availability the earliest finish is {self.earliest_finish:%d %B %Y}."
        )


def make_plan(request: PlanRequest) -> Plan:
    """Plan at the request's pace, or at the fullest effort that meets its target date.

    When the target cannot be met the plan is made at the low end of every range and finishes
    late; ``check_target`` says by how much and what would fix it. No day is ever overbooked.
    """
    if request.target is None:
        return schedule(request, request.pace.fraction)
    return fit_to_target(request, request.target)


def fit_to_target(
    request: PlanRequest,
    target: date,
    run: Callable[[float], Plan] | None = None,
) -> Plan:
    """The plan with the largest effort fraction that still finishes by ``target``."""
    plan_at = run or (lambda fraction: schedule(request, fraction))
    fastest = plan_at(0.0)
    if fastest.finish > target:
        return fastest
    fullest = plan_at(1.0)
    if fullest.finish <= target:
        return fullest
    low, best = 0.0, fastest
    high = 1.0
    for _ in range(FIT_STEPS):
        middle = round((low + high) / 2, 6)
        plan = plan_at(middle)
        if plan.finish <= target:
            low, best = middle, plan
        else:
            high = middle
    return best


def check_target(
    request: PlanRequest,
    target: date,
    run: Callable[[PlanRequest], Plan] | None = None,
) -> TargetCheck:
    """Whether ``target`` can be met, with the numbers that would meet it."""
    plan_with = run or (lambda r: schedule(r, 0.0))
    earliest = plan_with(request).finish
    if earliest <= target:
        return TargetCheck(target, True, None, earliest)
    week = week_to_meet(request, target, plan_with)
    return TargetCheck(target, False, week.weekly_minutes if week else None, earliest)


def week_to_meet(
    request: PlanRequest, target: date, plan_with: Callable[[PlanRequest], Plan]
) -> WeeklyAvailability | None:
    """The smallest week, in the request's weekly pattern, whose plan meets ``target``."""
    week = request.availability
    study_days = [m for m in week.minutes if m]
    if not study_days:
        return None
    top = DAY_LIMIT / min(study_days)  # every study day full; scaled_week caps each at a day
    if plan_with(replace(request, availability=scaled_week(week, top))).finish > target:
        return None
    low, high = 1.0, top
    for _ in range(FIT_STEPS + 4):
        middle = (low + high) / 2
        if plan_with(replace(request, availability=scaled_week(week, middle))).finish <= target:
            high = middle
        else:
            low = middle
    return scaled_week(week, high)


def scaled_week(week: WeeklyAvailability, factor: float) -> WeeklyAvailability:
    """The same weekly pattern with every day's minutes multiplied, in 5-minute steps."""
    minutes = tuple(min(DAY_LIMIT, 5 * math.ceil(m * factor / 5)) for m in week.minutes)
    return WeeklyAvailability(minutes, week.start_times)  # type: ignore[arg-type]


def finish_dates(request: PlanRequest, run: Callable[[float], Plan] | None = None) -> FinishDates:
    """Finish dates at the low, middle and high end of every range."""
    plan_at = run or (lambda fraction: schedule(request, fraction))
    return FinishDates(plan_at(0.0).finish, plan_at(0.5).finish, plan_at(1.0).finish)
