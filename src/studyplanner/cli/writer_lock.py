"""The command line changes the data only while it holds the app's own lock on the folder."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studyplanner.storage.database.instance_lock import InstanceLock
from studyplanner.storage.errors import AlreadyRunningError

APP_IS_OPEN = (
    "Study Planner is open with the data in {folder}, or another command is changing it; "
    "close it or make this change in the app (reading commands work meanwhile)"
)


def writes(args: argparse.Namespace) -> bool:
    """Whether the command changes the database (reads and exports do not)."""
    if args.command == "plan":
        return bool(args.save)
    if args.command == "replan":
        return bool(args.apply)
    if args.command == "cards":
        return bool(getattr(args, "cards_command", None) == "import")
    return bool(args.command == "restore")


@contextmanager
def holding_the_lock(data_dir: Path) -> Iterator[None]:
    """Hold the lock the running app holds; refuse at once, in one line, while it runs.

    A folder that does not exist yet has no app running on it, and a command that fails
    on bad input must not leave one behind, so there is nothing to lock then.
    """
    if not data_dir.is_dir():
        yield
        return
    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
    except AlreadyRunningError:
        raise AlreadyRunningError(APP_IS_OPEN.format(folder=data_dir)) from None
    try:
        yield
    finally:
        lock.release()
