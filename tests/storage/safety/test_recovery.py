"""Tests for checking, restoring and starting fresh: every damaged file is kept."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from studyplanner.storage.errors import BackupError
from studyplanner.storage.safety.backups import Reason, backup_folder, list_backups, make_backup
from studyplanner.storage.safety.integrity import Health
from studyplanner.storage.safety.recovery import (
    check_data,
    database_path,
    restore,
    start_fresh,
)
from studyplanner.storage.store import Store
from tests.storage.safety.test_backups import EVENING, dump, mark_a_session

PAGE = 4096


def flip(count: int) -> Callable[[bytes], bytes]:
    """Invert ``count`` bytes of the b-tree page headers (SQLite cannot see flips in payloads)."""

    def damage(data: bytes) -> bytes:
        changed = bytearray(data)
        pages = len(data) // PAGE
        for n in range(count):
            page = 1 + n % (pages - 1)
            changed[page * PAGE + (n // (pages - 1)) % 8] ^= 0xFF
        return bytes(changed)

    return damage


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "one flipped byte": flip(1),
    "ten flipped bytes": flip(10),
    "a hundred flipped bytes": flip(100),
    "truncated": lambda data: data[: len(data) // 3],
    "zero bytes": lambda data: b"",
    "not a database": lambda data: b"%PDF-1.7\n" + data[:2000],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def closed_database(store: Store) -> Path:
    """The store's file, closed, with its write-ahead log folded in."""
    store.close()
    assert not Path(f"{store.path}-wal").exists() or Path(f"{store.path}-wal").stat().st_size == 0
    return store.path


@pytest.mark.parametrize("kind", DAMAGE)
def test_damage_is_found_and_the_damaged_file_is_kept(
    store: Store, cards_plan: int, kind: str
) -> None:
    data_dir = store.path.parent
    path = closed_database(store)
    path.write_bytes(DAMAGE[kind](path.read_bytes()))
    damaged = digest(path)
    checkup = check_data(data_dir)
    assert not checkup.health.usable, checkup
    kept = start_fresh(data_dir, EVENING)
    assert kept.name == "studyplanner.sqlite3.damaged-2026-03-02-210000"
    assert digest(kept) == damaged
    assert not path.exists()
    fresh = Store.open(data_dir)
    assert fresh.plans() == []
    fresh.close()
    assert check_data(data_dir).health is Health.HEALTHY


def test_setting_aside_twice_in_a_second_overwrites_nothing(tmp_path: Path) -> None:
    for content in (b"first", b"second"):
        database_path(tmp_path).write_bytes(content)
        start_fresh(tmp_path, EVENING)
    kept = sorted(p.read_bytes() for p in tmp_path.glob("*.damaged-*"))
    assert kept == [b"first", b"second"]


def test_restoring_gives_back_the_backups_data_and_keeps_todays(
    store: Store, cards_plan: int
) -> None:
    data_dir = store.path.parent
    backup = make_backup(store.path, backup_folder(data_dir), EVENING, Reason.AUTOMATIC)
    mark_a_session(store, cards_plan, 45)
    today = dump(store.path)
    restored = restore(data_dir, backup.path, datetime(2026, 3, 3, 8, 0))
    assert dump(store.path) == dump(backup.path)
    assert restored.safety_copy is not None
    assert restored.safety_copy.reason == Reason.BEFORE_RESTORE
    assert dump(restored.safety_copy.path) == today
    assert restored.set_aside is None
    # The open store sees the restored data at once.
    [first, *_] = store.sessions_between(cards_plan, EVENING.date(), EVENING.date())
    assert first.actual_minutes is None


def test_restoring_over_a_damaged_database_keeps_it_aside(store: Store, cards_plan: int) -> None:
    data_dir = store.path.parent
    backup = make_backup(store.path, backup_folder(data_dir), EVENING, Reason.AUTOMATIC)
    path = closed_database(store)
    path.write_bytes(flip(10)(path.read_bytes()))
    damaged = digest(path)
    restored = restore(data_dir, backup.path, datetime(2026, 3, 3, 8, 0))
    assert restored.safety_copy is None
    assert restored.set_aside is not None
    assert digest(restored.set_aside) == damaged
    assert check_data(data_dir).health is Health.HEALTHY
    assert dump(path) == dump(backup.path)


def test_a_damaged_backup_is_refused_and_nothing_changes(store: Store, cards_plan: int) -> None:
    data_dir = store.path.parent
    backup = make_backup(store.path, backup_folder(data_dir), EVENING, Reason.AUTOMATIC)
    backup.path.write_bytes(flip(10)(backup.path.read_bytes()))
    before = dump(store.path)
    with pytest.raises(BackupError, match="cannot be restored"):
        restore(data_dir, backup.path, datetime(2026, 3, 3, 8, 0))
    assert dump(store.path) == before
    assert [b.reason for b in list_backups(backup_folder(data_dir))] == [Reason.AUTOMATIC]


def test_an_older_backup_is_upgraded_after_restoring(store: Store, cards_plan: int) -> None:
    data_dir = store.path.parent
    fixture = Path(__file__).parents[1] / "schema_fixtures" / "0004.sqlite3"
    old = backup_folder(data_dir) / "studyplanner-2026-01-05-200000-automatic.sqlite3"
    old.parent.mkdir(exist_ok=True)
    old.write_bytes(fixture.read_bytes())
    restore(data_dir, old, datetime(2026, 3, 3, 8, 0))
    store.close()
    reopened = Store.open(data_dir)
    assert len(reopened.plans()) >= 1
    reopened.close()
    with sqlite3.connect(database_path(data_dir)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    reasons = [b.reason for b in list_backups(backup_folder(data_dir))]
    assert Reason.BEFORE_UPGRADE in reasons
    assert Reason.BEFORE_RESTORE in reasons
