"""Connections that still read on a full disk or in a read-only folder, where they can."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studyplanner.storage.engine import BUSY_TIMEOUT_MS

# What SQLite says when it cannot make or map the index of a write-ahead log.
_NO_ROOM_FOR_INDEX = ("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_FULL")


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the database at ``path``.

    To read a database in write-ahead-log mode SQLite must create and write its ``-shm``
    index, which a full disk or a read-only folder forbids. When no log is waiting (there is
    no ``-wal`` file, or it is empty), the database file alone holds every commit, so it is
    then read as immutable, which writes nothing. A waiting log is never skipped: reading
    without it would show older data as if it were the newest.
    """
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "")
        if not name.startswith(_NO_ROOM_FOR_INDEX) or log_waiting(path):
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def log_waiting(path: Path) -> bool:
    """Whether commits wait in the write-ahead log beside ``path``."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def connect_for_review(path: Path) -> sqlite3.Connection:
    """A connection for reviewing cards; on a read-only disk, one that reads (answers fail)."""
    from studyplanner.storage.faults import circumstance_of

    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        for pragma in ("foreign_keys = ON", f"busy_timeout = {BUSY_TIMEOUT_MS}"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        if circumstance_of(exc, path) is None:
            raise
        conn = connect_read_only(path)
        conn.isolation_level = None
    return conn
