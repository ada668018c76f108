"""A review's own connection to the database, and its reads with failures told in words."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from studyplanner.storage.database.connections import connect_for_review
from studyplanner.storage.errors import StorageError
from studyplanner.storage.safety.faults import reason_for
from studyplanner.storage.safety.write_guard import WriteGuard


class ReviewConnection:
    """One review's connection to the database: open it, read and write, close it."""

    def __init__(self, path: Path, guard: WriteGuard | None = None) -> None:
        try:
            self._conn = connect_for_review(path)
        except sqlite3.Error as exc:
            raise StorageError(
                f"{path} cannot be opened for review: {reason_for(exc, path)}"
            ) from exc
        self.path = path
        self.guard = guard or WriteGuard(path)

    def close(self) -> None:
        """Release the connection."""
        self._conn.close()

    def _query(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path} cannot be read: {exc}") from exc
