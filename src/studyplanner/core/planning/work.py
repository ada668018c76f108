"""The work a run of the scheduler places: each topic's minutes to book, each stage's progress."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from studyplanner.core.planning.plan import SessionStatus, StageSpan

if TYPE_CHECKING:
    from collections.abc import Sequence

    from studyplanner.core.planning.plan import PlannedSession
    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.roadmap.model import Stage, Topic


def effort_minutes(topic: Topic, fraction: float) -> int:
    """A topic's effort at the given point of its range, rounded up to 5 minutes."""
    return 5 * math.ceil(round(topic.effort_hours.pick(fraction) * 60, 6) / 5)


@dataclass
class WorkItem:
    """One topic's work while it is being placed."""

    priority: int
    topic: Topic
    stage: int
    cert_id: str | None
    remaining: int
    gated: bool
    waiting_on: set[str] = field(default_factory=set)
    end: date | None = None
    finished: bool = False
    queued: bool = False
    not_before: date | None = None  # its prerequisites' last day
    spare_keys: list[str] = field(default_factory=list)
    next_part: int = 1


@dataclass
class StageProgress:
    """One stage's progress: its gate opens when the stage before it has ended."""

    stage: Stage
    open_items: int = 0
    gate: date | None = None
    end: date | None = None
    span: StageSpan | None = None
    last_item_end: date | None = None
    waiting: list[WorkItem] = field(default_factory=list)


class Exam(NamedTuple):
    """A wanted certification's exam, after the preparation in its stage."""

    cert_id: str
    title: str
    stage_id: str
    stage: int  # the stage's index


@dataclass
class Work:
    """Everything a run places: the topics' items by id, who waits on whom, stages and exams."""

    items: dict[str, WorkItem]
    dependents: defaultdict[str, list[WorkItem]]  # by the id of the topic they wait on
    stages: list[StageProgress]
    exams: list[Exam]


def work_to_place(
    request: PlanRequest,
    fraction: float,
    fixed: Sequence[PlannedSession],
    history: Sequence[PlannedSession],
    spare_keys: dict[str, list[str]],
) -> Work:
    """The request's topics in roadmap order, less what ``fixed`` sessions already cover.

    Each topic's new sessions are numbered after its highest part among ``fixed``,
    ``history`` and ``spare_keys``, so that no key is used twice.
    """
    roadmap, req = request.roadmap, request
    stages = [StageProgress(stage) for stage in roadmap.stages]
    items: dict[str, WorkItem] = {}
    dependents: defaultdict[str, list[WorkItem]] = defaultdict(list)
    exams: list[Exam] = []
    ordered: list[tuple[Topic, int, str | None]] = []
    for index, stage in enumerate(roadmap.stages):
        ordered += [(topic, index, None) for topic in stage.topics]
        for cert in roadmap.certifications:
            if cert.stage == stage.id and req.wants_certification(cert.id, cert.optional):
                ordered += [(topic, index, cert.id) for topic in cert.preparation]
                exams.append(Exam(cert.id, cert.title, stage.id, index))
    covered: dict[str, int] = defaultdict(int)
    parts: dict[str, int] = defaultdict(int)
    for session in fixed:
        covered[session.topic_id] += (
            session.done_minutes if session.status is SessionStatus.DONE else session.minutes
        )
    for session in (*fixed, *history):
        parts[session.topic_id] = max(parts[session.topic_id], session.part)
    for topic_id, keys in spare_keys.items():
        parts[topic_id] = max([parts[topic_id], *(int(k.rsplit("/", 1)[1]) for k in keys)])
    planned = {topic.id for topic, _, _ in ordered if not req.skips(topic.id)}
    for priority, (topic, index, cert_id) in enumerate(ordered):
        if req.skips(topic.id):
            continue
        time_based = roadmap.stages[index].duration is not None
        item = WorkItem(
            priority=priority,
            topic=topic,
            stage=index,
            cert_id=cert_id,
            remaining=max(0, effort_minutes(topic, fraction) - covered[topic.id]),
            gated=time_based or not topic.prerequisites,
            waiting_on={p for p in topic.prerequisites if p in planned},
            spare_keys=list(spare_keys.get(topic.id, [])),
            next_part=parts[topic.id] + 1,
        )
        items[topic.id] = item
        stages[index].open_items += 1
        for prereq in item.waiting_on:
            dependents[prereq].append(item)
    return Work(items, dependents, stages, exams)
