"""The store's foundation: opening the database, short reads, and transactions for changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Self

from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.storage.database.connections import connect
from studyplanner.storage.database.engine import SCHEMA_HEAD, stored_revision
from studyplanner.storage.database.snapshot import ReadConnections
from studyplanner.storage.reviews.reviews import Reviews
from studyplanner.storage.safety.backups import backup_folder, mark_changed
from studyplanner.storage.safety.faults import storage_failure
from studyplanner.storage.safety.write_guard import WriteGuard

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from studyplanner.storage.writes.writes import Writes

DATABASE_NAME = "studyplanner.sqlite3"


class StoreBase:
    """The learner's database file, and how each unit of work reaches it."""

    def __init__(
        self,
        path: Path,
        engine: Engine | None = None,
        catalogue: RoadmapCatalogue | None = None,
    ) -> None:
        self.path = path
        self._engine = engine
        self._readers = ReadConnections(path)
        self.guard = WriteGuard(path)
        self.catalogue = RoadmapCatalogue.bundled() if catalogue is None else catalogue

    @classmethod
    def open(cls, data_dir: Path, catalogue: RoadmapCatalogue | None = None) -> Self:
        """Open (creating or migrating as needed) the database in ``data_dir``.

        ``catalogue`` holds the roadmaps offered besides the imported ones: the bundled ones
        unless another is given.
        """
        path = data_dir / DATABASE_NAME
        if stored_revision(path) == SCHEMA_HEAD:
            # Current: nothing to create or migrate, so SQLAlchemy can wait.
            return cls(path, catalogue=catalogue)
        from studyplanner.storage.database.engine import open_database

        return cls(path, open_database(path), catalogue)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine that changes go through, made at the first change."""
        if self._engine is None:
            from studyplanner.storage.database.engine import create_engine_for

            self._engine = create_engine_for(self.path)
        return self._engine

    def reload(self) -> None:
        """Start again from the file as it is now (after a restore), upgrading an older one."""
        self._readers.forget()  # an idle one may still read the file that was replaced
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if stored_revision(self.path) != SCHEMA_HEAD:
            from studyplanner.storage.database.engine import open_database

            self._engine = open_database(self.path)
        self.guard = WriteGuard(self.path)

    def close(self) -> None:
        """Release every connection, and fold the write-ahead log into the database file."""
        self._readers.close()
        if self._engine is not None:
            self._engine.dispose()
        if self.path.exists():
            try:
                with closing(connect(self.path)) as conn:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass  # another connection is still reading; SQLite checkpoints later itself
        self.guard.close()  # after the log is folded in: the file as the next opening finds it

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._readers.snapshot()

    @contextmanager
    def write(self, action: str = "Saving your change") -> Iterator[Writes]:
        """One transaction for changes: every write made through it commits together.

        Operations compose their writes here; ``action`` names the work in a failure's words.
        """
        from sqlalchemy.exc import DBAPIError

        from studyplanner.storage.writes.writes import Writes

        self.guard.before_write()
        try:
            # Every time: a backup made since the last change has taken the mark away.
            mark_changed(backup_folder(self.path.parent))
            with Writes.begin(self.engine) as writes:
                yield writes
        except (DBAPIError, OSError) as exc:
            self.guard.after_failure(exc)
            raise storage_failure(action, self.path, exc) from exc

    _write = write  # the store's own methods' name for it

    def reviews(self) -> Reviews:
        """A connection for one review of cards; close it when the review ends."""
        return Reviews(self.path, self.guard)
