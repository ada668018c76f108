"""Opening databases: connection settings, migrations, and files we must not touch."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from studyplanner.storage.database.engine import SCHEMA_HEAD, open_database, schema_head
from studyplanner.storage.errors import DatabaseTooNewError, DatabaseUnreadableError, StorageError
from studyplanner.storage.schema import tables  # noqa: F401 (fills SQLModel.metadata itself, not through a migration)

INSERT_ROADMAP = text(
    "INSERT INTO roadmap (id, title, source, year, revision, origin, body) "
    "VALUES ('r', 'R', 'S', 2026, 1, 'imported', '{}')"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_gets_our_settings(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "db.sqlite3")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    engine.dispose()


def test_new_database_is_at_the_newest_schema(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "db.sqlite3")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            schema_head()
        )
    engine.dispose()


def test_migrations_build_exactly_the_model_schema(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "db.sqlite3")
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    # Only type spellings may differ (SQLModel's string and UTC types against plain SQL ones).
    assert [d for d in differences if d[0][0] != "modify_type"] == []


def test_reopening_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = open_database(path)
    with engine.begin() as conn:
        conn.execute(INSERT_ROADMAP)
    engine.dispose()
    engine = open_database(path)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title FROM roadmap")).scalar() == "R"
    engine.dispose()


def test_database_from_a_newer_app_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseTooNewError, match="written by a newer version of Study Planner"):
        open_database(path)
    assert digest(path) == before


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is a shopping list, not a database\n" * 100)
    before = digest(path)
    with pytest.raises(DatabaseUnreadableError, match="cannot be read as a database"):
        open_database(path)
    assert digest(path) == before


def old_database(path: Path, revision: str, *statements: str) -> None:
    """A database at an older schema revision, holding a roadmap and these rows."""
    from alembic import command

    from studyplanner.storage.database.engine import _alembic_config, create_engine_for

    engine = create_engine_for(path)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.execute(INSERT_ROADMAP)
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_someone_elses_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    with pytest.raises(DatabaseUnreadableError, match="not one of Study Planner's"):
        open_database(path)


def test_a_first_schema_database_is_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    old_database(
        path,
        "0001",
        "INSERT INTO plan (id, name, roadmap_id, roadmap_revision, start_date, pace, "
        "settings, created_at) VALUES (1, 'P', 'r', 1, '2026-03-02', 'steady', '{}', "
        "'2026-03-02 09:00:00')",
        "INSERT INTO milestone (plan_id, key, kind, ref_id, title, day, state) VALUES "
        "(1, 'stage:s', 'stage_end', 's', 'Finish: S', '2026-04-01', 'upcoming')",
    )
    engine = open_database(path)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        assert conn.execute(text("SELECT stage_id FROM milestone")).scalar() == "s"
    engine.dispose()


def test_the_recorded_head_is_the_newest_migration() -> None:
    from studyplanner.storage.database.engine import SCHEMA_HEAD

    assert schema_head() == SCHEMA_HEAD


def test_a_current_database_opens_without_loading_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_database(tmp_path / "db.sqlite3").dispose()
    script = (
        "import sys; from pathlib import Path\n"
        "from studyplanner.storage.database.engine import open_database\n"
        f"open_database(Path({str(tmp_path / 'db.sqlite3')!r})).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_upgrading_keeps_the_rows_that_point_at_rebuilt_tables(tmp_path: Path) -> None:
    """Migration 0004 rebuilds ``card``; its reviews must survive (foreign keys cascade)."""
    path = tmp_path / "db.sqlite3"
    old_database(
        path,
        "0003",
        "INSERT INTO card (id, roadmap_id, key, topic_id, front, back, tags, suspended, "
        "state) VALUES (7, 'r', 'k', 't', 'F', 'B', '', 0, 2)",
        "INSERT INTO review (card_id, rating, reviewed_at, kind) "
        "VALUES (7, 3, '2026-03-02 09:00:00.000000', 'review')",
    )
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT card_id, rating FROM review").fetchall() == [(7, 3)]
    assert conn.execute("SELECT id, deck, roadmap_id FROM card").fetchall() == [(7, "", "r")]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_a_failed_upgrade_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from alembic import command

    path = tmp_path / "db.sqlite3"
    old_database(path, "0003")

    real_upgrade = command.upgrade

    def failing(config: object, revision: str) -> None:
        real_upgrade(config, revision)  # type: ignore[arg-type]
        raise OSError("disk full")

    monkeypatch.setattr(command, "upgrade", failing)
    with pytest.raises(StorageError, match="Upgrading the database failed"):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]
    columns = [row[1] for row in conn.execute("PRAGMA table_info(card)")]
    assert "deck" not in columns  # the half-done upgrade was rolled back
    conn.close()
    [backup] = (tmp_path / "backups").glob("*-before-upgrade.sqlite3")
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]
    copy.close()
