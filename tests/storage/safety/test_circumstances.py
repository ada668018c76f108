"""A full disk or a read-only folder is a circumstance, never damage: nothing is set aside."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from studyplanner.storage.errors import BackupError, StorageError
from studyplanner.storage.safety.backups import (
    Reason,
    backup_folder,
    has_changed,
    list_backups,
    make_backup,
)
from studyplanner.storage.safety.faults import Circumstance, circumstance_of, storage_failure
from studyplanner.storage.safety.integrity import Health
from studyplanner.storage.safety.recovery import back_up, check_data, restore, start_fresh
from studyplanner.storage.store import Store
from tests.conftest import make_cards_plan
from tests.roadmaps import CATALOGUE
from tests.storage.safety.test_backups import EVENING, mark_a_session
from tests.storage.small_disk import SmallDisk

LATER = datetime(2026, 3, 3, 8, 0)


def digest(folder: Path) -> dict[str, str]:
    """Every file in the folder tree (but the filler) by name, with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        # SQLite's side files may appear as it tries to read, and a backup that fails keeps
        # the changed-since-backup mark under another name: neither holds data.
        if p.is_file()
        and p.name != "filler"
        and not p.name.endswith(("-shm", "-wal"))
        and not p.name.startswith(".changed")
    }


@pytest.fixture
def data_on_small_disk(small_disk: SmallDisk) -> Path:
    """A data folder with a plan and one backup, on the small disk, the app closed."""
    data_dir = small_disk.root / "data"
    store = Store.open(data_dir, CATALOGUE)
    plan = make_cards_plan(store)
    mark_a_session(store, plan, 25)
    make_backup(store.path, backup_folder(data_dir), EVENING, Reason.MANUAL)
    mark_a_session(store, plan, 40)  # the newest data is only in the database
    store.close()
    return data_dir


def test_a_full_disk_is_not_called_damage(small_disk: SmallDisk, data_on_small_disk: Path) -> None:
    small_disk.fill()
    checkup = check_data(data_on_small_disk)
    # The file is whole and the log folded in: SQLite can read it without writing a byte.
    assert checkup.health is Health.HEALTHY
    with pytest.raises(BackupError, match=r"full\. Free at least \d+ MB"):
        back_up(data_on_small_disk, LATER)
    assert [b.reason for b in list_backups(backup_folder(data_on_small_disk))] == ["manual"]
    assert has_changed(backup_folder(data_on_small_disk))  # the failed backup took no mark
    assert not list(backup_folder(data_on_small_disk).glob("*.partial"))


def test_restore_on_a_full_disk_sets_nothing_aside(
    small_disk: SmallDisk,
    data_on_small_disk: Path,
) -> None:
    [backup] = list_backups(backup_folder(data_on_small_disk))
    small_disk.fill()
    before = digest(data_on_small_disk)
    with pytest.raises(BackupError, match="full"):
        restore(data_on_small_disk, backup.path, LATER)
    with pytest.raises(BackupError, match="not damaged"):
        start_fresh(data_on_small_disk, LATER)
    assert digest(data_on_small_disk) == before
    small_disk.free()
    # After space is freed the newest data is where it was, and opens.
    store = Store.open(data_on_small_disk, CATALOGUE)
    try:
        [plan] = store.plans()
        assert plan.sessions > 0
    finally:
        store.close()
    assert not list(data_on_small_disk.glob("*.damaged-*"))


