"""Opening the database: an engine factory, connection settings and automatic migrations."""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyplanner.storage.database.connections import BUSY_TIMEOUT_MS, configure, connect_read_only
from studyplanner.storage.errors import DatabaseTooNewError, DatabaseUnreadableError, StorageError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parents[1] / "schema" / "migrations"
# The newest migration. A test checks it against Alembic's; knowing it here lets a database that
# is already current open without loading Alembic at all, which keeps start-up fast.
SCHEMA_HEAD = "0010"


def create_engine_for(path: Path) -> Engine:
    """A new engine for the SQLite file at ``path``, with our connection settings."""
    from sqlalchemy import create_engine, event  # loaded at the first change, not at start-up

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _configure_connection)
    # Python's sqlite3 begins transactions only before INSERT, UPDATE and DELETE, so schema
    # changes and reads would run outside them. SQLAlchemy's recipe: the driver leaves
    # transactions alone, and every SQLAlchemy transaction starts with an explicit BEGIN.
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    return engine


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    configure(dbapi_connection)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def schema_head() -> str:
    """The newest schema revision among the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def stored_revision(path: Path) -> str | None:
    """The schema revision recorded in the file, read without changing a byte of it."""
    if not path.exists():
        return None
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseUnreadableError(
                    f"{path} is a SQLite database, but not one of Study Planner's"
                )
            return None
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from None
    finally:
        conn.close()
    if len(rows) != 1:
        # Tables without a version could be any version: migrating them is a guess.
        raise DatabaseUnreadableError(f"{path} is damaged: its schema version is missing")
    return str(rows[0][0])


def _unreadable(path: Path, error: sqlite3.Error) -> StorageError:
    """Damage is the file's; a full disk or a read-only folder is not, and says what to do."""
    from studyplanner.storage.safety.faults import advice, circumstance_of

    found = circumstance_of(error, path)
    if found is not None:
        return StorageError(f"{path} cannot be read now: {advice(found, path)}.")
    return DatabaseUnreadableError(f"{path} cannot be read as a database: {error}")


def check_compatible(path: Path) -> None:
    """Refuse a database written by a newer version of the app, before touching it."""
    revision = stored_revision(path)
    if revision is None or revision == SCHEMA_HEAD:
        return
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(_alembic_config())
    try:
        known = script.get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise DatabaseTooNewError(
            f"{path} was written by a newer version of Study Planner (schema {revision}). "
            "Install the newer version to open it; this version has left the file untouched."
        )


def open_database(path: Path, now: datetime | None = None) -> Engine:
    """Check, create or migrate the database at ``path`` and return an engine for it.

    An existing database is backed up (named for ``now``) before it is upgraded.
    """
    from sqlalchemy.exc import DBAPIError

    from studyplanner.storage.safety.faults import storage_failure

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_failure("Making the data folder", path, exc) from exc
    check_compatible(path)
    revision = stored_revision(path)
    if revision is not None and revision != SCHEMA_HEAD:
        from studyplanner.storage.safety.backups import Reason, backup_folder, make_backup

        taken = now or datetime.now()
        make_backup(path, backup_folder(path.parent), taken, Reason.BEFORE_UPGRADE)
    created = not path.exists()
    engine = create_engine_for(path)
    if revision == SCHEMA_HEAD:
        return engine
    try:
        migrate(engine, path, "head")
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        if created:
            _remove_unfinished(path)  # an empty file left now would look like damage later
        action = "Creating the database" if created else "Upgrading the database"
        raise storage_failure(action, path, exc) from exc
    finally:
        engine.dispose()  # the connection that had its keys off is not reused
    return engine


def _remove_unfinished(path: Path) -> None:
    """Delete a database this opening made and could not finish (it holds nothing)."""
    from studyplanner.storage.safety.integrity import SIDE_FILES

    for side in ("", *SIDE_FILES):
        with suppress(OSError):
            Path(f"{path}{side}").unlink(missing_ok=True)


def migrate(engine: Engine, path: Path, revision: str, down: bool = False) -> None:
    """Upgrade (or, for test fixtures, downgrade) to ``revision`` in one checked transaction."""
    from alembic import command

    config = _alembic_config()
    with engine.connect() as connection:
        # Batch migrations rebuild tables (copy, drop, rename). With foreign keys on, the
        # drop would cascade and delete the rows that point at the table, such as every
        # review of the cards. SQLite's advice: keys off (outside any transaction) for the
        # rebuild, then check that every key still holds before committing.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys = OFF")
        with connection.begin():
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StorageError(f"{path}: the migration would break links between rows")
        driver.execute("PRAGMA foreign_keys = ON")
