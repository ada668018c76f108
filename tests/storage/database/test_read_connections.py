"""Kept read connections: a snapshot a read, nothing held between reads, never an old file."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from studyplanner.storage.database import snapshot
from studyplanner.storage.database.snapshot import ReadConnections
from studyplanner.storage.errors import StorageError
from studyplanner.storage.safety.backups import Reason, backup_folder, make_backup
from studyplanner.storage.safety.integrity import set_aside
from studyplanner.storage.safety.recovery import restore
from studyplanner.storage.store import Store
from tests.conftest import MONDAY
from tests.storage.safety.test_backups import EVENING, mark_a_session

LATER = EVENING + timedelta(hours=1)


FIRST = "WHERE id = (SELECT min(id) FROM study_session)"  # the plan's first session


def notes(readers: ReadConnections) -> str:
    with readers.snapshot() as conn:
        (text,) = conn.execute(f"SELECT notes FROM study_session {FIRST}").fetchone()
    return str(text)


def write_notes(path: Path, text: str) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(f"UPDATE study_session SET notes = ? {FIRST}", (text,))


def first_minutes(store: Store, plan_id: int) -> int | None:
    [first, *_] = store.sessions_between(plan_id, MONDAY, MONDAY + timedelta(days=30))
    return first.actual_minutes


@pytest.fixture
def readers(store: Store, cards_plan: int) -> Iterator[ReadConnections]:
    made = ReadConnections(store.path)
    yield made
    made.close()


def test_reads_one_after_another_share_one_connection(readers: ReadConnections) -> None:
    with readers.snapshot() as first:
        pass
    with readers.snapshot() as second:
        pass
    assert first is second
    assert readers.idle() == 1


def test_an_idle_connection_holds_no_snapshot_and_no_lock(
    store: Store, readers: ReadConnections
) -> None:
    write_notes(store.path, "before")
    assert notes(readers) == "before"
    write_notes(store.path, "after")
    with closing(sqlite3.connect(store.path)) as other:
        # A checkpoint that truncates the log cannot finish while any reader holds a snapshot.
        assert other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone() == (0, 0, 0)
    assert notes(readers) == "after"  # the next read sees the newest commit


def test_a_read_never_sees_a_transaction_that_is_not_committed(
    store: Store, readers: ReadConnections
) -> None:
    write_notes(store.path, "committed")
    assert notes(readers) == "committed"
    with closing(sqlite3.connect(store.path, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(f"UPDATE study_session SET notes = 'half-written' {FIRST}")
        assert notes(readers) == "committed"
        writer.execute("COMMIT")
    assert notes(readers) == "half-written"


def test_the_queries_of_one_read_see_one_snapshot(store: Store, readers: ReadConnections) -> None:
    write_notes(store.path, "first")
    notes(readers)  # the connection is now an idle, kept one
    with readers.snapshot() as conn:
        before = conn.execute(f"SELECT notes FROM study_session {FIRST}").fetchone()
        write_notes(store.path, "second")
        during = conn.execute(f"SELECT notes FROM study_session {FIRST}").fetchone()
    assert before == during == ("first",)
    assert notes(readers) == "second"


def test_another_file_put_at_the_path_is_read_not_the_old_one(
    store: Store, readers: ReadConnections, tmp_path: Path
) -> None:
    write_notes(store.path, "old file")
    assert notes(readers) == "old file"
    replacement = tmp_path / "replacement.sqlite3"
    with closing(sqlite3.connect(store.path)) as conn:
        conn.execute("VACUUM INTO ?", (str(replacement),))
    write_notes(replacement, "new file")
    # As a recovery, here or in another process, replaces a damaged file: the old one and its
    # side files moved aside, the new one put in its place in one rename.
    set_aside(store.path, LATER, keep_in_place=True)
    replacement.replace(store.path)
    with closing(sqlite3.connect(store.path, isolation_level=None)) as writer:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")  # the commit stays in the new log
        writer.execute(f"UPDATE study_session SET notes = 'in the new log' {FIRST}")
        # Closing the connection to the old file leaves the new file's log in place.
        assert notes(readers) == "in the new log"
    assert notes(readers) == "in the new log"


def test_a_database_gone_missing_is_reported_not_read_from_a_kept_connection(
    store: Store, readers: ReadConnections
) -> None:
    notes(readers)
    store.close()
    for side in ("", "-wal", "-shm"):
        Path(f"{store.path}{side}").unlink(missing_ok=True)
    with pytest.raises(StorageError, match="cannot be opened"), readers.snapshot():
        pass
    assert not store.path.exists()  # never created empty


def test_a_restore_after_reads_is_what_the_store_reads(store: Store, cards_plan: int) -> None:
    mark_a_session(store, cards_plan, 30)
    backup = make_backup(store.path, backup_folder(store.path.parent), EVENING, Reason.MANUAL)
    mark_a_session(store, cards_plan, 45)
    assert first_minutes(store, cards_plan) == 45  # read through a kept connection
    restore(store.path.parent, backup.path, LATER)
    assert first_minutes(store, cards_plan) == 30  # before the reload, as the UI's worker reads
    store.reload()
    assert first_minutes(store, cards_plan) == 30


def test_close_closes_the_idle_connections_and_keeps_no_more(
    store: Store, readers: ReadConnections
) -> None:
    with readers.snapshot() as kept:
        pass
    readers.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        kept.execute("SELECT 1")
    notes(readers)  # reads still work, each on a connection of its own
    assert readers.idle() == 0


def test_a_connection_in_use_when_the_readers_close_is_closed_when_its_read_ends(
    readers: ReadConnections,
) -> None:
    with readers.snapshot() as conn:
        readers.close()
        assert conn.execute("SELECT count(*) FROM study_session").fetchone()[0] > 0
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        conn.execute("SELECT 1")


def test_forget_drops_the_idle_connections_and_keeps_new_ones(
    readers: ReadConnections,
) -> None:
    with readers.snapshot() as before:
        pass
    readers.forget()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        before.execute("SELECT 1")
    with readers.snapshot() as after:
        pass
    assert after is not before
    assert readers.idle() == 1


def test_the_store_closes_its_read_connections(store: Store, cards_plan: int) -> None:
    with store._read() as kept:
        pass
    store.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        kept.execute("SELECT 1")


def test_a_read_that_failed_does_not_keep_its_connection(readers: ReadConnections) -> None:
    with (
        pytest.raises(sqlite3.OperationalError, match="no such column"),
        readers.snapshot() as conn,
    ):
        conn.execute("SELECT no_such_column FROM plan")
    assert readers.idle() == 0


def test_a_connection_that_cannot_see_later_commits_is_not_kept(
    readers: ReadConnections, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fallback(path: Path, *, any_thread: bool = False) -> tuple[sqlite3.Connection, bool]:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.isolation_level = None
        return conn, False  # what the fallback for a full disk or a read-only folder says

    monkeypatch.setattr(snapshot, "connect_for_reading", fallback)
    notes(readers)
    assert readers.idle() == 0


def test_reads_on_two_threads_at_once_each_have_a_connection(
    readers: ReadConnections,
) -> None:
    inside = threading.Event()
    done = threading.Event()
    seen: list[sqlite3.Connection] = []

    def worker() -> None:
        with readers.snapshot() as conn:
            seen.append(conn)
            inside.set()
            done.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    with readers.snapshot() as mine:
        assert mine is not seen[0]
    done.set()
    thread.join(5)
    assert readers.idle() == 2
    # A kept connection serves whichever thread reads next.
    other: list[str] = []
    thread = threading.Thread(target=lambda: other.append(notes(readers)))
    thread.start()
    thread.join(5)
    assert other and readers.idle() == 2
