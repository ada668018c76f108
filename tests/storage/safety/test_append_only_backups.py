"""Backups are append-only: unique names, never overwritten, thinned by the order they were made."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

from studyplanner.storage.safety.backups import (
    ABANDONED_SECONDS,
    BackupPolicy,
    Reason,
    backup_folder,
    has_changed,
    list_backups,
    make_backup,
)
from studyplanner.storage.safety.recovery import automatic_backup, back_up, restore, tidy
from studyplanner.storage.store import Store
from tests.storage.safety.test_backups import EVENING, dump, mark_a_session


def test_two_backups_in_the_same_second_are_both_kept(store: Store, cards_plan: int) -> None:
    folder = backup_folder(store.path.parent)
    first = make_backup(store.path, folder, EVENING, Reason.MANUAL)
    mark_a_session(store, cards_plan, 30)
    second = make_backup(store.path, folder, EVENING, Reason.MANUAL)
    assert first.path != second.path and first.path.exists()
    assert dump(first.path) != dump(second.path)
    assert [b.path for b in list_backups(folder)] == [second.path, first.path]


def test_two_restores_in_one_second_keep_both_safety_copies(store: Store, cards_plan: int) -> None:
    data_dir = store.path.parent
    folder = backup_folder(data_dir)
    old = make_backup(store.path, folder, EVENING - timedelta(days=1), Reason.MANUAL)
    mark_a_session(store, cards_plan, 30)
    todays = dump(store.path)  # the day's plan, which only the first safety copy will hold
    first = restore(data_dir, old.path, EVENING).safety_copy
    second = restore(data_dir, old.path, EVENING).safety_copy
    assert first is not None and second is not None and first.path != second.path
    assert dump(first.path) == todays


def test_a_backup_after_the_clock_went_back_replaces_nothing(store: Store, cards_plan: int) -> None:
    folder = backup_folder(store.path.parent)
    early = make_backup(store.path, folder, EVENING, Reason.MANUAL)
    mark_a_session(store, cards_plan, 30)
    # The clock is set back to the very second of the first backup.
    again = make_backup(store.path, folder, EVENING, Reason.MANUAL)
    assert early.path.exists() and dump(early.path) != dump(again.path)
    assert again.sequence > early.sequence


def test_automatic_backups_survive_a_clock_set_back(store: Store, cards_plan: int) -> None:
    data_dir = store.path.parent
    folder = backup_folder(data_dir)
    policy = BackupPolicy(daily=3, weekly=0, monthly=0)
    for day in range(5):
        mark_a_session(store, cards_plan, 10 + day)
        assert automatic_backup(data_dir, EVENING + timedelta(days=day), policy) is not None
    # A year back: each new backup is still made, kept as the newest, and clears the mark.
    for day in range(3):
        mark_a_session(store, cards_plan, 50 + day)
        made = automatic_backup(data_dir, EVENING - timedelta(days=365 - day), policy)
        assert made is not None and made.path.exists()
        assert not has_changed(folder)
        assert dump(list_backups(folder)[0].path) == dump(store.path)
    assert len(list_backups(folder)) == 3


def test_a_backup_made_before_a_restore_is_never_thinned(store: Store, cards_plan: int) -> None:
    data_dir = store.path.parent
    folder = backup_folder(data_dir)
    old = make_backup(store.path, folder, EVENING, Reason.MANUAL)
    mark_a_session(store, cards_plan, 30)
    safety = restore(data_dir, old.path, EVENING).safety_copy
    assert safety is not None
    for day in range(1, 6):
        mark_a_session(store, cards_plan, day)
        automatic_backup(data_dir, EVENING + timedelta(days=day), BackupPolicy(1, 0, 0))
    assert safety.path.exists()


def test_leftovers_of_a_killed_backup_are_cleaned_at_start(store: Store, cards_plan: int) -> None:
    folder = backup_folder(store.path.parent)
    back_up(store.path.parent, EVENING)
    left = folder / "studyplanner-backup-123-210000000000.partial"
    left.write_bytes(b"half a copy")
    fresh = folder / "studyplanner-backup-456-210000000000.partial"
    fresh.write_bytes(b"a copy being written now")
    old = time.time() - ABANDONED_SECONDS - 5
    os.utime(left, (old, old))
    assert tidy(store.path.parent, time.time()) == [left]
    assert not left.exists() and fresh.exists()
    assert len(list_backups(folder)) == 1


def test_old_names_are_still_listed_before_the_new_ones(tmp_path: Path, store: Store) -> None:
    folder = backup_folder(store.path.parent)
    legacy = make_backup(store.path, folder, datetime(2026, 5, 1), Reason.MANUAL)
    renamed = legacy.path.with_name("studyplanner-2026-05-01-000000-manual.sqlite3")
    legacy.path.rename(renamed)
    newer = make_backup(store.path, folder, datetime(2026, 4, 1), Reason.MANUAL)
    listed = list_backups(folder)
    assert [b.path for b in listed] == [newer.path, renamed]
    assert listed[1].sequence == 0 and listed[0].sequence == 1
