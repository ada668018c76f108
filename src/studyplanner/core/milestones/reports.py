"""Each milestone of a plan with its evidence, state, forecast and exam readiness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from studyplanner.core.cards.scheduling import CardState, ReviewSettings, retrievability
from studyplanner.core.milestones.mastery import (
    Assessment,
    Evidence,
    MasteryCriteria,
    assess,
    at_risk,
    own_assessment,
)
from studyplanner.core.planning.plan import MilestoneKind, Plan, PlannedMilestone, SessionStatus

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from studyplanner.core.roadmap.model import Roadmap

EXAM_HOUR = time(9, 0)


@dataclass(frozen=True)
class MilestoneReport:
    """A milestone as the Milestones page and the command line show it."""

    key: str
    kind: MilestoneKind
    title: str
    deck: str  # the stage or certification whose cards count
    start: date | None  # its first session, if it has any
    planned: date
    forecast: date | None
    evidence: Evidence
    criteria: MasteryCriteria | None
    assessment: Assessment
    readiness: float | None  # exams: the cards' predicted recall on the exam day
    at_risk: bool


@dataclass(frozen=True)
class _Topics:
    ids: frozenset[str]
    title: str


def milestone_reports(
    roadmap: Roadmap,
    plan: Plan,
    forecast: Plan | None,
    cards: Mapping[str, list[CardState]],
    quizzes: Mapping[str, tuple[int, int]],
    rules: Mapping[str, MasteryCriteria],
    now: datetime,
    settings: ReviewSettings,
    own: Mapping[str, tuple[bool, str]] | None = None,
) -> list[MilestoneReport]:
    """Assess every milestone of a plan on the day of ``now``.

    ``cards`` are the roadmap's cards by topic; ``quizzes`` the latest quiz score (right, asked)
    by topic; ``rules`` the learner's criteria by milestone key, '' for the whole roadmap;
    ``own`` the learner's own milestones: whether each is marked reached, and what counts.
    """
    own = own or {}
    today = now.date()
    forecast_days = {m.key: m.day for m in forecast.milestones} if forecast else {}
    groups = {
        stage.id: _Topics(frozenset(t.id for t in stage.topics), stage.title)
        for stage in roadmap.stages
    }
    exams = {
        cert.id: _Topics(frozenset(t.id for t in cert.preparation), cert.title)
        for cert in roadmap.certifications
    }
    reports = []
    for milestone in plan.milestones:
        if milestone.kind.by_learner:
            reached, what = own.get(milestone.key, (False, ""))
            reports.append(_own_report(milestone, today, reached, what))
            continue
        if milestone.kind is MilestoneKind.STAGE_END:
            topics = groups.get(milestone.ref_id, _Topics(frozenset(), milestone.title))
            sessions = [
                s
                for s in plan.sessions
                if s.stage_id == milestone.ref_id and s.certification_id is None
            ]
            criteria: MasteryCriteria | None = rules.get(
                milestone.key, rules.get("", MasteryCriteria())
            )
        else:
            topics = exams.get(milestone.ref_id, _Topics(frozenset(), milestone.title))
            sessions = [s for s in plan.sessions if s.certification_id == milestone.ref_id]
            criteria = None  # an exam counts once its preparation is done
        states = [card for topic in sorted(topics.ids) for card in cards.get(topic, [])]
        scores = [quizzes[t] for t in sorted(topics.ids) if t in quizzes]
        evidence = Evidence(
            sessions=len([s for s in sessions if s.status is not SessionStatus.SKIPPED]),
            sessions_done=len([s for s in sessions if s.status is SessionStatus.DONE]),
            cards=len(states),
            cards_reviewed=sum(1 for card in states if not card.is_new),
            retrievability=_mean(retrievability(card, now, settings) for card in states),
            quiz_right=sum(right for right, _total in scores),
            quiz_total=sum(total for _right, total in scores),
        )
        assessment = assess(milestone.day, today, evidence, criteria, topics.title)
        readiness = None
        if milestone.kind is MilestoneKind.CERTIFICATION and states:
            exam = datetime.combine(milestone.day, EXAM_HOUR, tzinfo=now.tzinfo or UTC)
            readiness = _mean(retrievability(card, exam, settings) for card in states)
        planned_forecast = forecast_days.get(milestone.key)
        reports.append(
            MilestoneReport(
                milestone.key,
                milestone.kind,
                milestone.title,
                topics.title,
                min((s.day for s in sessions), default=None),
                milestone.day,
                planned_forecast,
                evidence,
                criteria,
                assessment,
                readiness,
                at_risk(milestone.day, planned_forecast, assessment.gate_met),
            )
        )
    return reports


def _own_report(
    milestone: PlannedMilestone,
    today: date,
    reached: bool,
    what: str,
) -> MilestoneReport:
    assessment = own_assessment(milestone.day, today, reached, what)
    return MilestoneReport(
        milestone.key,
        milestone.kind,
        milestone.title,
        what,
        None,
        milestone.day,
        None,
        Evidence(0, 0),
        None,
        assessment,
        None,
        False,
    )


def _mean(values: Iterable[float]) -> float:
    numbers = list(values)
    return sum(numbers) / len(numbers) if numbers else 0.0


def waiting_for_mastery(
    reports: list[MilestoneReport], roadmap: Roadmap
) -> dict[str, MilestoneReport]:
    """In strict mode, the stages held back, each with the stage milestone holding it.

    A stage waits while the milestone of the stage before it has not been reached.
    """
    ends = {r.key: r for r in reports if r.kind is MilestoneKind.STAGE_END}
    waiting = {}
    for before, stage in zip(roadmap.stages, roadmap.stages[1:], strict=False):
        gate = ends.get(f"stage:{before.id}")
        if gate is not None and not gate.assessment.gate_met:
            waiting[stage.id] = gate
    return waiting
