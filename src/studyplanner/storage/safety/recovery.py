"""The data-safety operations both the app and the command line offer, on a whole data folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studyplanner.storage.database.engine import check_compatible
from studyplanner.storage.errors import BackupError
from studyplanner.storage.safety.backups import (
    Backup,
    BackupPolicy,
    Reason,
    backup_due,
    backup_folder,
    has_changed,
    list_backups,
    make_backup,
    remove_abandoned,
    thin_backups,
)
from studyplanner.storage.safety.integrity import Checkup, Health, check_file, set_aside
from studyplanner.storage.safety.restoring import replace_damaged, restore_backup
from studyplanner.storage.safety.write_guard import remember
from studyplanner.storage.store_base import DATABASE_NAME


def database_path(data_dir: Path) -> Path:
    """The database file in ``data_dir``."""
    return data_dir / DATABASE_NAME


def check_data(data_dir: Path) -> Checkup:
    """The database's health, by SQLite's quick_check; remembered, so writes need not ask."""
    checkup = check_file(database_path(data_dir))
    remember(checkup)
    return checkup


def newest_usable(data_dir: Path) -> Backup | None:
    """The backup to suggest when the database is damaged."""
    return next((b for b in list_backups(backup_folder(data_dir)) if b.usable), None)


def back_up(data_dir: Path, now: datetime, reason: str = Reason.MANUAL) -> Backup:
    """Back the database up now; refuse to copy a damaged one over good backups' places."""
    checkup = check_data(data_dir)
    if checkup.health is Health.MISSING:
        raise BackupError(f"There is nothing to back up yet in {data_dir}.")
    if checkup.health is Health.UNAVAILABLE:
        raise BackupError(f"The database cannot be backed up now: {checkup.detail}.")
    if checkup.health is not Health.HEALTHY:
        raise BackupError(f"The database is not backed up: {checkup}.")
    tidy(data_dir, now.timestamp())  # from the command line too, where there is no start-up
    return make_backup(database_path(data_dir), backup_folder(data_dir), now, reason)


def automatic_backup(data_dir: Path, now: datetime, policy: BackupPolicy) -> Backup | None:
    """The daily backup, if something changed and none was made today; then thin the old ones."""
    folder = backup_folder(data_dir)
    if not backup_due(list_backups(folder, contents=False), has_changed(folder), now.date()):
        return None
    backup = back_up(data_dir, now, Reason.AUTOMATIC)
    thin_backups(folder, policy)
    return backup


@dataclass(frozen=True)
class Restored:
    """What a restore did besides restoring: the copies it kept of what was there."""

    backup: Backup
    safety_copy: Backup | None
    set_aside: Path | None


def restore(data_dir: Path, backup: Path, now: datetime) -> Restored:
    """Put a backup in place of the database, keeping what was there.

    A healthy database is backed up first; a damaged one is kept under another name. One
    that is out of reach (a full disk, a read-only folder) is left exactly as it is, and
    nothing is restored: the newest data is never set aside because of where it is kept.
    """
    database = database_path(data_dir)
    folder = backup_folder(data_dir)
    chosen = next((b for b in list_backups(folder) if b.path == backup), None)
    checkup = check_file(backup)
    if checkup.health is not Health.HEALTHY:
        raise BackupError(f"{backup} cannot be restored: {checkup}.")
    current = check_data(data_dir)
    if current.health is Health.UNAVAILABLE:
        raise BackupError(f"Nothing was restored: {current.detail}.")
    if current.health is Health.HEALTHY:
        check_compatible(database)  # a newer version's data is left untouched, not replaced
    aside = safety = None
    if current.health.damaged:
        aside = replace_damaged(backup, database, folder, now)
    else:
        safety = restore_backup(backup, database, folder, now)
    if chosen is None:  # a file from elsewhere: describe it as it is now in place
        chosen = Backup(backup, now, "file", backup.stat().st_size, None)
    return Restored(chosen, safety, aside)


def start_fresh(data_dir: Path, now: datetime) -> Path:
    """Set the damaged database aside so the app can start with an empty one.

    Refused for a database that is not damaged, such as one on a full disk.
    """
    current = check_data(data_dir)
    if not current.health.damaged:
        raise BackupError(f"{current.path} is not damaged, so it is kept where it is.")
    return set_aside(database_path(data_dir), now)


def tidy(data_dir: Path, now: float) -> list[Path]:
    """Remove what killed backups and restores left behind (``now`` is a time.time())."""
    return remove_abandoned(backup_folder(data_dir), now)
