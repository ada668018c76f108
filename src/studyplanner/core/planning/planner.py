"""The planner: a roadmap and a learner's week become dated sessions and milestones."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from studyplanner.core.planning.dates import add_duration
from studyplanner.core.planning.plan import (
    MilestoneKind,
    Plan,
    PlannedMilestone,
    PlannedSession,
    StageSpan,
)
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.roadmap.model import Stage, Topic

# A plan that would run past this many days is refused rather than computed forever.
HORIZON_DAYS = 366 * 40


class PlanningError(ValueError):
    """The request cannot become a plan; the message says why in plain words."""


def effort_minutes(topic: Topic, fraction: float) -> int:
    """A topic's effort at the given point of its range, rounded up to 5 minutes."""
    return 5 * math.ceil(topic.effort_hours.pick(fraction) * 60 / 5)


@dataclass
class _Calendar:
    """Walks forward through days, handing out each day's study minutes once."""

    request: PlanRequest
    day: date
    used: int = 0
    sessions: list[PlannedSession] = field(default_factory=list)

    def capacity(self, day: date) -> int:
        if day in self.request.days_off:
            return 0
        return self.request.availability.on(day)

    def advance_to(self, day: date) -> None:
        if day > self.day:
            self.day, self.used = day, 0

    def next_day(self) -> None:
        self.advance_to(self.day + timedelta(days=1))
        if (self.day - self.request.start).days > HORIZON_DAYS:
            raise PlanningError(
                "the plan would run for more than 40 years at this availability; "
                "add study time or choose fewer items"
            )

    def book(self, topic: Topic, stage_id: str, minutes: int, cert_id: str | None) -> None:
        """Place ``minutes`` of study for ``topic`` on the next free days."""
        req = self.request
        part = 0
        while minutes > 0:
            free = self.capacity(self.day) - self.used
            # Do not leave a sliver too short to be a session, unless it finishes the topic.
            if free <= 0 or (free < req.min_session_minutes and minutes > free):
                self.next_day()
                continue
            length = min(minutes, free, req.max_session_minutes)
            part += 1
            self.sessions.append(
                PlannedSession(
                    key=f"{topic.id}/{part}",
                    topic_id=topic.id,
                    stage_id=stage_id,
                    title=topic.title,
                    day=self.day,
                    minutes=length,
                    start_time=self._start_time(),
                    certification_id=cert_id,
                )
            )
            self.used += length
            minutes -= length

    def _start_time(self) -> time | None:
        preferred = self.request.availability.start_times[self.day.weekday()]
        if preferred is None:
            return None
        begin = datetime.combine(self.day, preferred) + timedelta(minutes=self.used)
        return begin.time() if begin.date() == self.day else None


def make_plan(request: PlanRequest) -> Plan:
    """Plan the roadmap in order: stages, their topics, then their certifications."""
    if request.availability.weekly_minutes == 0:
        raise PlanningError("the week has no study time: give at least one day some minutes")
    cal = _Calendar(request, request.start)
    milestones: list[PlannedMilestone] = []
    spans: list[StageSpan] = []
    for stage in request.roadmap.stages:
        stage_start = cal.day
        last_session = _book_stage(cal, stage, milestones)
        end = last_session or stage_start
        if stage.duration is not None:
            fraction = request.pace.fraction
            span_end = add_duration(stage_start, stage.duration.pick(fraction), stage.duration.unit)
            end = max(end, span_end - timedelta(days=1))
        spans.append(StageSpan(stage.id, stage_start, end))
        milestones.append(
            PlannedMilestone(
                key=f"stage:{stage.id}",
                kind=MilestoneKind.STAGE_END,
                ref_id=stage.id,
                title=f"Finish: {stage.title}",
                day=end,
            )
        )
        if stage.duration is not None:
            # A time-based stage holds the calendar until its span ends.
            cal.advance_to(end + timedelta(days=1))
    return Plan(
        roadmap_id=request.roadmap.id,
        start=request.start,
        sessions=tuple(cal.sessions),
        milestones=tuple(sorted(milestones, key=lambda m: (m.day, m.key))),
        spans=tuple(spans),
    )


def _book_stage(cal: _Calendar, stage: Stage, milestones: list[PlannedMilestone]) -> date | None:
    """Book a stage's topics and certifications; return the day of its last session."""
    req = cal.request
    fraction = req.pace.fraction
    before = len(cal.sessions)
    for topic in stage.topics:
        if topic.id not in req.known_topics:
            cal.book(topic, stage.id, effort_minutes(topic, fraction), None)
    for cert in req.roadmap.certifications:
        if cert.stage != stage.id or not req.wants_certification(cert.id, cert.optional):
            continue
        prep_start = len(cal.sessions)
        for topic in cert.preparation:
            if topic.id not in req.known_topics:
                cal.book(topic, stage.id, effort_minutes(topic, fraction), cert.id)
        ready = cal.sessions[-1].day if len(cal.sessions) > prep_start else cal.day
        milestones.append(
            PlannedMilestone(
                key=f"cert:{cert.id}",
                kind=MilestoneKind.CERTIFICATION,
                ref_id=cert.id,
                title=f"Exam: {cert.title}",
                day=ready + timedelta(days=req.exam_days_after_preparation),
            )
        )
    return cal.sessions[-1].day if len(cal.sessions) > before else None
