"""The one connection factory: every setting a connection needs, and reads that still work.

Every connection to the learner's database is made here (SQLAlchemy's engine configures its
connections with ``configure`` too), so the pragmas and the busy timeout live in one place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_MS = 5000
# What SQLite says when it cannot make or map the index of a write-ahead log.
_NO_ROOM_FOR_INDEX = ("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_FULL")


def configure(conn: Any) -> None:
    """Our settings, on a new DB-API connection (ours, or one SQLAlchemy made)."""
    conn.isolation_level = None  # transactions are begun explicitly, where they belong
    cursor = conn.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # FULL: a committed review or plan edit survives a power cut, at a small write cost.
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection to the database at ``path``, with our settings."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        configure(conn)
    except sqlite3.Error:
        conn.close()
        raise
    return conn


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


def connect_for_reading(path: Path, *, any_thread: bool = False) -> tuple[sqlite3.Connection, bool]:
    """A connection for short read transactions, which never creates the file.

    It reads through SQLite's index like any connection; where a full disk or a read-only
    folder forbids the index, it falls back to ``connect_read_only``. Also returned: whether
    the connection sees every later commit, and so may be kept for later reads (a fallback
    that reads the file as immutable does not). ``any_thread``: usable from any thread, one
    at a time, for a connection that is kept.
    """
    from studyplanner.storage.safety.faults import circumstance_of

    uri = f"{path.resolve().as_uri()}?mode=rw"
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=not any_thread,
    )
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        if circumstance_of(exc, path) is None:
            raise
        conn = connect_read_only(path)
        conn.isolation_level = None
        return conn, False
    return conn, True


def connect_for_watching(path: Path) -> sqlite3.Connection:
    """A read-only connection shared by threads, that never waits: for ``data_version``.

    Its user serialises the threads' use of it with a lock of its own.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def connect_for_review(path: Path) -> sqlite3.Connection:
    """A connection for reviewing cards; on a read-only disk, one that reads (answers fail)."""
    from studyplanner.storage.safety.faults import circumstance_of

    try:
        conn = connect(path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        if circumstance_of(exc, path) is None:
            raise
        conn = connect_read_only(path)
        conn.isolation_level = None
    return conn


def log_waiting(path: Path) -> bool:
    """Whether commits wait in the write-ahead log beside ``path``."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except FileNotFoundError:
        return False