def test_a_waiting_log_on_a_full_disk_is_out_of_reach_not_damaged(
    small_disk: SmallDisk,
    data_on_small_disk: Path,
) -> None:
    database = data_on_small_disk / "studyplanner.sqlite3"
    # As a killed app leaves it: committed changes still in the log, no index beside it.
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE plan SET name = 'renamed in the log'")
    conn.commit()
    wal = Path(f"{database}-wal").read_bytes()
    conn.close()  # the last connection folds the log in, so put the log back as it was
    Path(f"{database}-wal").write_bytes(wal)
    Path(f"{database}-shm").unlink(missing_ok=True)
    small_disk.fill()
    checkup = check_data(data_on_small_disk)
    assert checkup.health is Health.UNAVAILABLE
    assert "full" in checkup.detail and "not damaged" in checkup.detail
    with pytest.raises(BackupError, match="Nothing was restored"):
        restore(data_on_small_disk, list_backups(backup_folder(data_on_small_disk))[0].path, LATER)
    small_disk.free()
    store = Store.open(data_on_small_disk, CATALOGUE)
    try:
        assert [p.name for p in store.plans()] == ["renamed in the log"]
    finally:
        store.close()


def test_a_read_only_folder_is_named_as_such(
    small_disk: SmallDisk,
    data_on_small_disk: Path,
) -> None:
    with small_disk.read_only():
        assert check_data(data_on_small_disk).health is Health.HEALTHY
        with pytest.raises(BackupError, match="read-only"):
            back_up(data_on_small_disk, LATER)
        store = Store.open(data_on_small_disk, CATALOGUE)
        try:
            assert len(store.plans()) == 1  # reading still works
        finally:
            store.close()


def test_errors_are_told_apart_by_the_folder_they_happen_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "studyplanner.sqlite3"
    database.write_bytes(b"\0" * 4096)

    def sqlite_error(name: str) -> sqlite3.OperationalError:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorname = name
        return error

    assert circumstance_of(sqlite_error("SQLITE_FULL"), database) is Circumstance.FULL
    assert circumstance_of(sqlite_error("SQLITE_BUSY"), database) is Circumstance.BUSY
    assert circumstance_of(sqlite_error("SQLITE_CORRUPT"), database) is None
    # An index that cannot be mapped is a full disk when the disk is full ...
    monkeypatch.setattr("shutil.disk_usage", lambda _: type("U", (), {"free": 1024})())
    shm_error = sqlite_error("SQLITE_IOERR_SHMSIZE")
    assert circumstance_of(shm_error, database) is Circumstance.FULL
    message = str(storage_failure("Saving your change", database, shm_error))
    assert "Free at least" in message and str(tmp_path) in message
    # ... and a failing disk when there is room.
    monkeypatch.setattr("shutil.disk_usage", lambda _: type("U", (), {"free": 2**40})())
    assert circumstance_of(shm_error, database) is Circumstance.IO
    monkeypatch.setattr("os.access", lambda *_: False)
    cant_open = sqlite_error("SQLITE_CANTOPEN")
    assert circumstance_of(cant_open, database) is Circumstance.READ_ONLY


def test_a_first_start_on_a_full_disk_says_so_and_leaves_no_empty_file(
    small_disk: SmallDisk,
) -> None:
    data_dir = small_disk.root / "new"
    data_dir.mkdir()
    small_disk.fill()
    with pytest.raises(StorageError, match=r"Creating the database failed: .* is full"):
        Store.open(data_dir, CATALOGUE)
    assert sorted(p.name for p in data_dir.iterdir()) == []  # nothing that looks like damage
    small_disk.free()
    store = Store.open(data_dir, CATALOGUE)
    try:
        assert store.plans() == []
    finally:
        store.close()


def test_a_read_only_side_file_is_named_not_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "studyplanner.sqlite3"
    database.write_bytes(b"\0" * 4096)
    shm = Path(f"{database}-shm")
    shm.write_bytes(b"\0" * 32768)
    # As SQLite leaves it after a read of a read-only database: the index read-only too.
    real_access = os.access
    monkeypatch.setattr(
        "os.access", lambda p, mode: False if Path(p) == shm else real_access(p, mode)
    )
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorname = "SQLITE_READONLY"
    assert circumstance_of(error, database) is Circumstance.READ_ONLY
    message = str(storage_failure("Saving your change", database, error))
    assert f"{shm} is read-only or not yours" in message
