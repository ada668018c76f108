"""Short read-only transactions through the standard library's sqlite3."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from studyplanner.storage.database.connections import connect_for_reading
from studyplanner.storage.errors import StorageError
from studyplanner.storage.safety.faults import circumstance_of, is_damage, reason_for

# Idle read connections a store keeps: one for the worker thread's reads, one for the UI's.
KEEP = 2

FileIdentity = tuple[int, int]


@contextmanager
def read_snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only snapshot: every query in the block sees the same committed state.

    The file must exist: a database that has gone missing is reported, never created empty.
    On a full disk or in a read-only folder, where SQLite cannot make its log's index, the
    committed data is still read when it can be (see ``connect_read_only``). The connection
    is opened for the block and closed after it; a store reuses its own (``ReadConnections``).
    """
    conn, _lasting = _open(path, any_thread=False)
    try:
        with _transaction(conn, path):
            yield conn
    finally:
        conn.close()


class ReadConnections:
    """A store's idle read connections, so that a read need not open (and parse) a new one.

    Each read is still a transaction of its own, begun when the read begins and rolled back
    when it ends, so no snapshot or lock is held between reads: an idle connection is what
    SQLAlchemy's pool keeps for the writes. A connection is kept only while it reads the file
    now at the path: each read compares the file's identity, so after a restore or a recovery
    put another file there (here or in another process) the next read opens the new file.
    Connections are handed to one thread at a time; ``close`` closes the idle ones, and one in
    use is closed when its read ends.
    """

    def __init__(self, path: Path, keep: int = KEEP) -> None:
        self.path = path
        self._keep = keep
        self._lock = threading.Lock()
        self._idle: list[tuple[sqlite3.Connection, FileIdentity]] = []
        self._generation = 0  # changed by close(): connections out at the time are not kept
        self._closed = False

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read-only snapshot, as ``read_snapshot``, on an idle connection when there is one."""
        conn, identity, generation = self._take()
        kept = False
        try:
            with _transaction(conn, self.path):
                yield conn
            kept = identity is not None and self._give_back(conn, identity, generation)
        finally:
            if not kept:
                conn.close()

    def close(self) -> None:
        """Close the idle connections; reads after this open and close their own."""
        self._drop(closing=True)

    def forget(self) -> None:
        """Close the idle connections, and keep new ones (after the file was replaced)."""
        self._drop(closing=False)

    def idle(self) -> int:
        """How many connections wait for the next read."""
        with self._lock:
            return len(self._idle)

    def _take(self) -> tuple[sqlite3.Connection, FileIdentity | None, int]:
        current = _identity(self.path)
        found: sqlite3.Connection | None = None
        stale = []
        with self._lock:
            generation = self._generation
            while self._idle and found is None:
                conn, identity = self._idle.pop()
                if identity == current:
                    found = conn
                else:
                    stale.append(conn)
        for old in stale:
            old.close()  # it reads a file that is no longer at the path
        if found is not None:
            return found, current, generation
        conn, lasting = _open(self.path, any_thread=True)
        # The identity as the connection opened it; a file swapped in between is seen next time.
        return conn, current if lasting and not self._closed else None, generation

    def _give_back(self, conn: sqlite3.Connection, identity: FileIdentity, generation: int) -> bool:
        if conn.in_transaction:
            return False
        with self._lock:
            if self._closed or generation != self._generation or len(self._idle) >= self._keep:
                return False
            self._idle.append((conn, identity))
            return True

    def _drop(self, *, closing: bool) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
            self._generation += 1
            self._closed = self._closed or closing
        for conn, _identity in idle:
            conn.close()


def _open(path: Path, *, any_thread: bool) -> tuple[sqlite3.Connection, bool]:
    try:
        return connect_for_reading(path, any_thread=any_thread)
    except sqlite3.Error as exc:
        raise StorageError(f"{path} cannot be opened: {reason_for(exc, path)}") from exc


@contextmanager
def _transaction(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """One read transaction on ``conn``; our own SQL errors go on as bugs, others as messages."""
    try:
        conn.execute("BEGIN")
    except sqlite3.Error as exc:
        raise StorageError(f"{path} cannot be opened: {reason_for(exc, path)}") from exc
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if circumstance_of(exc, path) is None and not is_damage(exc):
            raise  # our own query is wrong: a bug, for the crash report, not the learner
        raise StorageError(f"{path} cannot be read: {reason_for(exc, path)}") from exc
    finally:
        with suppress(sqlite3.Error):  # a connection left in a transaction is never kept
            conn.execute("ROLLBACK")


def _identity(path: Path) -> FileIdentity | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino
