"""The store's units of work: plans, roadmaps and cards."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.loader import bundled_roadmaps
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.database.snapshot import read_snapshot
from studyplanner.storage.errors import StorageError
from studyplanner.storage.schema.codec import request_from_json, request_to_json
from studyplanner.storage.schema.tables import CardRecord, PlanRecord
from studyplanner.storage.store import RoadmapConflictError, Store
from tests.conftest import MONDAY, NOW
from tests.roadmaps import CATALOGUE, DATA_ENGINEER, ML_ENGINEER, by_id

CATALOGUE_ENTRIES = [(DATA_ENGINEER, "bundled"), (ML_ENGINEER, "bundled")]


@pytest.fixture
def plain_roadmap() -> Roadmap:
    """One stage: a (10 hours) and an optional b (5 hours)."""
    from tests.core.planning.test_engine import PLAIN

    return PLAIN


def plan_small(store: Store, roadmap: Roadmap, name: str = "Small") -> int:
    request = PlanRequest(roadmap, MONDAY, WeeklyAvailability.uniform(60))
    return store.create_plan(name, request, make_plan(request), NOW)


def test_a_stored_plan_reads_back(store: Store, small_roadmap: Roadmap) -> None:
    plan_id = plan_small(store, small_roadmap)
    [summary] = store.plans()
    assert (summary.id, summary.name, summary.roadmap_id) == (plan_id, "Small", "small")
    assert (summary.start, summary.finish) == (MONDAY, date(2026, 5, 5))
    assert (summary.sessions, summary.minutes) == (6, 360)
    week = store.sessions_between(plan_id, date(2026, 3, 2), date(2026, 3, 6))
    assert [(s.day, s.title, s.minutes, s.status) for s in week] == [
        (date(2026, 3, 2), "Python", 60, "planned"),
        (date(2026, 3, 3), "Python", 60, "planned"),
        (date(2026, 3, 4), "Python", 60, "planned"),
        (date(2026, 3, 5), "SQL", 60, "planned"),
        (date(2026, 3, 6), "Exam practice", 60, "planned"),
    ]
    assert [m.day for m in store.milestones(plan_id)] == [
        date(2026, 3, 6),
        date(2026, 3, 13),
        date(2026, 5, 5),
    ]
    assert store.plan_roadmap(plan_id) == small_roadmap


def test_a_plan_of_known_topics_only_is_stored_without_sessions(
    store: Store, small_roadmap: Roadmap
) -> None:
    known = frozenset(topic.id for topic in small_roadmap.all_topics())
    request = PlanRequest(small_roadmap, MONDAY, WeeklyAvailability.uniform(60), known_topics=known)
    plan = make_plan(request)
    assert plan.sessions == ()
    plan_id = store.create_plan("Known", request, plan, NOW)
    [summary] = store.plans()
    assert (summary.id, summary.sessions, summary.minutes) == (plan_id, 0, 0)
    assert summary.finish == plan.finish  # the time-based stage still runs its course
    state = store.plan_state(plan_id)
    assert state.sessions == ()
    assert [m.key for m in state.milestones] == [m.key for m in plan.milestones]
    assert store.plan_request(plan_id).known_topics == known


def test_plans_survive_reopening(tmp_path: Path, small_roadmap: Roadmap) -> None:
    first = Store.open(tmp_path, CATALOGUE)
    plan_id = plan_small(first, small_roadmap)
    first.close()
    second = Store.open(tmp_path, CATALOGUE)
    try:
        assert [p.id for p in second.plans()] == [plan_id]
        assert len(second.sessions_between(plan_id, MONDAY, date(2026, 12, 31))) == 6
    finally:
        second.close()


@pytest.mark.slow
def test_a_reopened_store_reads_without_sqlalchemy_and_still_writes(
    tmp_path: Path, small_roadmap: Roadmap
) -> None:
    import subprocess
    import sys

    first = Store.open(tmp_path, CATALOGUE)
    plan_id = plan_small(first, small_roadmap)
    first.close()
    script = (
        "import sys; from datetime import date; from pathlib import Path\n"
        "from studyplanner.core.planning.plan import SessionStatus\n"
        "from studyplanner.storage.store import Store\n"
        f"store = Store.open(Path({str(tmp_path)!r}))\n"
        f"[week] = [store.sessions_between({plan_id}, date(2026, 3, 2), date(2026, 3, 2))]\n"
        "print(len(week), store.card_count(), 'sqlalchemy' in sys.modules)\n"
        "with store.write() as writes:\n"
        f"    writes.update_session({plan_id}, week[0].key, status=SessionStatus.DONE)\n"
        f"print(store.sessions_between({plan_id}, date(2026, 3, 2), date(2026, 3, 2))[0].status)\n"
        "store.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["1", "1", "False", "done"]


def test_a_database_that_vanishes_is_reported_not_recreated(
    tmp_path: Path, small_roadmap: Roadmap
) -> None:
    store = Store.open(tmp_path, CATALOGUE)
    plan_small(store, small_roadmap)
    store.close()
    reopened = Store.open(tmp_path, CATALOGUE)
    for leftover in tmp_path.glob("studyplanner.sqlite3*"):
        leftover.unlink()
    with pytest.raises(StorageError, match=r"studyplanner\.sqlite3 cannot be opened"):
        reopened.plans()
    assert not (tmp_path / "studyplanner.sqlite3").exists()


def test_newest_plan_comes_first(store: Store, small_roadmap: Roadmap) -> None:
    first = plan_small(store, small_roadmap, "First")
    second = plan_small(store, small_roadmap, "Second")
    assert [p.id for p in store.plans()] == [second, first]


def test_cards_are_added_once_per_roadmap(store: Store, small_roadmap: Roadmap) -> None:
    plan_small(store, small_roadmap)
    plan_small(store, small_roadmap)
    assert store.card_count() == 1
    with Session(store.engine) as session:
        card = session.exec(select(CardRecord)).one()
        assert (card.key, card.topic_id, card.tags) == ("card-list", "python", "python")


def test_the_request_is_kept_with_the_plan(store: Store, small_roadmap: Roadmap) -> None:
    request = PlanRequest(small_roadmap, MONDAY, WeeklyAvailability.uniform(45, 90))
    store.create_plan("Kept", request, make_plan(request), NOW)
    with Session(store.engine) as session:
        record = session.exec(select(PlanRecord)).one()
        rebuilt = request_from_json(small_roadmap, record.start_date, record.pace, record.settings)
    assert rebuilt == request
    assert request_to_json(rebuilt, 0.5) == record.settings


def test_importing_a_roadmap(store: Store, tmp_path: Path, small_roadmap_text: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(small_roadmap_text.replace("Small roadmap", "Mine"), encoding="utf-8")
    roadmap = store.import_roadmap(path)
    assert roadmap.title == "Mine"
    entries = [(e.roadmap.id, e.origin) for e in store.roadmaps()]
    assert entries == [*CATALOGUE_ENTRIES, ("small", "imported")]


def test_a_broken_roadmap_changes_nothing(
    store: Store, tmp_path: Path, small_roadmap_text: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(small_roadmap_text.replace("prerequisites: [python]", "prerequisites: [x]"))
    before = store.roadmaps()
    with pytest.raises(RoadmapError, match=r"broken.yaml:26:25: .*no topic has the id 'x'"):
        store.import_roadmap(path)
    assert store.roadmaps() == before


def test_a_roadmap_may_not_take_a_bundled_id(
    store: Store, tmp_path: Path, small_roadmap_text: str
) -> None:
    path = tmp_path / "clash.yaml"
    path.write_text(small_roadmap_text.replace("id: small", f"id: {ML_ENGINEER}"))
    with pytest.raises(
        RoadmapConflictError,
        match=f"clash.yaml: a bundled roadmap already has the id '{ML_ENGINEER}'",
    ):
        store.import_roadmap(path)
    assert [(e.roadmap.id, e.origin) for e in store.roadmaps()] == CATALOGUE_ENTRIES
    assert store.roadmaps()[1].roadmap.title == "Machine Learning Engineer"


def test_plans_keep_whether_their_roadmap_is_in_the_catalogue(
    store: Store, small_roadmap: Roadmap
) -> None:
    plan_small(store, by_id(DATA_ENGINEER), "Catalogue")
    plan_small(store, small_roadmap, "Own")
    # The catalogue's roadmap is not listed again; the other is kept as an imported one.
    assert [(e.roadmap.id, e.origin) for e in store.roadmaps()] == [
        *CATALOGUE_ENTRIES,
        ("small", "imported"),
    ]


def test_the_bundled_roadmaps_are_offered_by_default(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    try:
        entries = [(e.roadmap.id, e.origin) for e in store.roadmaps()]
    finally:
        store.close()
    assert entries == [(r.id, "bundled") for r in bundled_roadmaps()]


def test_a_replan_is_applied_by_session_key(store: Store, small_roadmap: Roadmap) -> None:
    from studyplanner.core.planning.plan import SessionStatus
    from studyplanner.core.planning.replan import replan

    plan_id = plan_small(store, small_roadmap)
    with store.write() as writes:
        writes.update_session(plan_id, "python/1", status=SessionStatus.DONE, actual_minutes=50)
        writes.update_session(plan_id, "sql/1", locked=True)
    before = {s.title: s.id for s in store.sessions_between(plan_id, MONDAY, MONDAY)}
    request = store.plan_request(plan_id)
    previous = store.plan_state(plan_id)
    assert previous.fraction == 0.5
    assert [(s.key, s.status, s.actual_minutes, s.locked) for s in previous.sessions[:4]] == [
        ("python/1", SessionStatus.DONE, 50, False),
        ("python/2", SessionStatus.PLANNED, None, False),
        ("python/3", SessionStatus.PLANNED, None, False),
        ("sql/1", SessionStatus.PLANNED, None, True),
    ]
    result = replan(request, previous, date(2026, 3, 4))
    with store.write() as writes:
        writes.apply_plan(plan_id, request, result.plan)
    after = store.plan_state(plan_id)
    assert after.sessions == result.plan.sessions
    assert [(m.key, m.day) for m in after.milestones] == [
        (m.key, m.day) for m in result.plan.milestones
    ]
    # The done session kept its row; the 10 short minutes came back as a new session.
    assert {s.title: s.id for s in store.sessions_between(plan_id, MONDAY, MONDAY)} == before
    assert [s.key for s in after.sessions if s.topic_id == "python"] == [
        "python/1",
        "python/2",
        "python/3",
        "python/4",
    ]


def test_updating_a_missing_session(store: Store, small_roadmap: Roadmap) -> None:
    plan_id = plan_small(store, small_roadmap)
    with pytest.raises(KeyError, match="has no session 'nope/1'"), store.write() as writes:
        writes.update_session(plan_id, "nope/1", locked=True)


def test_undoing_a_move_gives_back_the_place_in_the_day(
    store: Store, plain_roadmap: Roadmap
) -> None:
    from dataclasses import replace
    from datetime import time

    from studyplanner.core.planning.week import WeeklyAvailability as Week

    week = Week((120,) * 7, (time(18, 0),) * 7)
    request = PlanRequest(plain_roadmap, MONDAY, week, max_session_minutes=60)
    plan_id = store.create_plan("P", request, make_plan(request), NOW)
    order = [s.key for s in store.sessions_between(plan_id, MONDAY, MONDAY)]
    before = store.session_edit(plan_id, order[0])
    with store.write() as writes:
        writes.set_session(plan_id, order[0], replace(before, day=date(2026, 3, 3), seq=None))
    with store.write() as writes:  # what undo does
        writes.set_session(plan_id, order[0], before)
    assert [s.key for s in store.sessions_between(plan_id, MONDAY, MONDAY)] == order


def test_notes_of_sessions_a_replan_removes_come_back_on_undo(
    store: Store, plain_roadmap: Roadmap
) -> None:
    from dataclasses import replace

    from studyplanner.core.planning.plan import SessionStatus
    from studyplanner.core.planning.replan import replan

    request = PlanRequest(plain_roadmap, MONDAY, WeeklyAvailability.uniform(60, 60))
    plan_id = store.create_plan("P", request, make_plan(request), NOW)
    done = store.session_edit(plan_id, "a/1")
    # Two hours done in one sitting: the re-plan needs one session of "a" fewer.
    with store.write() as writes:
        writes.set_session(
            plan_id, "a/1", replace(done, status=SessionStatus.DONE, actual_minutes=120)
        )
    last = store.session_edit(plan_id, "a/10")
    with store.write() as writes:
        writes.set_session(plan_id, "a/10", replace(last, notes="chapter 7 exercises"))
    state = store.plan_state(plan_id)
    with store.write() as writes:
        removed = writes.apply_plan(plan_id, request, replan(request, state, MONDAY).plan)
    assert removed == {"a/10": "chapter 7 exercises"}
    with store.write() as writes:  # undo
        writes.apply_plan(plan_id, request, state)
        writes.restore_notes(plan_id, removed)
    assert store.session_edit(plan_id, "a/10").notes == "chapter 7 exercises"


def test_plan_topics_match_the_roadmap_model(store: Store, small_roadmap: Roadmap) -> None:
    plan_id = plan_small(store, small_roadmap)
    topics = store.plan_topics(plan_id)
    for topic in small_roadmap.all_topics():
        notes = topics[topic.id]
        assert (notes.title, notes.summary, notes.key_actions) == (
            topic.title,
            topic.summary,
            topic.key_actions,
        )
        assert [(r.title, r.url) for r in notes.resources] == [
            (r.title, str(r.url) if r.url else None) for r in topic.resources
        ]
    assert set(topics) == {t.id for t in small_roadmap.all_topics()}


def test_a_wrong_query_of_ours_is_a_bug_not_a_message(store: Store) -> None:
    with (
        pytest.raises(sqlite3.OperationalError, match="no such column"),
        read_snapshot(store.path) as conn,
    ):
        conn.execute("SELECT no_such_column FROM plan")
