"""Noticing commits another process made, through SQLite's ``data_version``.

``PRAGMA data_version`` on a connection changes when any other connection commits, ours
included. So the watch keeps one connection of its own open for as long as the app runs (the
one connection that outlives a unit of work, on purpose) and brackets the app's own writes:
a change seen outside a bracket is someone else's. A commit another process makes in the
microseconds between one of ours and the end of its bracket is taken for ours; the next one it
makes is seen.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studyplanner.storage.database.connections import connect_for_watching


class ChangeWatch:
    """Tells whether another process committed to the database since it last looked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()  # the connection is used from the UI and worker threads
        self._conn: sqlite3.Connection | None = None
        self._seen: int | None = None
        self._theirs = False  # another process committed before one of our brackets began
        self._open()

    def _open(self) -> None:
        try:
            self._conn = connect_for_watching(self.path)
        except sqlite3.Error:
            self._conn = None  # a folder SQLite cannot share: other processes go unnoticed
        self._seen = self._version()

    def _version(self) -> int | None:
        if self._conn is None:
            return None
        try:
            (version,) = self._conn.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return self._seen  # busy or gone for a moment: nothing learnt
        return int(version)

    @contextmanager
    def own_change(self) -> Iterator[None]:
        """Around one of our own writes: what it commits is not reported as theirs."""
        with self._lock:
            if self._version() != self._seen:
                self._theirs = True
            try:
                yield
            finally:
                self._seen = self._version()

    def absorb(self) -> None:
        """After a commit of ours made outside a bracket: take what is there now as seen.

        Skipped while a bracket is open: its end takes the newer state as seen anyway.
        """
        if self._lock.acquire(blocking=False):
            try:
                self._seen = self._version()
            finally:
                self._lock.release()

    def someone_else_changed(self) -> bool:
        """Whether another process committed since the last look; never waits."""
        if not self._lock.acquire(blocking=False):
            return False  # a write of ours is running; look next time
        try:
            version = self._version()
            changed = self._theirs or version != self._seen
            self._seen, self._theirs = version, False
            return changed
        finally:
            self._lock.release()

    def reopen(self) -> None:
        """Look at the file now at the path (after a restore put another in its place)."""
        with self._lock:
            self._close()
            self._theirs = False
            self._open()

    def close(self) -> None:
        """Release the connection."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
