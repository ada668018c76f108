"""Tests for backups: consistent copies, flagged damage, the daily rule and thinning."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from studyplanner.storage.errors import BackupError
from studyplanner.storage.safety.backups import (
    BackupPolicy,
    Reason,
    backup_folder,
    has_changed,
    list_backups,
    make_backup,
)
from studyplanner.storage.safety.recovery import automatic_backup, back_up, database_path
from studyplanner.storage.store import Store
from tests.conftest import MONDAY

EVENING = datetime(2026, 3, 2, 21, 0)


def dump(path: Path) -> list[str]:
    """Every row of every table, as SQL text, for comparing databases."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def mark_a_session(store: Store, plan_id: int, minutes: int) -> None:
    """A learner's change: the plan's first session done, in ``minutes``."""
    [first, *_] = store.sessions_between(plan_id, MONDAY, MONDAY + timedelta(days=30))
    with store.write() as writes:
        writes.update_session(plan_id, first.key, actual_minutes=minutes)


def test_a_backup_is_a_standalone_copy_of_every_row(store: Store, cards_plan: int) -> None:
    backup = make_backup(store.path, backup_folder(store.path.parent), EVENING, Reason.MANUAL)
    assert backup.path.name == "studyplanner-2026-03-02-210000-000001-manual.sqlite3"
    assert dump(backup.path) == dump(store.path)
    assert backup.contents is not None
    assert (backup.contents.plans, backup.contents.cards, backup.contents.reviews) == (1, 4, 0)
    assert not Path(f"{backup.path}-wal").exists()
    with sqlite3.connect(backup.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    assert [b.path for b in list_backups(backup.path.parent)] == [backup.path]


def test_changes_are_noted_until_the_next_backup(store: Store, cards_plan: int) -> None:
    folder = backup_folder(store.path.parent)
    assert has_changed(folder)  # creating the plan was a change
    back_up(store.path.parent, EVENING)
    assert not has_changed(folder)
    # A change after the backup is noted again, by the same open store: an app left open
    # past its hourly backup still backs up what it changed since, when it closes.
    mark_a_session(store, cards_plan, 30)
    assert has_changed(folder)
    back_up(store.path.parent, EVENING)
    assert not has_changed(folder)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (b"", "empty"),
        (b"PK\x03\x04 not a database", "not a database"),
        ("truncate", "damaged"),
    ],
)
def test_damaged_backups_are_flagged_not_offered(
    store: Store, cards_plan: int, damage: bytes | str, problem: str
) -> None:
    folder = backup_folder(store.path.parent)
    good = make_backup(store.path, folder, EVENING, Reason.AUTOMATIC)
    bad = make_backup(store.path, folder, EVENING + timedelta(days=1), Reason.AUTOMATIC)
    if damage == "truncate":
        data = bad.path.read_bytes()
        bad.path.write_bytes(data[: len(data) // 2 + 100])
    else:
        assert isinstance(damage, bytes)
        bad.path.write_bytes(damage)
    listed = {b.path: b for b in list_backups(folder)}
    assert listed[good.path].usable
    assert not listed[bad.path].usable
    assert listed[bad.path].problem.startswith(problem)


def test_a_damaged_database_is_not_backed_up(tmp_path: Path) -> None:
    database_path(tmp_path).write_bytes(b"SQLite format 3\x00" + b"\x00" * 90)
    with pytest.raises(BackupError, match="not backed up"):
        back_up(tmp_path, EVENING)
    assert list_backups(backup_folder(tmp_path)) == []


@pytest.mark.slow
def test_four_hundred_days_of_use(store: Store, cards_plan: int) -> None:
    """One backup a day on days with changes, none on days without, thinned to the policy."""
    data_dir = store.path.parent
    policy = BackupPolicy(daily=12, weekly=10, monthly=9)
    made = []
    for day in range(400):
        now = EVENING + timedelta(days=day)
        studied = day % 7 != 3
        if studied:
            reopened = Store.open(data_dir)  # each day is a new start of the app
            mark_a_session(reopened, cards_plan, day + 1)
            reopened.close()
        before = set(backup_folder(data_dir).glob("*.sqlite3"))
        backup = automatic_backup(data_dir, now, policy)
        if studied:
            assert backup is not None
            assert backup.taken == now
            made.append(backup)
        else:
            assert backup is None
            assert set(backup_folder(data_dir).glob("*.sqlite3")) == before
        # A second quit on the same day makes no second backup.
        assert automatic_backup(data_dir, now + timedelta(hours=1), policy) is None
    assert len(made) == 400 - 57
    kept = list_backups(backup_folder(data_dir))
    assert len(kept) == 12 + 10 + 9
    assert kept[0].path == made[-1].path
    assert dump(kept[0].path) == dump(store.path)
