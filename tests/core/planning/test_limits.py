"""The planner's limits: plans over 40 years and dates past the calendar are refused, not run."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from studyplanner.core.planning.dates import EARLIEST_DATE, LATEST_DATE
from studyplanner.core.planning.limits import HORIZON_DAYS, HORIZON_YEARS
from studyplanner.core.planning.planner import PlanningError, check_target, make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.core.roadmap.model import Roadmap
from tests.conftest import MONDAY

HOUR_ON_MONDAYS = WeeklyAvailability((60, 0, 0, 0, 0, 0, 0))
TOO_LONG = "the plan would take longer than 40 years: give the week more study minutes"


def roadmap(topic_hours: float, stage_years: float | None = None) -> Roadmap:
    duration = (
        f"    duration: {{min: {stage_years}, max: {stage_years}, unit: years}}\n"
        if stage_years
        else ""
    )
    return parse_roadmap(
        "format_version: 1\nid: long\ntitle: Long\nsource: {name: T}\nyear: 2026\n"
        f"stages:\n  - id: s\n    title: S\n{duration}    topics:\n"
        f"      - {{id: a, title: A, effort_hours: {{min: {topic_hours}, max: {topic_hours}}}}}\n"
    )


def test_a_plan_of_more_than_40_years_of_work_is_refused() -> None:
    # 2,100 hours at an hour a week is 40.4 years.
    request = PlanRequest(roadmap(2100), MONDAY, HOUR_ON_MONDAYS)
    with pytest.raises(PlanningError, match=TOO_LONG):
        make_plan(request)
    with pytest.raises(PlanningError, match=TOO_LONG):
        check_target(request, date(2030, 1, 1))


def test_a_plan_of_just_under_40_years_is_made() -> None:
    plan = make_plan(PlanRequest(roadmap(2080), MONDAY, HOUR_ON_MONDAYS))
    assert (plan.finish - MONDAY).days <= HORIZON_DAYS
    assert plan.finish == MONDAY + timedelta(weeks=2079)


def test_a_time_based_stage_longer_than_40_years_is_refused() -> None:
    with pytest.raises(PlanningError, match=TOO_LONG):
        make_plan(PlanRequest(roadmap(1, stage_years=HORIZON_YEARS + 1), MONDAY, HOUR_ON_MONDAYS))


@pytest.mark.parametrize("start", [date(9999, 12, 1), date(9990, 1, 4)])
def test_a_plan_that_would_run_past_the_calendar_is_refused(start: date) -> None:
    # Only the core's callers keep to the plannable dates: the core itself never overflows.
    with pytest.raises(PlanningError, match=TOO_LONG):
        make_plan(PlanRequest(roadmap(100, stage_years=20), start, HOUR_ON_MONDAYS))


@pytest.mark.parametrize("start", [EARLIEST_DATE, LATEST_DATE])
def test_the_first_and_last_plannable_dates_plan(start: date) -> None:
    plan = make_plan(PlanRequest(roadmap(10, stage_years=1), start, HOUR_ON_MONDAYS))
    assert plan.start == start
    assert plan.finish > start


def test_every_date_a_plan_reaches_stays_inside_the_calendar() -> None:
    # The horizon, a year of exam days and stage rounding to spare, from the last start date.
    assert LATEST_DATE + timedelta(days=HORIZON_DAYS + 366) < date.max - timedelta(days=366)
