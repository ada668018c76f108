"""Short read-only transactions through the standard library's sqlite3."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studyplanner.storage.engine import BUSY_TIMEOUT_MS, StorageError
from studyplanner.storage.faults import circumstance_of, reason_for
from studyplanner.storage.read_only import connect_read_only


@contextmanager
def read_snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only snapshot: every query in the block sees the same committed state.

    The file must exist: a database that has gone missing is reported, never created empty.
    On a full disk or in a read-only folder, where SQLite cannot make its log's index, the
    committed data is still read when it can be (see ``connect_read_only``).
    """
    uri = f"{path.resolve().as_uri()}?mode=rw"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            conn.close()
            if circumstance_of(exc, path) is None:
                raise
            conn = connect_read_only(path)
            conn.isolation_level = None
            conn.execute("BEGIN")
    except sqlite3.Error as exc:
        raise StorageError(f"{path} cannot be opened: {reason_for(exc, path)}") from exc
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} cannot be read: {reason_for(exc, path)}") from exc
    finally:
        conn.close()
