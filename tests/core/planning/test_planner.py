"""The first planner: exact dates for a small roadmap, and rules that hold for any week."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyplanner.core.planning.plan import MilestoneKind
from studyplanner.core.planning.planner import PlanningError, make_plan
from studyplanner.core.planning.request import Pace, PlanRequest
from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.loader import bundled_roadmaps, parse_roadmap
from studyplanner.core.roadmap.model import Roadmap
from tests.conftest import MONDAY, SMALL_ROADMAP

WEEKDAYS_HOUR = WeeklyAvailability.uniform(60)


def sessions_of(plan: object, topic: str) -> list[tuple[date, int]]:
    return [(s.day, s.minutes) for s in plan.sessions if s.topic_id == topic]  # type: ignore[attr-defined]


def test_small_roadmap_steady_pace(small_roadmap: Roadmap) -> None:
    plan = make_plan(PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR))
    assert [(s.key, s.day, s.minutes, s.certification_id) for s in plan.sessions] == [
        ("python/1", date(2026, 3, 2), 60, None),
        ("python/2", date(2026, 3, 3), 60, None),
        ("python/3", date(2026, 3, 4), 60, None),
        ("sql/1", date(2026, 3, 5), 60, None),
        ("cert-prep/1", date(2026, 3, 6), 60, "cert"),
        ("mlops/1", date(2026, 3, 9), 60, None),
    ]
    assert [(m.key, m.kind, m.day) for m in plan.milestones] == [
        ("stage:basics", MilestoneKind.STAGE_END, date(2026, 3, 6)),
        ("cert:cert", MilestoneKind.CERTIFICATION, date(2026, 3, 13)),
        # The job stage lasts two months (the middle of 1-3) from 6 March.
        ("stage:job", MilestoneKind.STAGE_END, date(2026, 5, 5)),
    ]
    assert plan.finish == date(2026, 5, 5)
    assert plan.total_minutes == 360


def test_pace_picks_the_end_of_each_range(small_roadmap: Roadmap) -> None:
    fast = make_plan(PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR, pace=Pace.FAST))
    thorough = make_plan(PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR, pace=Pace.THOROUGH))
    assert fast.total_minutes == 120 + 60 + 60 + 60
    assert thorough.total_minutes == 240 + 60 + 60 + 60
    # Fast: study ends Thursday 5 March; the job stage lasts one month from that day.
    assert fast.finish == date(2026, 4, 4)
    # Thorough: study ends Monday 9 March; the job stage lasts three months from then.
    assert thorough.finish == date(2026, 6, 8)


def test_long_days_split_into_sessions_of_at_most_90_minutes(small_roadmap: Roadmap) -> None:
    mondays = WeeklyAvailability((200, 0, 0, 0, 0, 0, 0))
    plan = make_plan(PlanRequest(small_roadmap, MONDAY, mondays, pace=Pace.THOROUGH))
    assert sessions_of(plan, "python") == [
        (date(2026, 3, 2), 90),
        (date(2026, 3, 2), 90),
        (date(2026, 3, 2), 20),
        (date(2026, 3, 9), 40),
    ]


def test_no_sliver_shorter_than_the_minimum_session(small_roadmap: Roadmap) -> None:
    mondays = WeeklyAvailability((190, 0, 0, 0, 0, 0, 0))
    plan = make_plan(PlanRequest(small_roadmap, MONDAY, mondays, pace=Pace.THOROUGH))
    # 10 minutes are left on the first Monday: too short to start on, so python goes on a week.
    assert sessions_of(plan, "python") == [
        (date(2026, 3, 2), 90),
        (date(2026, 3, 2), 90),
        (date(2026, 3, 9), 60),
    ]


def test_days_off_get_no_sessions(small_roadmap: Roadmap) -> None:
    off = DaysOff(frozenset({date(2026, 3, 3)}), ((date(2026, 3, 4), date(2026, 3, 5)),))
    plan = make_plan(PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR, days_off=off))
    assert sessions_of(plan, "python") == [
        (date(2026, 3, 2), 60),
        (date(2026, 3, 6), 60),
        (date(2026, 3, 9), 60),
    ]


def test_known_topics_are_skipped_but_milestones_stay(small_roadmap: Roadmap) -> None:
    request = PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR, known_topics=frozenset({"python"}))
    plan = make_plan(request)
    assert plan.sessions[0].key == "sql/1"
    assert plan.sessions[0].day == MONDAY
    assert "stage:basics" in {m.key for m in plan.milestones}


def test_certifications_can_be_left_out(small_roadmap: Roadmap) -> None:
    request = PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR, certifications=frozenset())
    plan = make_plan(request)
    assert all(s.certification_id is None for s in plan.sessions)
    assert [m.key for m in plan.milestones] == ["stage:basics", "stage:job"]


def test_preferred_start_times_chain_within_a_day(small_roadmap: Roadmap) -> None:
    week = WeeklyAvailability((180, 0, 0, 0, 0, 0, 0), (time(18, 0),) + (None,) * 6)
    plan = make_plan(PlanRequest(small_roadmap, MONDAY, week))
    assert [(s.key, s.start_time) for s in plan.sessions[:2]] == [
        ("python/1", time(18, 0)),
        ("python/2", time(19, 30)),
    ]


def test_a_week_without_study_time_is_refused(small_roadmap: Roadmap) -> None:
    with pytest.raises(PlanningError, match="the week has no study time"):
        make_plan(PlanRequest(small_roadmap, MONDAY, WeeklyAvailability.uniform(0)))


def test_every_bundled_roadmap_plans_deterministically() -> None:
    for roadmap in bundled_roadmaps():
        request = PlanRequest(roadmap, MONDAY, WeeklyAvailability.uniform(60, 120))
        first, second = make_plan(request), make_plan(request)
        assert first == second
        assert first.sessions, roadmap.id
        stage_ends = [m.ref_id for m in first.milestones if m.kind is MilestoneKind.STAGE_END]
        assert sorted(stage_ends) == sorted(s.id for s in roadmap.stages)


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.lists(st.integers(0, 300), min_size=7, max_size=7).filter(lambda m: sum(m) > 0),
    offsets=st.sets(st.integers(0, 60), max_size=20),
    pace=st.sampled_from(list(Pace)),
)
def test_booking_rules_hold_for_any_week(minutes: list[int], offsets: set[int], pace: Pace) -> None:
    small_roadmap = parse_roadmap(SMALL_ROADMAP)
    week = WeeklyAvailability(tuple(minutes))  # type: ignore[arg-type]
    off = DaysOff(frozenset(MONDAY + timedelta(days=o) for o in offsets))
    request = PlanRequest(small_roadmap, MONDAY, week, pace=pace, days_off=off)
    plan = make_plan(request)
    per_day: dict[date, int] = defaultdict(int)
    per_topic: dict[str, int] = defaultdict(int)
    for session in plan.sessions:
        assert session.day not in off
        assert 0 < session.minutes <= request.max_session_minutes
        per_day[session.day] += session.minutes
        per_topic[session.topic_id] += session.minutes
    for day, used in per_day.items():
        assert used <= week.on(day)
    expected = {"python": 180, "sql": 60, "mlops": 60, "cert-prep": 60}
    if pace is Pace.FAST:
        expected["python"] = 120
    elif pace is Pace.THOROUGH:
        expected["python"] = 240
    assert dict(per_topic) == expected
    days = [s.day for s in plan.sessions]
    assert days == sorted(days)
