"""Backups of the database: consistent copies, checked before they are kept, thinned by age."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from studyplanner.storage.database.connections import connect_read_only
from studyplanner.storage.errors import BackupError
from studyplanner.storage.safety.faults import reason_for
from studyplanner.storage.safety.integrity import Health, check_file, check_header
from studyplanner.storage.safety.thinning import BackupPolicy, backups_to_keep

BACKUP_FOLDER = "backups"
# Written before a change is first committed and taken away by the next backup: a crash between
# the two can only cause one backup too many, never one too few.
CHANGED_MARKER = ".changed-since-backup"
# Legacy names end at the second; newer ones carry a sequence number that only grows, so two
# backups never share a name and their order survives a clock set back.
_NAME = re.compile(r"^studyplanner-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")
_STAMP = "%Y-%m-%d-%H%M%S"
PARTIAL_SUFFIX = ".partial"
# A backup being written updates its file all the time; one untouched this long was abandoned.
ABANDONED_SECONDS = 10 * 60

__all__ = ["Backup", "BackupPolicy", "Contents", "Reason"]


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
    sequence: int = 0  # the order backups were made in; 0 for names from before it existed

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

    Newest means made last, by the sequence in the names, whatever the clock said. Without
    ``contents`` only each file's header is read: enough to choose what to keep.
    """
    found = []
    for path in folder.glob("studyplanner-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match[1], _STAMP)
            sequence = int(match[2] or 0)
            found.append(_describe(path, taken, match[3], sequence, contents))
    return sorted(found, key=lambda b: (b.sequence, b.taken, b.path.name), reverse=True)


def _describe(path: Path, taken: datetime, reason: str, sequence: int, count: bool) -> Backup:
    size = path.stat().st_size
    checkup = check_file(path, quick=False) if count else check_header(path)
    if checkup.health is not Health.HEALTHY:
        problem = f"{checkup.health.value}: {checkup.detail}"
        return Backup(path, taken, reason, size, None, problem, sequence)
    if not count:
        return Backup(path, taken, reason, size, UNCOUNTED, sequence=sequence)
    try:
        with closing(connect_read_only(path)) as conn:
            contents = read_contents(conn)
    except sqlite3.DatabaseError as exc:
        return Backup(path, taken, reason, size, None, f"damaged: {exc}", sequence)
    return Backup(path, taken, reason, size, contents, sequence=sequence)


def make_backup(database: Path, folder: Path, now: datetime, reason: str) -> Backup:
    """Copy ``database`` into ``folder`` as one consistent snapshot, checked before it is kept.

    The copy is written under a temporary name, checked with SQLite's quick_check, flushed to
    the disk and only then given its final name, so a backup that is listed is a whole one.
    The name is new: an existing backup is never replaced, whatever the clock says.
    """
    partial = folder / f"studyplanner-backup-{os.getpid()}-{now:%H%M%S%f}{PARTIAL_SUFFIX}"
    try:
        claimed = _claim_changes(folder)
        _copy_database(database, partial)
        checkup = check_file(partial)
        if checkup.health is not Health.HEALTHY:
            raise BackupError(f"The backup of {database} failed its check: {checkup.detail}")
        flush_to_disk(partial)
        target, sequence = _give_new_name(partial, folder, now, reason)
        flush_to_disk(folder)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            f"A backup of {database} could not be written to {folder}: {reason_for(exc, partial)}"
        ) from exc
    finally:
        with suppress(OSError):  # nothing was written where nothing can be deleted
            partial.unlink(missing_ok=True)
    for path in claimed:
        path.unlink(missing_ok=True)
    taken = datetime.strptime(now.strftime(_STAMP), _STAMP)
    return _describe(target, taken, reason, sequence, True)


