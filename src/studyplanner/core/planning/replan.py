"""Re-planning from today: finished and locked work stays, the rest moves forward honestly."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from studyplanner.core.planning.limits import PlanningError
from studyplanner.core.planning.plan import Plan, PlannedSession, SessionStatus
from studyplanner.core.planning.planner import (
    FinishDates,
    TargetCheck,
    check_target,
    fit_to_target,
    scaled_week,
    week_to_meet,
)
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.scheduler import schedule
from studyplanner.core.planning.week import DaysOff

BACKLOG_DAYS = 14
PACE_WINDOW_DAYS = 28


class ChoiceKind(StrEnum):
    """The ways to rescue a target date."""

    PUSH = "push"
    ADD_TIME = "add_time"
    DROP_OPTIONAL = "drop_optional"
    SPREAD_BACKLOG = "spread_backlog"


@dataclass(frozen=True)
class ReplanChoice:
    """One way forward when the target is at risk, with its numbers and its plan."""

    kind: ChoiceKind
    summary: str
    finish: date
    meets_target: bool
    request: PlanRequest
    plan: Plan


@dataclass(frozen=True)
class Replan:
    """A re-planned plan and what changed."""

    plan: Plan
    old_finish: date
    moved: int
    kept: int
    target: TargetCheck | None
    choices: tuple[ReplanChoice, ...]

    @property
    def new_finish(self) -> date:
        """The re-planned finish date."""
        return self.plan.finish

    def summary(self) -> str:
        """What changed, in a sentence or two."""
        shift = (self.new_finish - self.old_finish).days
        if shift == 0:
            change = f"The finish date stays {self.new_finish:%d %B %Y}."
        else:
            direction = "later" if shift > 0 else "earlier"
            change = (
                f"The finish date moves from {self.old_finish:%d %B %Y} to "
                f"{self.new_finish:%d %B %Y}, {abs(shift)} day{'s' if abs(shift) != 1 else ''} "
                f"{direction}."
            )
        moved = f"{self.moved} session{'s' if self.moved != 1 else ''} moved"
        kept = f"{self.kept} done or locked session{'s' if self.kept != 1 else ''} kept in place"
        text = f"{change} {moved}; {kept}."
        if self.target is not None and not self.target.met:
            text += f" {self.target.explain()}"
        return text


def replan(
    request: PlanRequest, previous: Plan, today: date, backlog_days: int = BACKLOG_DAYS
) -> Replan:
    """Re-plan from ``today`` under the same rules, keeping done and locked sessions."""
    replanner = _Replanner(request, previous, today)
    plan = replanner.plan(request)
    check: TargetCheck | None = None
    choices: tuple[ReplanChoice, ...] = ()
    if request.target is not None:
        check = check_target(request, request.target, replanner.plan_fastest)
        if not check.met:
            choices = replanner.choices(request, request.target, plan, backlog_days)
    return Replan(
        plan, previous.finish, replanner.moved(plan), len(replanner.fixed), check, choices
    )


@dataclass(frozen=True)
class Outlook:
    """Where a plan stands today: its finish range, and the forecast from the actual pace."""

    finish_dates: FinishDates
    forecast: date | None

    def describe(self) -> str:
        """The outlook in a sentence or two."""
        dates = self.finish_dates
        text = (
            f"Expected finish {dates.expected:%d %B %Y}, between {dates.optimistic:%d %B %Y} "
            f"and {dates.late:%d %B %Y}."
        )
        if self.forecast is None:
            return text + " Log some study to see a forecast from your own pace."
        return text + f" At your pace of the last four weeks: {self.forecast:%d %B %Y}."


def outlook(request: PlanRequest, state: Plan, today: date) -> Outlook:
    """The finish range from today, keeping the work done, and the forecast at the actual pace."""
    replanner = _Replanner(request, state, today)
    ends = [replanner.schedule(request, fraction).finish for fraction in (0.0, 0.5, 1.0)]
    return Outlook(FinishDates(*ends), forecast_finish(request, state, today))


def add_break(request: PlanRequest, first: date, last: date) -> PlanRequest:
    """The request with a break of days off from ``first`` to ``last``."""
    days_off = request.days_off
    return replace(request, days_off=DaysOff(days_off.dates, (*days_off.ranges, (first, last))))


def pace_ratio(
    sessions: tuple[PlannedSession, ...], today: date, window_days: int = PACE_WINDOW_DAYS
) -> float | None:
    """Minutes done for each minute planned over the recent weeks; None before any work."""
    if not any(s.status is SessionStatus.DONE for s in sessions):
        return None
    since = today - timedelta(days=window_days)
    recent = [s for s in sessions if since <= s.day < today]
    planned = sum(s.minutes for s in recent)
    if planned == 0:
        return None
    return sum(s.done_minutes for s in recent) / planned


def forecast_finish(request: PlanRequest, previous: Plan, today: date) -> date | None:
    """The finish date at the learner's actual pace, once work has been logged."""
    forecast = forecast_plan(request, previous, today)
    return None if forecast is None else forecast.finish


