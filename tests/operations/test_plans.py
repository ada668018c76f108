"""Plan operations: a new plan from the plan shown, or worked out; an imported roadmap."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.operations.changes import Changed
from studyplanner.operations.plans import create_plan, import_roadmap
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW


def test_a_new_plan_keeps_the_schedule_it_is_given(store: Store, small_roadmap: Roadmap) -> None:
    request = PlanRequest(small_roadmap, MONDAY, WeeklyAvailability.uniform(60))
    worked_out = make_plan(request)
    shown = replace(worked_out, sessions=worked_out.sessions[:2])  # not what make_plan gives
    outcome = create_plan("Shown", request, NOW, shown).run(store)
    assert Changed.PLANS in outcome.changed and Changed.CARDS in outcome.changed
    assert store.plan_state(outcome.value).sessions == shown.sessions
    made = create_plan("Made", request, NOW).run(store).value
    assert store.plan_state(made).sessions == worked_out.sessions


def test_an_imported_roadmap_is_kept_and_a_bad_one_changes_nothing(
    store: Store, small_roadmap_text: str, tmp_path: Path
) -> None:
    good = tmp_path / "mine.yaml"
    good.write_text(small_roadmap_text.replace("id: small", "id: mine"))
    outcome = import_roadmap(good).run(store)
    assert (outcome.changed, outcome.value.id) == (Changed.ROADMAPS, "mine")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format_version: 1\nid: broken\n")
    before = store.roadmaps()
    with pytest.raises(RoadmapError):
        import_roadmap(bad).run(store)
    assert store.roadmaps() == before
