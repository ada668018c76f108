"""A review's connection to the database, and its reads with failures told in words."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from studyplanner.storage.database.connections import connect_for_review
from studyplanner.storage.errors import StorageError
from studyplanner.storage.safety.faults import reason_for
from studyplanner.storage.safety.write_guard import WriteGuard

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


class ReviewConnection:
    """One unit of a review's work on the database: open it, read and write, close it."""

    def __init__(self, path: Path, guard: WriteGuard | None = None) -> None:
        try:
            conn = connect_for_review(path)
        except sqlite3.Error as exc:
            raise StorageError(
                f"{path} cannot be opened for review: {reason_for(exc, path)}"
            ) from exc
        self._use(path, guard, conn, conn.close)

    @classmethod
    def from_pool(cls, engine: Engine, path: Path, guard: WriteGuard) -> Self:
        """On a connection of the pool the store's changes are written through.

        Opening a connection of its own costs an answer about 0.3 ms (the file, its log's
        index and the schema, read again); the pool's idle connection costs 10 µs. Nothing is
        held between two units: ``close`` gives the connection back, outside any transaction.
        """
        from sqlalchemy.exc import DBAPIError

        try:
            pooled = engine.raw_connection()
        except DBAPIError as exc:
            raise StorageError(
                f"{path} cannot be opened for review: {reason_for(exc.orig or exc, path)}"
            ) from exc
        conn = pooled.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        self = cls.__new__(cls)
        self._use(path, guard, conn, pooled.close)
        return self

    def _use(
        self,
        path: Path,
        guard: WriteGuard | None,
        conn: sqlite3.Connection,
        release: Callable[[], None],
    ) -> None:
        self._conn = conn
        self._release = release
        self.path = path
        self.guard = guard or WriteGuard(path)

    def close(self) -> None:
        """Release the connection."""
        self._release()

    def _query(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path} cannot be read: {exc}") from exc