def forecast_plan(request: PlanRequest, previous: Plan, today: date) -> Plan | None:
    """The rest of the plan re-planned at the learner's actual pace, once work has been logged.

    Its milestones are the forecast dates of the planned ones (matched by key).
    """
    ratio = pace_ratio(previous.sessions, today)
    if ratio is None:
        return None
    week = scaled_week(request.availability, ratio)
    if week.weekly_minutes == 0:
        return None
    slower = replace(request, availability=week)
    # The same effort at the slower pace: re-fitting to a target would hide the slip.
    try:
        return _Replanner(slower, previous, today).schedule(slower, previous.fraction)
    except PlanningError:  # so slow that it would take decades: no forecast worth giving
        return None


class _Replanner:
    """Everything a re-plan of one previous plan shares across its variants."""

    def __init__(self, request: PlanRequest, previous: Plan, today: date) -> None:
        self.previous = previous
        self.today = max(today, request.start)
        # A skipped session is history even when locked: its work is still to do, and it must
        # not be kept twice (once in place, once as the record).
        self.history = tuple(s for s in previous.sessions if s.status is SessionStatus.SKIPPED)
        self.fixed = tuple(
            s for s in previous.sessions if s.fixed and s.status is not SessionStatus.SKIPPED
        )
        self.pending = tuple(
            s for s in previous.sessions if not s.fixed and s.status is SessionStatus.PLANNED
        )

    def schedule(self, request: PlanRequest, fraction: float) -> Plan:
        spare: dict[str, list[str]] = defaultdict(list)
        for session in sorted(self.pending, key=lambda s: (s.topic_id, s.part)):
            spare[session.topic_id].append(session.key)
        return schedule(request, fraction, self.fixed, self.today, spare, self.history)

    def plan(self, request: PlanRequest) -> Plan:
        """The re-plan: a target plan is fitted again, a paced plan keeps its effort."""
        if request.target is None:
            return self.schedule(request, self.previous.fraction)
        return fit_to_target(request, request.target, lambda f: self.schedule(request, f))

    def plan_fastest(self, request: PlanRequest) -> Plan:
        return self.schedule(request, 0.0)

    def moved(self, plan: Plan) -> int:
        """Pending sessions that are gone or on another day now."""
        days = {s.key: s.day for s in plan.sessions}
        return sum(1 for s in self.pending if days.get(s.key) != s.day)

    def choices(
        self, request: PlanRequest, target: date, plan: Plan, backlog_days: int
    ) -> tuple[ReplanChoice, ...]:
        found = [
            self._choice(
                ChoiceKind.PUSH,
                replace(request, target=plan.finish),
                lambda finish: f"Move the finish date to {finish:%d %B %Y}.",
                target,
            )
        ]
        week = week_to_meet(request, target, self.plan_fastest)
        if week is not None:
            more = week.weekly_minutes - request.availability.weekly_minutes
            found.append(
                self._choice(
                    ChoiceKind.ADD_TIME,
                    replace(request, availability=week),
                    lambda finish: (
                        f"Study {week.weekly_minutes} minutes a week ({more} more) "
                        f"and finish on {finish:%d %B %Y}."
                    ),
                    target,
                )
            )
        optional = self._open_optional_topics(request)
        if optional:
            found.append(
                self._choice(
                    ChoiceKind.DROP_OPTIONAL,
                    replace(request, dropped_topics=request.dropped_topics | optional),
                    lambda finish: (
                        f"Leave out {len(optional)} optional topic"
                        f"{'s' if len(optional) != 1 else ''} and finish on {finish:%d %B %Y}."
                    ),
                    target,
                )
            )
        spread = self._spread_backlog(request, backlog_days)
        if spread is not None:
            extra, spread_request = spread
            found.append(
                self._choice(
                    ChoiceKind.SPREAD_BACKLOG,
                    spread_request,
                    lambda finish: (
                        f"Catch up on missed work with {extra} extra minutes on each "
                        f"study day of the next {backlog_days} days, and finish on "
                        f"{finish:%d %B %Y}."
                    ),
                    target,
                )
            )
        return tuple(found)

    def _choice(
        self,
        kind: ChoiceKind,
        request: PlanRequest,
        describe: Callable[[date], str],
        target: date,
    ) -> ReplanChoice:
        plan = self.plan(request)
        return ReplanChoice(
            kind, describe(plan.finish), plan.finish, plan.finish <= target, request, plan
        )

    def _open_optional_topics(self, request: PlanRequest) -> frozenset[str]:
        done = {s.topic_id for s in self.fixed}
        return frozenset(
            t.id
            for t in request.roadmap.all_topics()
            if t.optional and not request.skips(t.id) and t.id not in done
        )

    def _spread_backlog(self, request: PlanRequest, days: int) -> tuple[int, PlanRequest] | None:
        backlog = sum(s.minutes for s in self.pending if s.day < self.today)
        window = [self.today + timedelta(days=n) for n in range(days)]
        study_days = [d for d in window if request.availability.on(d) and d not in request.days_off]
        if not backlog or not study_days:
            return None
        extra = 5 * math.ceil(backlog / len(study_days) / 5)
        added = dict(request.extra_minutes)
        for day in study_days:
            added[day] = added.get(day, 0) + extra
        return extra, replace(request, extra_minutes=tuple(sorted(added.items())))
