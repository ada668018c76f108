"""Exact expectations for overlap, targets, finish dates, re-planning, breaks and forecasts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from studyplanner.core.planning.plan import Plan, SessionStatus
from studyplanner.core.planning.planner import (
    check_target,
    finish_dates,
    make_plan,
)
from studyplanner.core.planning.replan import (
    ChoiceKind,
    add_break,
    forecast_finish,
    pace_ratio,
    replan,
)
from studyplanner.core.planning.request import Pace, PlanRequest
from studyplanner.core.planning.scheduler import schedule
from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.loader import bundled_roadmaps, parse_roadmap
from studyplanner.core.roadmap.model import Roadmap
from tests.conftest import MONDAY
from tests.roadmaps import DATA_ENGINEER, ML_ENGINEER, by_id

WEEKDAYS_HOUR = WeeklyAvailability.uniform(60)

# One stage: a is 10 hours, b is 5 optional hours. At an hour each weekday, three weeks.
PLAIN_TEXT = """
format_version: 1
id: plain
title: Plain
source: {name: Test}
year: 2026
stages:
  - id: only
    title: Only
    topics:
      - {id: a, title: A, effort_hours: {min: 10, max: 10}}
      - {id: b, title: B, effort_hours: {min: 5, max: 5}, optional: true}
"""
PLAIN = parse_roadmap(PLAIN_TEXT)

# Stage two lasts four weeks on the job. Topic t3 needs only t1, so it may use that idle time;
# t4 has no prerequisites and waits for stage two to end.
OVERLAP_TEXT = """
format_version: 1
id: overlap
title: Overlap
source: {name: Test}
year: 2026
stages:
  - id: one
    title: One
    topics:
      - {id: t1, title: T1, effort_hours: {min: 2, max: 2}}
  - id: two
    title: Two
    duration: {min: 4, max: 4, unit: weeks}
    topics:
      - {id: t2, title: T2, effort_hours: {min: 1, max: 1}}
  - id: three
    title: Three
    topics:
      - {id: t3, title: T3, effort_hours: {min: 1, max: 1}, prerequisites: [t1]}
      - {id: t4, title: T4, effort_hours: {min: 1, max: 1}}
