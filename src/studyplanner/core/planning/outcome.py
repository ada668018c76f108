"""A finished run as a plan's parts: stage-end and exam milestones, sessions in day order."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from studyplanner.core.planning.limits import ONE_DAY
from studyplanner.core.planning.plan import MilestoneKind, PlannedMilestone

if TYPE_CHECKING:
    from collections.abc import Iterable

    from studyplanner.core.planning.plan import PlannedSession
    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.planning.work import Work


def milestones(request: PlanRequest, work: Work) -> list[PlannedMilestone]:
    """A milestone at each stage's end, then one on each wanted exam's day; every stage ended."""
    found: list[PlannedMilestone] = []
    for state in work.stages:
        assert state.end is not None and state.span is not None
        found.append(
            PlannedMilestone(
                key=f"stage:{state.stage.id}",
                kind=MilestoneKind.STAGE_END,
                ref_id=state.stage.id,
                stage_id=state.stage.id,
                title=f"Finish: {state.stage.title}",
                day=state.end,
            )
        )
    for cert_id, title, stage_id, index in work.exams:
        ends = [i.end for i in work.items.values() if i.cert_id == cert_id and i.end]
        ready = max(ends) if ends else work.stages[index].gate or request.start
        found.append(
            PlannedMilestone(
                key=f"cert:{cert_id}",
                kind=MilestoneKind.CERTIFICATION,
                ref_id=cert_id,
                stage_id=stage_id,
                title=f"Exam: {title}",
                day=exam_day(request, ready),
            )
        )
    return found


def exam_day(request: PlanRequest, ready: date) -> date:
    """The exam's day: the set number of days after its preparation, and not a day off."""
    day = ready + timedelta(days=request.exam_days_after_preparation)
    while day in request.days_off:
        day += ONE_DAY
    return day


def in_day_order(
    fixed: Iterable[PlannedSession], new: Iterable[PlannedSession]
) -> list[PlannedSession]:
    """Fixed sessions first on each day (they were there first), each group in its own order."""
    ranked = [(s.day, 0, n, s) for n, s in enumerate(fixed)]
    ranked += [(s.day, 1, n, s) for n, s in enumerate(new)]
    return [s for *_, s in sorted(ranked, key=lambda r: r[:3])]
