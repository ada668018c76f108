"""Every shipped schema's fixture database upgrades to the newest with all of its data."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.database.engine import MIGRATIONS, SCHEMA_HEAD, stored_revision
from studyplanner.storage.store import DATABASE_NAME, Store
from tests.storage.schema_fixtures.make_fixtures import (
    FIXTURES,
    TODAY,
    at,
    lost_data,
    revisions,
    table_rows,
)

REVISIONS = revisions()
GENERATE = "python -m tests.storage.schema_fixtures.make_fixtures"


def fixture(revision: str) -> Path:
    """The fixture database of a revision; a missing one fails with what to do."""
    path = FIXTURES / f"{revision}.sqlite3"
    if not path.exists():
        pytest.fail(
            f"schema revision {revision} has no fixture database {path.name}: run `{GENERATE}` "
            "and commit the new file (tests/storage/schema_fixtures/README.md)"
        )
    return path


def upgraded_copy(revision: str, tmp_path: Path) -> Path:
    """A copy of the fixture in a data folder, opened (and so upgraded) as the app opens it."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / DATABASE_NAME
    shutil.copyfile(fixture(revision), path)
    Store.open(data_dir).close()
    return path


def pragma(path: Path, name: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"PRAGMA {name}").fetchall()


def test_every_schema_revision_has_a_fixture() -> None:
    assert REVISIONS[-1] == SCHEMA_HEAD
    scripts = {p.name.split("_")[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py")}
    assert scripts == set(REVISIONS), "migration files are named after their revision"
    missing = [r for r in REVISIONS if not (FIXTURES / f"{r}.sqlite3").exists()]
    assert not missing, (
        f"schema revisions without a fixture database: {missing}. Run `{GENERATE}` and commit "
        "the new files (tests/storage/schema_fixtures/README.md)"
    )
    files = sorted(p.stem for p in FIXTURES.glob("*.sqlite3"))
    assert files == REVISIONS, "every fixture is named after a revision, and only those"
    assert {r: stored_revision(FIXTURES / f"{r}.sqlite3") for r in REVISIONS} == {
        r: r for r in REVISIONS
    }


@pytest.mark.parametrize("revision", REVISIONS)
def test_every_fixture_is_full_of_data(revision: str) -> None:
    tables = table_rows(fixture(revision))
    assert {"roadmap", "plan", "study_session", "milestone", "card", "review"} <= set(tables)
    assert {name: len(rows) for name, rows in tables.items() if len(rows) < 3} == {}


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrading_keeps_every_row_and_value(revision: str, tmp_path: Path) -> None:
    before = table_rows(fixture(revision))
    path = upgraded_copy(revision, tmp_path)
    assert stored_revision(path) == SCHEMA_HEAD
    after = table_rows(path)
    assert set(before) <= set(after)
    # Same rows by primary key, and every value of every column the old schema had.
    assert lost_data(before, after) == []
    assert pragma(path, "foreign_key_check") == []
    assert pragma(path, "integrity_check") == [("ok",)]


@pytest.mark.parametrize("revision", REVISIONS)
def test_the_store_reads_and_writes_an_upgraded_fixture(revision: str, tmp_path: Path) -> None:
    counts = {name: len(rows) for name, rows in table_rows(fixture(revision)).items()}
    path = upgraded_copy(revision, tmp_path)
    now = at(TODAY, 8)
    store = Store.open(path.parent)
    try:
        plans = store.plans()
        assert len(plans) == counts["plan"]
        assert sum(p.sessions for p in plans) == counts["study_session"]
        for plan in plans:
            sessions = store.sessions_between(plan.id, plan.start, plan.finish)
            assert len(sessions) == plan.sessions
            assert {s.status for s in sessions} <= set(SessionStatus)
            state = store.plan_state(plan.id)
            assert len(state.milestones) == len(store.milestones(plan.id))
            assert store.plan_request(plan.id).roadmap.id == plan.roadmap_id
            store.milestone_reports(plan.id, now, ReviewSettings(), forecast=False)
            store.mastery_rules(plan.roadmap_id)
        assert store.card_count() == counts["card"]
        assert store.cards_due_today(now, DailyLimits()).total > 0
        assert store.decks(now)
        store.card_stats(now)
        store.review_forecast(now)
        store.quiz_scores()
        reviews = store.reviews()
        try:
            queue = reviews.queue(DeckScope(), now, at(TODAY + timedelta(days=1), 0), DailyLimits())
            assert queue.next(now) is not None
        finally:
            reviews.close()
        # Writes work too: a session marked done through SQLModel on the upgraded schema.
        [first, *_] = store.sessions_between(plans[0].id, TODAY, plans[0].finish)
        with store.write() as writes:
            writes.update_session(plans[0].id, first.key, status=SessionStatus.DONE)
        assert store.session_edit(plans[0].id, first.key).status is SessionStatus.DONE
    finally:
        store.close()
