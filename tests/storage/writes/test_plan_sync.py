"""Applying a re-plan in bulk: rows kept by key with their ids and notes, and undone exactly."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

import pytest

from studyplanner.core.planning.plan import Plan, SessionStatus
from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.replan import replan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.operations.plans import ApplyPlan
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW
from tests.core.planning.test_engine import PLAIN

TODAY = MONDAY + timedelta(days=3)
EVENINGS = WeeklyAvailability((60,) * 7, (time(18, 30),) * 7)


def rows(store: Store, table: str, plan_id: int) -> dict[str, dict[str, Any]]:
    """Every stored row of the plan in ``table``, by key, every column as stored."""
    with closing(sqlite3.connect(store.path)) as conn:
        conn.row_factory = sqlite3.Row
        found = conn.execute(f"SELECT * FROM {table} WHERE plan_id = ?", (plan_id,)).fetchall()
    return {row["key"]: dict(row) for row in found}


def without_ids(table: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {key: {k: v for k, v in row.items() if k != "id"} for key, row in table.items()}


def ids(table: dict[str, dict[str, Any]]) -> dict[str, int]:
    return {key: row["id"] for key, row in table.items()}


def edited_plan(store: Store, roadmap: Roadmap = PLAIN) -> tuple[int, PlanRequest, Plan]:
    """A plan with a session done in two hours, one locked, notes and a milestone of its own.

    Re-planning it from TODAY with an hour and a half a day, in sittings of up to 90 minutes,
    moves most sessions, makes them longer and removes the last ones of each topic.
    """
    request = PlanRequest(roadmap, MONDAY, EVENINGS, max_session_minutes=60)
    plan_id = store.create_plan("P", request, make_plan(request), NOW)
    with store.write() as writes:
        writes.update_session(plan_id, "a/1", status=SessionStatus.DONE, actual_minutes=120)
        writes.update_session(plan_id, "a/3", locked=True)
        writes.restore_notes(plan_id, {"a/2": "kept note", "a/5": "moved note", "a/10": "gone"})
        writes.add_own_milestone(plan_id, "Mine", date(2026, 4, 1), "a demo", key="own:mine")
        writes.set_milestone_state(plan_id, "own:mine", "reached")
    week = WeeklyAvailability((90,) * 7, (time(18, 30),) * 7)
    faster = replace(request, availability=week, max_session_minutes=90)
    return plan_id, faster, store.plan_state(plan_id)


def test_a_replan_keeps_kept_sessions_rows_ids_and_notes(store: Store) -> None:
    plan_id, request, state = edited_plan(store)
    before = rows(store, "study_session", plan_id)
    after = replan(request, state, TODAY).plan
    with store.write() as writes:
        removed = writes.apply_plan(plan_id, request, after)
    stored = rows(store, "study_session", plan_id)
    assert removed == {"a/10": "gone"}
    assert store.plan_state(plan_id).sessions == after.sessions
    kept = before.keys() & stored.keys()
    assert kept == {s.key for s in after.sessions} & before.keys()
    assert {key: stored[key]["id"] for key in kept} == {key: before[key]["id"] for key in kept}
    assert {key: stored[key]["notes"] for key in ("a/2", "a/5")} == {
        "a/2": "kept note",
        "a/5": "moved note",
    }
    assert stored["a/1"]["status"] == "done" and stored["a/1"]["actual_minutes"] == 120
    assert stored["a/1"] == before["a/1"]  # done: kept where it was, as it was
    # Locked: kept on its day as it was; only its place in the plan's order follows the re-plan.
    assert {**stored["a/3"], "seq": 0} == {**before["a/3"], "seq": 0}
    assert sum(stored[key] != before[key] for key in kept) > len(kept) // 2
    assert before.keys() - stored.keys() == {"a/8", "a/9", "a/10", "b/5"}


def test_a_replan_stores_values_as_a_new_plan_does(store: Store) -> None:
    """Dates, times and flags written in bulk read back as those of a plan stored new."""
    plan_id, request, state = edited_plan(store)
    after = replan(request, state, TODAY).plan
    with store.write() as writes:
        writes.apply_plan(plan_id, request, after)
    fresh = store.create_plan("Fresh", request, after, NOW)

    def comparable(table: str, plan: int) -> dict[str, dict[str, Any]]:
        found = without_ids(rows(store, table, plan))
        return {key: {**row, "plan_id": None, "notes": None} for key, row in found.items()}

    assert comparable("study_session", plan_id) == comparable("study_session", fresh)
    assert rows(store, "study_session", plan_id)["a/4"]["start_time"] is not None
    milestones = comparable("milestone", plan_id)
    assert milestones.pop("own:mine")["state"] == "reached"
    assert milestones == comparable("milestone", fresh)


def test_undoing_a_replan_gives_back_the_exact_rows(store: Store) -> None:
    plan_id, request, state = edited_plan(store)
    sessions = rows(store, "study_session", plan_id)
    milestones = rows(store, "milestone", plan_id)
    operation = ApplyPlan(plan_id, state, (request, replan(request, state, TODAY).plan), "Re-plan")
    operation.do(store)
    applied = rows(store, "study_session", plan_id)
    operation.undo(store)
    undone = rows(store, "study_session", plan_id)
    assert without_ids(undone) == without_ids(sessions)
    assert {k: v for k, v in ids(undone).items() if k in applied} == {
        k: v for k, v in ids(sessions).items() if k in applied
    }
    assert rows(store, "milestone", plan_id) == milestones
    assert store.plan_state(plan_id) == state
    operation.redo(store)
    assert without_ids(rows(store, "study_session", plan_id)) == without_ids(applied)
    operation.undo(store)
    assert without_ids(rows(store, "study_session", plan_id)) == without_ids(sessions)
    operation.do(store)  # undone, the plan is as the re-plan found it
    assert without_ids(rows(store, "study_session", plan_id)) == without_ids(applied)


def test_a_milestone_keeps_its_state_when_the_replan_moves_it(store: Store) -> None:
    plan_id, request, state = edited_plan(store)
    with closing(sqlite3.connect(store.path)) as conn, conn:
        conn.execute("UPDATE milestone SET state = 'reached' WHERE key = 'stage:only'")
    after = replan(request, state, TODAY).plan
    with store.write() as writes:
        writes.apply_plan(plan_id, request, after)
    stage = rows(store, "milestone", plan_id)["stage:only"]
    assert (stage["state"], stage["day"]) == ("reached", after.milestones[-1].day.isoformat())


def test_a_replan_without_sessions_removes_them_all(store: Store) -> None:
    plan_id, request, state = edited_plan(store)
    with store.write() as writes:
        removed = writes.apply_plan(plan_id, request, replace(state, sessions=()))
    assert rows(store, "study_session", plan_id) == {}
    assert removed == {"a/2": "kept note", "a/5": "moved note", "a/10": "gone"}
    with store.write() as writes:
        writes.apply_plan(plan_id, request, state)
        writes.restore_notes(plan_id, removed)
    assert store.plan_state(plan_id) == state
    assert {
        k: r["notes"] for k, r in rows(store, "study_session", plan_id).items() if r["notes"]
    } == (removed)


def test_a_replan_leaves_other_plans_alone(store: Store) -> None:
    plan_id, request, state = edited_plan(store)
    other, *_ = edited_plan(store)
    untouched = rows(store, "study_session", other)
    with store.write() as writes:
        writes.apply_plan(plan_id, request, replan(request, state, TODAY).plan)
    assert rows(store, "study_session", other) == untouched


def test_applying_to_a_missing_plan_changes_nothing(store: Store) -> None:
    plan_id, request, state = edited_plan(store)
    before = rows(store, "study_session", plan_id)
    with pytest.raises(KeyError, match="there is no plan 99"), store.write() as writes:
        writes.apply_plan(99, request, state)
    assert rows(store, "study_session", plan_id) == before


def test_undoing_a_replan_keeps_a_milestone_of_the_learners_own(store: Store) -> None:
    """The schedule an undo puts back holds the learner's milestone: it stays, once."""
    plan_id, request, state = edited_plan(store)
    assert "own:mine" in {m.key for m in state.milestones}
    operation = ApplyPlan(plan_id, state, (request, replan(request, state, TODAY).plan), "Re-plan")
    operation.do(store)
    operation.undo(store)
    mine = rows(store, "milestone", plan_id)["own:mine"]
    assert (mine["state"], mine["criteria"], mine["day"]) == ("reached", "a demo", "2026-04-01")


def test_a_replan_writes_only_the_rows_that_differ(store: Store) -> None:
    from sqlalchemy import event

    plan_id, request, state = edited_plan(store)
    after = replan(request, state, TODAY).plan
    with store.write() as writes:
        writes.apply_plan(plan_id, request, after)
    sent: list[tuple[str, int]] = []

    def record(_conn: object, _cursor: object, sql: str, params: Any, *_: object) -> None:
        sent.append((sql.split()[0], len(params) if isinstance(params, list) else 1))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.write() as writes:  # again: nothing differs
            writes.apply_plan(plan_id, request, after)
        shorter = replace(
            after, sessions=(*after.sessions[:-1], replace(after.sessions[-1], minutes=5))
        )
        with store.write() as writes:
            writes.apply_plan(plan_id, request, shorter)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    changes = [entry for entry in sent if entry[0] in ("INSERT", "UPDATE", "DELETE")]
    # Nothing the first time (the settings are the same too), then the one shorter session.
    assert changes == [("UPDATE", 1)]
    assert rows(store, "study_session", plan_id)[after.sessions[-1].key]["minutes"] == 5