"""
OVERLAP = parse_roadmap(OVERLAP_TEXT)


def days(plan: Plan) -> list[tuple[str, date]]:
    return [(s.key, s.day) for s in plan.sessions]


def test_prerequisites_let_a_later_topic_use_an_idle_span() -> None:
    plan = make_plan(PlanRequest(OVERLAP, MONDAY, WEEKDAYS_HOUR))
    assert days(plan) == [
        ("t1/1", date(2026, 3, 2)),
        ("t1/2", date(2026, 3, 3)),
        ("t2/1", date(2026, 3, 4)),  # stage two opens on 3 March, its topic goes first
        ("t3/1", date(2026, 3, 5)),  # t1 is done, so t3 need not wait for stage two to end
        ("t4/1", date(2026, 3, 31)),  # stage two lasts four weeks: 3 to 30 March
    ]
    assert [(m.key, m.day) for m in plan.milestones] == [
        ("stage:one", date(2026, 3, 3)),
        ("stage:two", date(2026, 3, 30)),
        ("stage:three", date(2026, 3, 31)),
    ]


def test_a_prerequisite_in_a_later_stage_is_brought_forward_with_a_warning() -> None:
    backwards = parse_roadmap(
        OVERLAP_TEXT.replace("{id: t1, title: T1,", "{id: t1, title: T1, prerequisites: [t4],")
    )
    plan = make_plan(PlanRequest(backwards, MONDAY, WEEKDAYS_HOUR))
    assert days(plan)[:3] == [
        ("t4/1", date(2026, 3, 2)),
        ("t1/1", date(2026, 3, 3)),
        ("t1/2", date(2026, 3, 4)),
    ]
    assert plan.warnings == (
        "'T4' starts before its stage, because a topic of an earlier stage requires it",
    )


def test_review_time_comes_before_study() -> None:
    week = WeeklyAvailability((60,) * 5 + (0, 0), (time(18, 0),) * 7)
    request = PlanRequest(
        PLAIN,
        MONDAY,
        week,
        daily_review_minutes=20,
        review_forecast=((date(2026, 3, 3), 45),),
    )
    plan = make_plan(request)
    assert [(s.day, s.start_time, s.minutes) for s in plan.sessions[:2]] == [
        (date(2026, 3, 2), time(18, 20), 40),
        (date(2026, 3, 3), time(18, 45), 15),
    ]


def test_extra_minutes_on_one_day() -> None:
    request = PlanRequest(PLAIN, MONDAY, WEEKDAYS_HOUR, extra_minutes=((date(2026, 3, 7), 120),))
    plan = make_plan(request)
    saturday = [s.minutes for s in plan.sessions if s.day == date(2026, 3, 7)]
    assert saturday == [90, 30]


def test_three_finish_dates(small_roadmap: Roadmap) -> None:
    dates = finish_dates(PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR))
    assert (dates.optimistic, dates.expected, dates.late) == (
        date(2026, 4, 4),
        date(2026, 5, 5),
        date(2026, 6, 8),
    )


def test_target_date_fits_the_fullest_effort(small_roadmap: Roadmap) -> None:
    target = date(2026, 5, 20)
    request = PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR, target=target)
    plan = make_plan(request)
    assert plan.finish <= target
    assert 0.5 < plan.fraction < 1.0
    assert schedule(request, plan.fraction + 1 / 2**12).finish > target


def test_an_infeasible_target_gives_the_numbers() -> None:
    request = PlanRequest(PLAIN, MONDAY, WEEKDAYS_HOUR, target=date(2026, 3, 13))
    check = check_target(request, date(2026, 3, 13))
    # 900 minutes in the ten weekdays to 13 March need 90 a day: 450 a week.
    assert (check.met, check.needed_weekly_minutes, check.earliest_finish) == (
        False,
        450,
        date(2026, 3, 20),
    )
    assert check.explain() == (
        "The target date 13 March 2026 cannot be met. It needs 450 minutes of study a week. "
        "At the current availability the earliest finish is 20 March 2026."
    )
    plan = make_plan(request)  # made anyway, at the current availability: never overbooked
    assert plan.finish == date(2026, 3, 20)
    assert max(s.minutes for s in plan.sessions) == 60


def test_no_amount_of_time_beats_a_time_based_stage(small_roadmap: Roadmap) -> None:
    check = check_target(PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR), date(2026, 3, 20))
    assert (check.met, check.needed_weekly_minutes) == (False, None)
    assert "No amount of weekly study meets it" in check.explain()


def mark(plan: Plan, **marks: str) -> Plan:
    changed = []
    for session in plan.sessions:
        status = marks.get(session.key.replace("/", "_").replace("-", "_"))
        if status == "done":
            session = replace(session, status=SessionStatus.DONE)
        elif status == "locked":
            session = replace(session, locked=True)
        changed.append(session)
    return replace(plan, sessions=tuple(changed))


def test_replan_keeps_done_and_locked_and_reports_honestly(small_roadmap: Roadmap) -> None:
    request = PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR)
    previous = mark(make_plan(request), python_1="done", sql_1="locked")
    result = replan(request, previous, date(2026, 3, 4))
    assert days(result.plan) == [
        ("python/1", date(2026, 3, 2)),  # done: stays
        ("python/2", date(2026, 3, 4)),  # missed on the 3rd: moves to today, same key
        ("sql/1", date(2026, 3, 5)),  # locked: stays, and fills the 5th
        ("python/3", date(2026, 3, 6)),
        ("cert-prep/1", date(2026, 3, 9)),
        ("mlops/1", date(2026, 3, 10)),
    ]
    assert (result.old_finish, result.new_finish, result.moved, result.kept) == (
        date(2026, 5, 5),
        date(2026, 5, 8),
        4,
        2,
    )
    assert result.summary() == (
        "The finish date moves from 05 May 2026 to 08 May 2026, 3 days later. "
        "4 sessions moved; 2 done or locked sessions kept in place."
    )
    assert result.choices == ()


def test_short_sessions_leave_work_to_do(small_roadmap: Roadmap) -> None:
    request = PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR)
    plan = make_plan(request)
    short = replace(plan.sessions[0], status=SessionStatus.DONE, actual_minutes=30)
    result = replan(request, replace(plan, sessions=(short, *plan.sessions[1:])), MONDAY)
    python = [(s.key, s.minutes) for s in result.plan.sessions if s.topic_id == "python"]
    assert python == [("python/1", 60), ("python/2", 60), ("python/3", 60), ("python/4", 30)]


def test_a_target_at_risk_offers_four_choices_with_numbers() -> None:
    request = PlanRequest(PLAIN, MONDAY, WEEKDAYS_HOUR, target=date(2026, 3, 20))
    previous = make_plan(request)
    assert previous.finish == date(2026, 3, 20)
    result = replan(request, previous, date(2026, 3, 9))  # the first week was missed
    assert result.new_finish == date(2026, 3, 27)
    assert result.target is not None and result.target.needed_weekly_minutes == 450
    assert [(c.kind, c.finish, c.meets_target, c.summary) for c in result.choices] == [
        (ChoiceKind.PUSH, date(2026, 3, 27), False, "Move the finish date to 27 March 2026."),
        (
            ChoiceKind.ADD_TIME,
            date(2026, 3, 20),
            True,
            "Study 450 minutes a week (150 more) and finish on 20 March 2026.",
        ),
        (
            ChoiceKind.DROP_OPTIONAL,
            date(2026, 3, 20),
            True,
            "Leave out 1 optional topic and finish on 20 March 2026.",
        ),
        (
            ChoiceKind.SPREAD_BACKLOG,
            date(2026, 3, 20),
            True,
            "Catch up on missed work with 30 extra minutes on each study day of the next "
            "14 days, and finish on 20 March 2026.",
        ),
    ]
    assert result.choices[2].request.dropped_topics == frozenset({"b"})
    assert all(s.topic_id == "a" for s in result.choices[2].plan.sessions)


def test_a_break_moves_sessions() -> None:
    request = PlanRequest(PLAIN, MONDAY, WEEKDAYS_HOUR)
    previous = make_plan(request)
    with_break = add_break(request, date(2026, 3, 9), date(2026, 3, 13))
    result = replan(with_break, previous, MONDAY)
    assert not [s for s in result.plan.sessions if date(2026, 3, 9) <= s.day <= date(2026, 3, 13)]
    assert (result.new_finish, result.moved) == (date(2026, 3, 27), 10)
    assert date(2026, 3, 11) in with_break.days_off


def test_forecast_from_the_actual_pace() -> None:
    request = PlanRequest(PLAIN, MONDAY, WEEKDAYS_HOUR)
    plan = make_plan(request)
    assert forecast_finish(request, plan, date(2026, 3, 16)) is None  # nothing logged yet
    # Five of the ten sessions of the first two weeks done: half the planned pace.
    done = {s.key for s in plan.sessions[:10:2]}
    logged = replace(
        plan,
        sessions=tuple(
            replace(s, status=SessionStatus.DONE) if s.key in done else s for s in plan.sessions
        ),
    )
    assert pace_ratio(logged.sessions, date(2026, 3, 16)) == 0.5
    # 600 minutes left at 30 a weekday: twenty weekdays from 16 March.
    assert forecast_finish(request, logged, date(2026, 3, 16)) == date(2026, 4, 10)


def test_a_realistic_first_week() -> None:
    roadmap = by_id(DATA_ENGINEER)
    week = WeeklyAvailability((90, 0, 60, 0, 0, 180, 120))
    plan = make_plan(PlanRequest(roadmap, date(2026, 1, 5), week))
    first_week = [(s.key, s.day, s.minutes) for s in plan.sessions if s.day < date(2026, 1, 12)]
    # The 4.5-hour orientation: Monday 90, Wednesday 60, Saturday 90 + 30; then Python.
    role = "the-data-engineer-role"
    assert first_week == [
        (f"{role}/1", date(2026, 1, 5), 90),
        (f"{role}/2", date(2026, 1, 7), 60),
        (f"{role}/3", date(2026, 1, 10), 90),
        (f"{role}/4", date(2026, 1, 10), 30),
        ("python/1", date(2026, 1, 10), 60),
        ("python/2", date(2026, 1, 11), 90),
        ("python/3", date(2026, 1, 11), 30),
    ]


@pytest.mark.parametrize("roadmap", bundled_roadmaps(), ids=lambda r: r.id)
def test_bundled_roadmaps_plan_within_every_rule(roadmap: Roadmap) -> None:
    from tests.core.planning.test_rules import assert_rules

    request = PlanRequest(roadmap, MONDAY, WeeklyAvailability((90, 0, 60, 0, 0, 180, 120)))
    plan = make_plan(request)
    assert_rules(request, plan)
    assert plan.warnings == ()


def test_replanning_after_finishing_a_prerequisite_and_its_dependent(
    small_roadmap: Roadmap,
) -> None:
    request = PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR)
    plan = make_plan(request)
    # python and sql (which needs python) are both fully done before the re-plan.
    done = replace(
        plan,
        sessions=tuple(
            replace(s, status=SessionStatus.DONE) if s.topic_id in {"python", "sql"} else s
            for s in plan.sessions
        ),
    )
    result = replan(request, done, date(2026, 3, 9))
    assert [(s.key, s.day) for s in result.plan.sessions if not s.fixed] == [
        ("cert-prep/1", date(2026, 3, 9)),
        ("mlops/1", date(2026, 3, 10)),
    ]
    assert all(s.minutes > 0 for s in result.plan.sessions)


def test_outlook_from_today(small_roadmap: Roadmap) -> None:
    from studyplanner.core.planning.replan import outlook

    request = PlanRequest(small_roadmap, MONDAY, WEEKDAYS_HOUR)
    state = make_plan(request)
    seen = outlook(request, state, MONDAY)
    assert (seen.finish_dates.optimistic, seen.finish_dates.expected, seen.finish_dates.late) == (
        date(2026, 4, 4),
        date(2026, 5, 5),
        date(2026, 6, 8),
    )
    assert seen.forecast is None
    assert seen.describe() == (
        "Expected finish 05 May 2026, between 04 April 2026 and 08 June 2026. "
        "Log some study to see a forecast from your own pace."
    )


EVENINGS_AND_SATURDAY = WeeklyAvailability((45, 45, 45, 45, 45, 240, 0))
TUESDAY_OFF = DaysOff(frozenset({date(2026, 1, 6)}))


def first_week(roadmap_id: str, pace: Pace) -> list[tuple[str, str, int]]:
    roadmap = by_id(roadmap_id)
    request = PlanRequest(
        roadmap, date(2026, 1, 5), EVENINGS_AND_SATURDAY, pace=pace, days_off=TUESDAY_OFF
    )
    plan = make_plan(request)
    week_end = date(2026, 1, 12)
    return [(s.key, s.day.isoformat(), s.minutes) for s in plan.sessions if s.day < week_end]


def test_a_fast_first_week_of_the_data_engineer_roadmap() -> None:
    # The 3-hour orientation fills four 45-minute evenings (Tuesday is off); Saturday's four
    # hours go to Python in sessions of at most 90 minutes.
    role, python = "the-data-engineer-role", "python"
    assert first_week(DATA_ENGINEER, Pace.FAST) == [
        (f"{role}/1", "2026-01-05", 45),
        (f"{role}/2", "2026-01-07", 45),
        (f"{role}/3", "2026-01-08", 45),
        (f"{role}/4", "2026-01-09", 45),
        (f"{python}/1", "2026-01-10", 90),
        (f"{python}/2", "2026-01-10", 90),
        (f"{python}/3", "2026-01-10", 60),
    ]


def test_a_thorough_first_week_of_the_ml_engineer_roadmap() -> None:
    # Thorough: the orientation takes 6 hours, 3 on the evenings and 3 on Saturday; the last
    # hour of Saturday starts the maths.
    role, maths = "the-ml-engineer-role", "maths"
    assert first_week(ML_ENGINEER, Pace.THOROUGH) == [
        (f"{role}/1", "2026-01-05", 45),
        (f"{role}/2", "2026-01-07", 45),
        (f"{role}/3", "2026-01-08", 45),
        (f"{role}/4", "2026-01-09", 45),
        (f"{role}/5", "2026-01-10", 90),
        (f"{role}/6", "2026-01-10", 90),
        (f"{maths}/1", "2026-01-10", 60),
    ]


TWO_TOPICS_TEXT = """
format_version: 1
id: two
title: Two
source: {name: Test}
year: 2026
stages:
  - id: s0
    title: S0
    topics:
      - {id: a, title: A, effort_hours: {min: 1, max: 1}}
      - {id: b, title: B, effort_hours: {min: 1, max: 1}, prerequisites: [a]}
