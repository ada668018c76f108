"""``studyplanner-cli check``, ``backup`` and ``restore``: the app's data safety from a shell."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from studyplanner.cli import arguments
from studyplanner.cli.arguments import shown, what_is_at
from studyplanner.paths import add_data_dir_option
from studyplanner.storage.database.engine import check_compatible
from studyplanner.storage.errors import BackupError, StorageError
from studyplanner.storage.safety.backups import backup_folder, list_backups
from studyplanner.storage.safety.integrity import Health
from studyplanner.storage.safety.recovery import back_up, check_data, newest_usable, restore
from studyplanner.storage.store import Store

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def add_parsers(commands: arguments.Commands) -> None:
    """Declare check, backup and restore."""
    check = commands.add_parser("check", help="check the database; exit 1 if it is damaged")
    add_data_dir_option(check)
    backup = commands.add_parser("backup", help="back the database up now (or list backups)")
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    add_data_dir_option(backup)
    restore_parser = commands.add_parser(
        "restore", help="replace the database with a backup (the current one is kept)"
    )
    restore_parser.add_argument("backup", metavar="BACKUP", help="a backup's file name or path")
    add_data_dir_option(restore_parser)


def run_check(data_dir: Path) -> int:
    """Exit 0 for a healthy database; else say what is wrong and what to do.

    Damage names the backup to restore; a full disk or a read-only folder names the fix.
    """
    checkup = check_data(data_dir)
    if checkup.health is Health.MISSING:
        print(f"No database yet in {data_dir}: nothing to check.")
        return EXIT_OK
    if checkup.health is Health.HEALTHY:
        try:
            check_compatible(checkup.path)
        except StorageError as exc:
            print(f"studyplanner-cli: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"{checkup.path}: healthy.")
        return EXIT_OK
    if checkup.health is Health.UNAVAILABLE:
        # Not damage: restoring would hide the newest data, so it is not suggested.
        print(
            f"studyplanner-cli: {checkup.path} cannot be checked: {checkup.detail}.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"studyplanner-cli: {checkup}.", file=sys.stderr)
    best = newest_usable(data_dir)
    if best is None:
        print("There is no usable backup to restore.", file=sys.stderr)
    else:
        print(
            f"Restore the newest good backup ({best.taken:%Y-%m-%d %H:%M}, {best.contents}) "
            f"with: studyplanner-cli restore {best.path.name}",
            file=sys.stderr,
        )
    return EXIT_FAILED


def run_backup(args: argparse.Namespace, data_dir: Path, now: datetime) -> int:
    """Make a backup now, or list them with ``--list``."""
    if args.list:
        for backup in list_backups(backup_folder(data_dir)):
            what = str(backup.contents) if backup.usable else f"NOT USABLE ({backup.problem})"
            print(f"{backup.path.name}\t{backup.taken:%Y-%m-%d %H:%M}\t{backup.reason}\t{what}")
        return EXIT_OK
    try:
        backup = back_up(data_dir, now)
    except BackupError as exc:
        print(f"studyplanner-cli: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Backed up {backup.contents} to {backup.path}")
    return EXIT_OK


def run_restore(args: argparse.Namespace, data_dir: Path, now: datetime) -> int:
    """Restore a backup, as the app does, keeping the old data.

    The caller holds the data folder's lock (see ``writer_lock``), so never while the app runs.
    """
    chosen = Path(args.backup).expanduser()
    in_folder = backup_folder(data_dir) / chosen.name
    if what_is_at(chosen) is None and what_is_at(in_folder) is not None:
        chosen = in_folder
    if what_is_at(chosen) != "file":
        print(
            f"studyplanner-cli: there is no backup called '{shown(args.backup)}': "
            "see backup --list",
            file=sys.stderr,
        )
        return EXIT_INVALID  # a mistake in the command line, like any other
    restored = restore(data_dir, chosen.resolve(), now)
    Store.open(data_dir).close()  # an older backup is upgraded now, with its own backup
    if restored.set_aside is not None:
        print(f"The damaged database was kept as {restored.set_aside}")
    if restored.safety_copy is not None:
        print(f"The database as it was is backed up in {restored.safety_copy.path}")
    print(f"Restored {chosen.name}.")
    return EXIT_OK
