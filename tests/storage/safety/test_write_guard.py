"""No write reaches a damaged database: checked once, remembered, and stopped on damage."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from studyplanner.storage.errors import DamagedDatabaseError
from studyplanner.storage.safety import write_guard
from studyplanner.storage.safety.integrity import Checkup, check_file
from studyplanner.storage.safety.recovery import check_data
from studyplanner.storage.safety.write_guard import MEMO_NAME, remembered
from studyplanner.storage.store import Store
from tests.roadmaps import CATALOGUE
from tests.storage.safety.test_backups import dump, mark_a_session
from tests.storage.safety.test_recovery import PAGE


def zero_a_page(path: Path, page: int = 3) -> None:
    """Overwrite one whole b-tree page with zeros, as a bad sector or a stray write would."""
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE : page * PAGE] = bytes(PAGE)
    path.write_bytes(bytes(data))


def test_a_store_refuses_to_write_into_a_damaged_file(store: Store, cards_plan: int) -> None:
    mark_a_session(store, cards_plan, 20)
    store.close()  # remembered as healthy, then damaged behind the app's back
    zero_a_page(store.path)
    before = store.path.read_bytes()
    reopened = Store.open(store.path.parent, CATALOGUE)
    try:
        with pytest.raises(DamagedDatabaseError, match="Nothing was saved"):
            mark_a_session(reopened, cards_plan, 30)
        reviews = reopened.reviews()  # a review of cards shares the verdict
        try:
            with pytest.raises(DamagedDatabaseError):
                reviews.set_due({})
        finally:
            reviews.close()
    finally:
        reopened.close()
    assert store.path.read_bytes() == before


def test_a_healthy_check_is_remembered_until_the_file_changes(
    store: Store, cards_plan: int
) -> None:
    store.close()
    data_dir = store.path.parent
    assert check_data(data_dir).health.value == "healthy"
    assert remembered(store.path) is not None
    with closing(sqlite3.connect(store.path)) as conn:  # another program writes
        conn.execute("UPDATE plan SET name = 'changed elsewhere'")
        conn.commit()
    assert remembered(store.path) is None  # so the next write checks again


def test_a_store_that_wrote_leaves_its_file_remembered_as_healthy(
    store: Store, cards_plan: int
) -> None:
    mark_a_session(store, cards_plan, 30)
    store.close()
    found = remembered(store.path)
    assert found is not None and found.health.value == "healthy"
    assert (store.path.parent / MEMO_NAME).exists()
    assert dump(store.path)  # still a readable database


def test_damage_met_by_a_write_stops_every_later_write(store: Store, cards_plan: int) -> None:
    mark_a_session(store, cards_plan, 20)  # the store has checked the file: it was healthy
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    corrupt.sqlite_errorname = "SQLITE_CORRUPT"
    store.guard.after_failure(corrupt)
    with pytest.raises(DamagedDatabaseError, match="damaged"):
        mark_a_session(store, cards_plan, 30)
    assert remembered(store.path) is None  # the next start checks the file in full


def test_the_next_opening_trusts_the_last_ones_check(
    store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark_a_session(store, cards_plan, 20)
    store.close()
    checks: list[Path] = []

    def counted(path: Path) -> Checkup:
        checks.append(path)
        return check_file(path)

    monkeypatch.setattr(write_guard, "check_file", counted)
    for minutes in (30, 40):  # two commands, one after the other, as from the command line
        reopened = Store.open(store.path.parent, CATALOGUE)
        reopened.plans()  # a read first, which may leave an empty log behind
        mark_a_session(reopened, cards_plan, minutes)
        reopened.close()
    assert checks == []


def test_damage_behind_a_reset_modification_time_is_still_found(
    store: Store, cards_plan: int
) -> None:
    mark_a_session(store, cards_plan, 20)
    store.close()
    stamp = store.path.stat()
    zero_a_page(store.path)
    os.utime(store.path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # as touch -r would
    reopened = Store.open(store.path.parent, CATALOGUE)
    try:
        with pytest.raises(DamagedDatabaseError):
            mark_a_session(reopened, cards_plan, 30)
    finally:
        reopened.close()
