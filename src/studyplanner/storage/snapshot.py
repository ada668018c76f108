"""Short read-only transactions through the standard library's sqlite3."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studyplanner.storage.engine import BUSY_TIMEOUT_MS, StorageError


@contextmanager
def read_snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only snapshot: every query in the block sees the same committed state.

    The file must exist: a database that has gone missing is reported, never created empty.
    """
    uri = f"{path.resolve().as_uri()}?mode=rw"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(f"{path} cannot be opened: {exc}") from exc
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")
        yield conn
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} cannot be read: {exc}") from exc
    finally:
        conn.close()