"""
TWO_TOPICS = parse_roadmap(TWO_TOPICS_TEXT)
EVERY_DAY_HOUR = WeeklyAvailability.uniform(60, 60)


def test_a_later_locked_session_still_comes_before_its_dependents() -> None:
    request = PlanRequest(TWO_TOPICS, MONDAY, EVERY_DAY_HOUR)
    plan = make_plan(request)
    # The learner moved a's only session ten days later and locked it there.
    moved = tuple(
        replace(s, day=date(2026, 3, 12), locked=True) if s.topic_id == "a" else s
        for s in plan.sessions
    )
    result = replan(request, replace(plan, sessions=moved), MONDAY)
    assert days(result.plan) == [("a/1", date(2026, 3, 12)), ("b/1", date(2026, 3, 13))]
    assert [(m.key, m.day) for m in result.plan.milestones] == [("stage:s0", date(2026, 3, 13))]


def test_the_forecast_of_a_target_plan_keeps_its_effort() -> None:
    ranged = parse_roadmap(
        TWO_TOPICS_TEXT.replace("{min: 1, max: 1}}", "{min: 2, max: 20}}").replace(
            "{min: 1, max: 1}, prereq", "{min: 2, max: 20}, prereq"
        )
    )
    paced = PlanRequest(ranged, MONDAY, EVERY_DAY_HOUR, pace=Pace.THOROUGH)
    target = make_plan(paced).finish
    request = replace(paced, target=target)
    plan = make_plan(request)
    assert plan.fraction == 1.0
    today = date(2026, 3, 16)
    half = tuple(
        replace(s, status=SessionStatus.DONE, actual_minutes=s.minutes // 2) if s.day < today else s
        for s in plan.sessions
    )
    state = replace(plan, sessions=half)
    # At half the pace the full effort cannot meet the target: the forecast says so.
    assert forecast_finish(request, state, today) == forecast_finish(paced, state, today)
    assert forecast_finish(request, state, today) > target  # type: ignore[operator]


def test_the_needed_week_fills_each_study_day_up_to_a_full_day() -> None:
    one_topic = parse_roadmap(PLAIN_TEXT.replace("{min: 10, max: 10}", "{min: 40, max: 40}"))
    week = WeeklyAvailability((1440, 60, 0, 0, 0, 0, 0))
    request = PlanRequest(one_topic, MONDAY, week, known_topics=frozenset({"b"}))
    check = check_target(request, date(2026, 3, 3))
    # 40 hours by Tuesday: all of Monday (24 h) and 16 hours of Tuesday.
    assert (check.met, check.needed_weekly_minutes) == (False, 1440 + 960)


def test_no_forecast_at_a_pace_that_would_take_decades() -> None:
    request = PlanRequest(PLAIN, MONDAY, WEEKDAYS_HOUR)
    plan = make_plan(request)
    big = parse_roadmap(PLAIN_TEXT.replace("{min: 10, max: 10}", "{min: 900, max: 900}"))
    request = replace(request, roadmap=big)
    plan = make_plan(request)
    today = date(2026, 3, 30)
    # One minute done in four weeks of hours: 5 minutes a day would take over forty years.
    first = replace(plan.sessions[0], status=SessionStatus.DONE, actual_minutes=1)
    state = replace(plan, sessions=(first, *plan.sessions[1:]))
    assert pace_ratio(state.sessions, today) is not None
    assert forecast_finish(request, state, today) is None
