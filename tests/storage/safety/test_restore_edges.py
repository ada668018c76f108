"""Restoring and opening at the edges: another page size, empty schemas, a kill mid-restore."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from studyplanner.storage.errors import DatabaseTooNewError, DatabaseUnreadableError
from studyplanner.storage.safety.backups import Reason, backup_folder, list_backups, make_backup
from studyplanner.storage.safety.integrity import Health, check_file
from studyplanner.storage.safety.recovery import check_data, database_path, restore
from studyplanner.storage.store import Store
from tests.roadmaps import CATALOGUE
from tests.storage.safety.test_backups import EVENING, dump, mark_a_session
from tests.storage.safety.test_recovery import flip

LATER = datetime(2026, 3, 3, 8, 0)


def with_page_size(source: Path, target: Path, page_size: int) -> None:
    with closing(sqlite3.connect(source)) as conn:
        conn.execute(f"PRAGMA page_size = {page_size}")
        conn.execute("VACUUM INTO ?", (str(target),))


def test_a_backup_with_another_page_size_restores(store: Store, cards_plan: int) -> None:
    data_dir = store.path.parent
    made = make_backup(store.path, backup_folder(data_dir), EVENING, Reason.MANUAL)
    other = backup_folder(data_dir) / "studyplanner-2026-03-02-220000-000009-manual.sqlite3"
    with_page_size(made.path, other, 1024)
    mark_a_session(store, cards_plan, 30)
    restore(data_dir, other, LATER)
    assert dump(store.path) == dump(made.path)
    with closing(sqlite3.connect(store.path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_version_stamp_without_tables_is_not_a_database_of_ours(tmp_path: Path) -> None:
    stamp_only = tmp_path / "stamp.sqlite3"
    with closing(sqlite3.connect(stamp_only)) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('0007')")
        conn.commit()
    checkup = check_file(stamp_only)
    assert checkup.health is Health.DAMAGED and "tables are missing" in checkup.detail
    with pytest.raises(Exception, match="cannot be restored"):
        restore(tmp_path, stamp_only, LATER)
    assert not database_path(tmp_path).exists()


def test_an_empty_version_table_is_refused_not_migrated(store: Store, cards_plan: int) -> None:
    store.close()
    with closing(sqlite3.connect(store.path)) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.commit()
    before = dump(store.path)
    assert check_data(store.path.parent).health is Health.DAMAGED
    with pytest.raises(DatabaseUnreadableError, match="schema version is missing"):
        Store.open(store.path.parent, CATALOGUE)
    assert dump(store.path) == before


def _restore_in_child(data_dir: Path, backup: Path) -> None:
    restore(data_dir, backup, LATER)


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
@pytest.mark.parametrize("delay", [0.0, 0.002, 0.005, 0.01, 0.02, 0.05])
def test_a_kill_while_replacing_a_damaged_file_always_leaves_a_database(
    store: Store, cards_plan: int, delay: float
) -> None:
    data_dir = store.path.parent
    backup = make_backup(store.path, backup_folder(data_dir), EVENING, Reason.AUTOMATIC)
    store.close()
    path = database_path(data_dir)
    damaged = flip(10)(path.read_bytes())
    path.write_bytes(damaged)
    child = multiprocessing.get_context("fork").Process(
        target=_restore_in_child, args=(data_dir, backup.path)
    )
    child.start()
    if delay:
        child.join(delay)
    if child.is_alive() and child.pid is not None:
        os.kill(child.pid, signal.SIGKILL)
    child.join()
    # Before or after: the damaged file or the restored one, and the damaged bytes kept.
    assert path.exists()
    health = check_data(data_dir).health
    if health is Health.HEALTHY:
        assert dump(path) == dump(backup.path)
        kept = [p.read_bytes() for p in data_dir.glob("*.damaged-*") if p.name[-4:] != "-wal"]
        assert damaged in kept
    else:
        assert path.read_bytes() == damaged
    assert [b.path for b in list_backups(backup_folder(data_dir))] == [backup.path]


def test_a_newer_versions_database_is_not_restored_over(store: Store, cards_plan: int) -> None:
    data_dir = store.path.parent
    backup = make_backup(store.path, backup_folder(data_dir), EVENING, Reason.MANUAL)
    store.close()
    with closing(sqlite3.connect(store.path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
        conn.commit()
    before = dump(store.path)
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        restore(data_dir, backup.path, LATER)
    assert dump(store.path) == before


def test_a_sequence_of_any_length_is_listed_and_followed(store: Store, cards_plan: int) -> None:
    folder = backup_folder(store.path.parent)
    first = make_backup(store.path, folder, EVENING, Reason.MANUAL)
    long = first.path.with_name("studyplanner-2026-01-01-000000-999999999999-manual.sqlite3")
    first.path.rename(long)
    after = [make_backup(store.path, folder, EVENING, Reason.MANUAL) for _ in range(2)]
    assert [b.sequence for b in after] == [10**12, 10**12 + 1]
    assert [b.path for b in list_backups(folder)] == [after[1].path, after[0].path, long]
