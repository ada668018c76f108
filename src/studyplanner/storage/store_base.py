"""The store's foundation: opening the database, short reads, and transactions for changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Self

from studyplanner.storage.engine import SCHEMA_HEAD, stored_revision
from studyplanner.storage.reviews import Reviews
from studyplanner.storage.snapshot import read_snapshot

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from studyplanner.storage.writes import Writes

DATABASE_NAME = "studyplanner.sqlite3"


class StoreBase:
    """The learner's database file, and how each unit of work reaches it."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._engine = engine

    @classmethod
    def open(cls, data_dir: Path) -> Self:
        """Open (creating or migrating as needed) the database in ``data_dir``."""
        path = data_dir / DATABASE_NAME
        if stored_revision(path) == SCHEMA_HEAD:
            return cls(path)  # current: nothing to create or migrate, so SQLAlchemy can wait
        from studyplanner.storage.engine import open_database

        return cls(path, open_database(path))

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine that changes go through, made at the first change."""
        if self._engine is None:
            from studyplanner.storage.engine import create_engine_for

            self._engine = create_engine_for(self.path)
        return self._engine

    def close(self) -> None:
        """Release every connection."""
        if self._engine is not None:
            self._engine.dispose()

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        return read_snapshot(self.path)

    @contextmanager
    def _write(self) -> Iterator[Writes]:
        from studyplanner.storage.writes import Writes

        with Writes.begin(self.engine) as writes:
            yield writes

    def reviews(self) -> Reviews:
        """A connection for one review of cards; close it when the review ends."""
        return Reviews(self.path)
