"""Every planning rule, over random roadmaps, weeks and days off."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from studyplanner.core.planning.plan import Plan, SessionStatus
from studyplanner.core.planning.planner import effort_minutes, make_plan
from studyplanner.core.planning.replan import replan
from studyplanner.core.planning.request import Pace, PlanRequest
from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.model import Roadmap
from tests.core.planning.strategies import START, days_off, roadmaps, weeks

RULES = settings(max_examples=80, deadline=None)


def planned_topics(request: PlanRequest) -> dict[str, object]:
    topics = {t.id: t for stage in request.roadmap.stages for t in stage.topics}
    for cert in request.roadmap.certifications:
        if request.wants_certification(cert.id, cert.optional):
            topics.update({t.id: t for t in cert.preparation})
    return {k: v for k, v in topics.items() if not request.skips(k)}


def assert_rules(request: PlanRequest, plan: Plan, extra: dict[date, int] | None = None) -> None:
    """Capacity, days off, full effort, prerequisites, spans and order."""
    new: dict[date, int] = defaultdict(int)
    fixed: dict[date, int] = defaultdict(int)
    per_topic: dict[str, int] = defaultdict(int)
    first_index: dict[str, int] = {}
    last_index: dict[str, int] = {}
    for index, session in enumerate(plan.sessions):
        if session.status is SessionStatus.SKIPPED:
            continue
        assert 0 < session.minutes <= request.max_session_minutes
        if session.fixed:
            fixed[session.day] += session.minutes
        else:
            assert session.day not in request.days_off
            new[session.day] += session.minutes
        per_topic[session.topic_id] += (
            session.done_minutes if session.status is SessionStatus.DONE else session.minutes
        )
        first_index.setdefault(session.topic_id, index)
        last_index[session.topic_id] = index
    for day, minutes in new.items():
        allowed = request.availability.on(day) + (extra or {}).get(day, 0)
        assert minutes <= max(0, allowed - fixed[day]), day
    topics = planned_topics(request)
    for topic_id, topic in topics.items():
        assert per_topic[topic_id] >= effort_minutes(topic, plan.fraction), topic_id  # type: ignore[arg-type]
    for topic_id, topic in topics.items():
        for prereq in topic.prerequisites:  # type: ignore[attr-defined]
            if prereq in first_index and topic_id in first_index:
                assert last_index[prereq] < first_index[topic_id], (prereq, topic_id)
    spans = {span.stage_id: span for span in plan.spans}
    for stage in request.roadmap.stages:
        if stage.duration is None:
            continue
        for topic in stage.topics:
            if topic.id in first_index:
                assert plan.sessions[first_index[topic.id]].day >= spans[stage.id].start
    ends = [spans[s.id].end for s in request.roadmap.stages]
    assert ends == sorted(ends)
    days = [s.day for s in plan.sessions]
    assert days == sorted(days)


@RULES
@given(roadmap=roadmaps(), week=weeks, off=days_off(), pace=st.sampled_from(list(Pace)))
def test_plans_keep_every_rule(
    roadmap: Roadmap, week: WeeklyAvailability, off: DaysOff, pace: Pace
) -> None:
    request = PlanRequest(roadmap, START, week, pace=pace, days_off=off)
    plan = make_plan(request)
    assert_rules(request, plan)
    for topic_id in planned_topics(request):
        minutes = sum(s.minutes for s in plan.sessions if s.topic_id == topic_id)
        topic = planned_topics(request)[topic_id]
        assert minutes == effort_minutes(topic, pace.fraction)  # type: ignore[arg-type]
    assert make_plan(request) == plan  # deterministic


@RULES
@given(
    roadmap=roadmaps(),
    week=weeks,
    off=days_off(),
    today_offset=st.integers(0, 120),
    marks=st.lists(st.sampled_from(["planned", "done", "locked", "skipped", "short"]), max_size=60),
)
def test_replanning_never_moves_done_or_locked_sessions(
    roadmap: Roadmap,
    week: WeeklyAvailability,
    off: DaysOff,
    today_offset: int,
    marks: list[str],
) -> None:
    request = PlanRequest(roadmap, START, week, days_off=off)
    plan = make_plan(request)
    today = START + timedelta(days=today_offset)
    marked = []
    for session, mark in zip(plan.sessions, marks + ["planned"] * len(plan.sessions), strict=False):
        if mark == "done":
            session = replace(session, status=SessionStatus.DONE)
        elif mark == "short":
            session = replace(
                session, status=SessionStatus.DONE, actual_minutes=session.minutes // 2
            )
        elif mark == "locked":
            session = replace(session, locked=True)
        elif mark == "skipped":
            session = replace(session, status=SessionStatus.SKIPPED)
        marked.append(session)
    previous = replace(plan, sessions=tuple(marked))
    result = replan(request, previous, today)
    kept = {s.key: s for s in result.plan.sessions}
    for session in marked:
        if session.fixed or session.status is SessionStatus.SKIPPED:
            assert kept[session.key] == session
    for session in result.plan.sessions:
        if not session.fixed and session.status is SessionStatus.PLANNED:
            assert session.day >= today
            assert session.day not in request.days_off
    if not any(s.fixed for s in marked):
        assert_rules(request, result.plan)
    keys = [s.key for s in result.plan.sessions]
    assert len(keys) == len(set(keys))
    for topic_id, topic in planned_topics(request).items():
        covered = sum(
            s.done_minutes if s.status is SessionStatus.DONE else s.minutes
            for s in result.plan.sessions
            if s.topic_id == topic_id and s.status is not SessionStatus.SKIPPED
        )
        assert covered >= effort_minutes(topic, plan.fraction)  # type: ignore[arg-type]
    assert replan(request, previous, today) == result  # deterministic
