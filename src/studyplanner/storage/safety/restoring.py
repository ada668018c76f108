"""Putting a backup in the database's place: staged, checked, then swapped in one step."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from datetime import datetime
from pathlib import Path

from studyplanner.storage.database.connections import connect
from studyplanner.storage.database.engine import check_compatible
from studyplanner.storage.errors import BackupError
from studyplanner.storage.safety.backups import (
    PARTIAL_SUFFIX,
    Backup,
    Reason,
    flush_to_disk,
    make_backup,
    mark_changed,
)
from studyplanner.storage.safety.faults import reason_for
from studyplanner.storage.safety.integrity import Health, check_file, page_size_of, set_aside


def restore_backup(backup: Path, database: Path, folder: Path, now: datetime) -> Backup | None:
    """Replace a healthy (or missing) database's contents with the backup's.

    Returns the safety copy of the database as it was. The backup is checked in full and
    copied beside the database first, at the database's page size; that copy then goes
    through SQLite's backup API into the live file, so it replaces everything in one
    transaction or nothing at all, even with the app's connections open.
    """
    _check_backup(backup)
    current = check_file(database, quick=False)
    if current.health is Health.UNAVAILABLE:
        raise BackupError(f"Nothing was restored: {current.detail}.")
    if current.health.damaged:
        raise BackupError(f"{database} is {current.health.value}: replace it instead")
    safety = None
    if current.health is Health.HEALTHY:
        safety = make_backup(database, folder, now, Reason.BEFORE_RESTORE)
    with _staged(backup, database, folder, now, page_size_of(database)) as stage:
        if current.health is Health.MISSING:
            _swap_in(stage, database)
        else:
            _copy_into_live(stage, database)
    return safety


def replace_damaged(backup: Path, database: Path, folder: Path, now: datetime) -> Path:
    """Put the backup where a damaged database is, keeping the damaged file; return its name.

    The backup is copied and checked beside the database before anything changes. The
    damaged file is then given a second name, its side files are moved aside, and the copy
    takes its place in one rename: at every moment there is a database, old or new.
    """
    _check_backup(backup)
    current = check_file(database)
    if not current.health.damaged:
        raise BackupError(f"{database} is not damaged, so it is not replaced")
    with _staged(backup, database, folder, now, None) as stage:
        aside = set_aside(database, now, keep_in_place=True)
        _swap_in(stage, database)
    return aside


@contextmanager
def _staged(
    backup: Path, database: Path, folder: Path, now: datetime, page_size: int | None
) -> Iterator[Path]:
    """A checked copy of the backup for the block to put in place; then the data is marked."""
    stage = _stage(backup, folder, now, page_size)
    try:
        yield stage
    except (OSError, sqlite3.Error) as exc:
        raise _not_restored(backup, exc, database) from exc
    finally:
        _discard(stage)
    mark_changed(folder)


def _check_backup(backup: Path) -> None:
    checkup = check_file(backup)
    if checkup.health is not Health.HEALTHY:
        raise BackupError(f"{backup.name} cannot be restored: it is {checkup.health.value}")
    check_compatible(backup)


def _stage(backup: Path, folder: Path, now: datetime, page_size: int | None) -> Path:
    """A checked, flushed copy of the backup in ``folder``, at ``page_size`` if given."""
    folder.mkdir(parents=True, exist_ok=True)
    stage = folder / f"studyplanner-restore-{os.getpid()}-{now:%H%M%S%f}{PARTIAL_SUFFIX}"
    try:
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if page_size:
                # A database in write-ahead-log mode cannot take pages of another size.
                src.execute(f"PRAGMA page_size = {int(page_size)}")
            src.execute("VACUUM INTO ?", (str(stage),))
        finally:
            src.close()
        if check_file(stage).health is not Health.HEALTHY:
            raise BackupError(f"{backup.name} could not be copied whole; nothing was changed")
        flush_to_disk(stage)
    except (OSError, sqlite3.Error) as exc:
        _discard(stage)
        raise _not_restored(backup, exc, stage) from exc
    return stage


def _copy_into_live(stage: Path, database: Path) -> None:
    src = sqlite3.connect(f"{stage.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = connect(database)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = WAL")
        finally:
            dest.close()
    finally:
        src.close()


def _swap_in(stage: Path, database: Path) -> None:
    with closing(sqlite3.connect(stage)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")  # the log is folded in as it closes
    flush_to_disk(stage)
    stage.replace(database)
    flush_to_disk(database.parent)


def _not_restored(backup: Path, error: BaseException, where: Path) -> BackupError:
    return BackupError(f"{backup.name} could not be restored: {reason_for(error, where)}")


def _discard(stage: Path) -> None:
    """Remove the staged copy; on a read-only disk there is none, and nothing to remove."""
    with suppress(OSError):
        stage.unlink(missing_ok=True)