def _give_new_name(partial: Path, folder: Path, now: datetime, reason: str) -> tuple[Path, int]:
    """Link the finished copy under the next free name; a taken name is never replaced."""
    sequence = next_sequence(folder)
    while True:
        target = folder / f"studyplanner-{now.strftime(_STAMP)}-{sequence:06d}-{reason}.sqlite3"
        try:
            os.link(partial, target)
        except FileExistsError:
            sequence += 1
            continue
        except OSError:
            # Some file systems (FAT on a memory stick) have no hard links: claim the name
            # first, then move the copy onto the empty file just claimed.
            try:
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            except FileExistsError:
                sequence += 1
                continue
            partial.replace(target)
        return target, sequence


def next_sequence(folder: Path) -> int:
    """One more than the highest sequence number among the backups in ``folder``."""
    highest = 0
    for path in folder.glob("studyplanner-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match and match[2]:
            highest = max(highest, int(match[2]))
    return highest + 1


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup: a snapshot of the committed state, even with the app running."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = connect_read_only(source)
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


def remove_abandoned(folder: Path, now: float) -> list[Path]:
    """Delete the unfinished copies a killed backup or restore left (``now`` is a time.time())."""
    removed = []
    for path in folder.glob(f"*{PARTIAL_SUFFIX}") if folder.is_dir() else ():
        try:
            if now - path.stat().st_mtime > ABANDONED_SECONDS:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to delete: it is only ever a copy
    return removed


def flush_to_disk(path: Path) -> None:
    """Make sure a file, or a rename in a folder, is on the disk, not only in its cache."""
    if os.name == "nt" and path.is_dir():
        return  # Windows cannot open folders for syncing; its renames are durable already
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_due(backups: Sequence[Backup], changed: bool, today: date) -> bool:
    """Whether the automatic backup is due: there are changes, and the last one was not today.

    The last one is the one made last (by sequence); after the clock is set back its day is
    not "today", so a backup is made rather than skipped.
    """
    automatic = [b for b in backups if b.reason == Reason.AUTOMATIC and b.usable]
    newest = max(automatic, key=lambda b: (b.sequence, b.taken), default=None)
    return changed and (newest is None or newest.taken.date() != today)


def thin_backups(folder: Path, policy: BackupPolicy) -> list[Path]:
    """Delete the automatic backups the policy no longer keeps; return what was deleted.

    Safety copies (before a restore or an upgrade) and backups the learner made by hand stay
    until the learner deletes them; flagged files are left where they are to be looked at.
    The newest backup is always kept, whatever the policy and the clock say.
    """
    listed = list_backups(folder, contents=False)
    usable = [b for b in listed if b.usable and b.reason == Reason.AUTOMATIC]
    oldest_first = usable[::-1]
    keep = backups_to_keep([b.taken for b in oldest_first], policy)
    removed = []
    for index, backup in enumerate(oldest_first[:-1]):
        if index not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def mark_changed(folder: Path) -> None:
    """Note that the database has changed since its last backup (cheap when already noted)."""
    marker = folder / CHANGED_MARKER
    if not marker.exists():
        folder.mkdir(parents=True, exist_ok=True)
        marker.touch()


def _claim_changes(folder: Path) -> list[Path]:
    """Take the marks for the backup about to be made; a change during the copy marks anew.

    A claimed mark still counts as a change until the backup succeeds and deletes it, so a
    backup that fails or is killed leaves the changes noted for the next one.
    """
    claimed = folder / f"{CHANGED_MARKER}.{os.getpid()}"
    with suppress(FileNotFoundError):
        (folder / CHANGED_MARKER).replace(claimed)
    return sorted(folder.glob(f"{CHANGED_MARKER}.*")) if folder.is_dir() else []


def has_changed(folder: Path) -> bool:
    """Whether anything changed since the last backup that succeeded."""
    return (folder / CHANGED_MARKER).exists() or any(folder.glob(f"{CHANGED_MARKER}.*"))


def usable_backups(backups: Iterable[Backup]) -> list[Backup]:
    """The backups that can be offered for restoring."""
    return [b for b in backups if b.usable]
