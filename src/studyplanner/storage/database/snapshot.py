"""Short read-only transactions through the standard library's sqlite3."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studyplanner.storage.database.connections import connect_for_reading
from studyplanner.storage.errors import StorageError
from studyplanner.storage.safety.faults import circumstance_of, is_damage, reason_for


@contextmanager
def read_snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only snapshot: every query in the block sees the same committed state.

    The file must exist: a database that has gone missing is reported, never created empty.
    On a full disk or in a read-only folder, where SQLite cannot make its log's index, the
    committed data is still read when it can be (see ``connect_read_only``).
    """
    try:
        conn = connect_for_reading(path)
        conn.execute("BEGIN")
    except sqlite3.Error as exc:
        raise StorageError(f"{path} cannot be opened: {reason_for(exc, path)}") from exc
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        if circumstance_of(exc, path) is None and not is_damage(exc):
            raise  # our own query is wrong: a bug, for the crash report, not the learner
        raise StorageError(f"{path} cannot be read: {reason_for(exc, path)}") from exc
    finally:
        conn.close()
