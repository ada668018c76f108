"""Backups of the database: consistent copies, checked before they are kept, thinned by age."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from studyplanner.storage.engine import BUSY_TIMEOUT_MS, StorageError, check_compatible
from studyplanner.storage.integrity import Health, check_file, check_header
from studyplanner.storage.thinning import BackupPolicy, backups_to_keep

BACKUP_FOLDER = "backups"
# Written before a change is first committed and removed by the next backup: a crash between
# the two can only cause one backup too many, never one too few.
CHANGED_MARKER = ".changed-since-backup"
_NAME = re.compile(r"^studyplanner-(\d{4}-\d{2}-\d{2}-\d{6})-([a-z-]+)\.sqlite3$")
_STAMP = "%Y-%m-%d-%H%M%S"

__all__ = ["Backup", "BackupError", "BackupPolicy", "Contents", "Reason"]


class BackupError(StorageError):
    """A backup could not be made or restored; the message says why."""


class Reason:
    """Why a backup was taken, as it appears in the file name."""

    AUTOMATIC = "automatic"
    MANUAL = "manual"
    BEFORE_RESTORE = "before-restore"
    BEFORE_UPGRADE = "before-upgrade"


@dataclass(frozen=True)
class Contents:
    """What a database holds, in the learner's terms."""

    plans: int
    sessions: int
    cards: int
    reviews: int

    def __str__(self) -> str:
        return (
            f"{self.plans} plan{'s' * (self.plans != 1)}, {self.sessions:,} sessions, "
            f"{self.cards:,} cards, {self.reviews:,} reviews"
        )


UNCOUNTED = Contents(-1, -1, -1, -1)  # for listings that read only the files' headers


@dataclass(frozen=True)
class Backup:
    """One backup file, with what it holds or what is wrong with it."""

    path: Path
    taken: datetime
    reason: str
    size: int
    contents: Contents | None
    problem: str = ""

    @property
    def usable(self) -> bool:
        """Whether it can be offered for restoring."""
        return not self.problem and self.contents is not None


def backup_folder(data_dir: Path) -> Path:
    """Where the backups of the database in ``data_dir`` go."""
    return data_dir / BACKUP_FOLDER


def read_contents(conn: sqlite3.Connection) -> Contents:
    """Count what the database on ``conn`` holds."""

    def count(table: str) -> int:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return Contents(count("plan"), count("study_session"), count("card"), count("review"))


def list_backups(folder: Path, contents: bool = True) -> list[Backup]:
    """Every backup in ``folder``, newest first; damaged ones are flagged, not hidden.

    Without ``contents`` only each file's header is read: enough to choose what to keep.
    """
    found = []
    for path in folder.glob("studyplanner-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match[1], _STAMP)
            found.append(_describe(path, taken, match[2], contents))
    return sorted(found, key=lambda backup: backup.taken, reverse=True)


def _describe(path: Path, taken: datetime, reason: str, count: bool = True) -> Backup:
    size = path.stat().st_size
    checkup = check_file(path, quick=False) if count else check_header(path)
    if checkup.health is not Health.HEALTHY:
        return Backup(path, taken, reason, size, None, f"{checkup.health.value}: {checkup.detail}")
    if not count:
        return Backup(path, taken, reason, size, UNCOUNTED)
    try:
        with closing(_open_read_only(path)) as conn:
            contents = read_contents(conn)
    except sqlite3.DatabaseError as exc:
        return Backup(path, taken, reason, size, None, f"damaged: {exc}")
    return Backup(path, taken, reason, size, contents)


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def make_backup(database: Path, folder: Path, now: datetime, reason: str) -> Backup:
    """Copy ``database`` into ``folder`` as one consistent snapshot, checked before it is kept.

    The copy is written under a temporary name, checked with SQLite's quick_check, flushed to
    the disk and only then given its final name, so a backup that is listed is a whole one.
    """
    folder.mkdir(parents=True, exist_ok=True)
    name = f"studyplanner-{now.strftime(_STAMP)}-{reason}.sqlite3"
    target = folder / name
    partial = folder / f"{name}.partial"
    try:
        _copy_database(database, partial)
        checkup = check_file(partial)
        if checkup.health is not Health.HEALTHY:
            raise BackupError(f"The backup of {database} failed its check: {checkup.detail}")
        _fsync(partial)
        partial.replace(target)
        _fsync(folder)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            f"A backup of {database} could not be written to {folder}: {exc}"
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    clear_changed(folder)
    return _describe(target, datetime.strptime(now.strftime(_STAMP), _STAMP), reason)


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup: a snapshot of the committed state, even with the app running."""
    src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest)
            # A standalone copy: no write-ahead log beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        src.close()


def _fsync(path: Path) -> None:
    if os.name == "nt" and path.is_dir():
        return  # Windows cannot open folders for syncing; its renames are durable already
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore_backup(backup: Path, database: Path, folder: Path, now: datetime) -> Backup | None:
    """Replace the database's contents with the backup's; return the safety copy made first.

    The backup is checked in full before anything changes, and the current database (if it
    is healthy) is backed up first. The copy goes through SQLite's backup API into the live
    file, so it replaces everything in one transaction or nothing at all.
    """
    checkup = check_file(backup)
    if checkup.health is not Health.HEALTHY:
        raise BackupError(f"{backup.name} cannot be restored: it is {checkup.health.value}")
    check_compatible(backup)
    safety = None
    if check_file(database, quick=False).health is Health.HEALTHY:
        safety = make_backup(database, folder, now, Reason.BEFORE_RESTORE)
    try:
        src = _open_read_only(backup)
        try:
            dest = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = WAL")
            finally:
                dest.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{backup.name} could not be restored into {database}: {exc}") from exc
    mark_changed(folder)
    return safety


def backup_due(backups: Sequence[Backup], changed: bool, today: date) -> bool:
    """Whether the automatic backup should run: something changed, and none was taken today."""
    automatic = [b for b in backups if b.reason == Reason.AUTOMATIC and b.usable]
    return changed and not any(b.taken.date() == today for b in automatic)


def thin_backups(folder: Path, policy: BackupPolicy) -> list[Path]:
    """Delete the automatic backups the policy no longer keeps; return what was deleted.

    Safety copies (before a restore or an upgrade) and backups the learner made by hand stay
    until the learner deletes them; flagged files are left where they are to be looked at.
    """
    listed = list_backups(folder, contents=False)
    usable = [b for b in listed if b.usable and b.reason == Reason.AUTOMATIC]
    keep = backups_to_keep([b.taken for b in usable], policy)
    removed = []
    for backup in usable:
        if backup.taken not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def mark_changed(folder: Path) -> None:
    """Note that the database has changed since its last backup."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CHANGED_MARKER).touch()


def clear_changed(folder: Path) -> None:
    """Note that the latest backup holds every change."""
    (folder / CHANGED_MARKER).unlink(missing_ok=True)


def has_changed(folder: Path) -> bool:
    """Whether anything changed since the last backup."""
    return (folder / CHANGED_MARKER).exists()


def usable_backups(backups: Iterable[Backup]) -> list[Backup]:
    """The backups that can be offered for restoring."""
    return [b for b in backups if b.usable]
