"""One-line messages for files the CLI cannot write or folders it cannot use, naming each."""

from __future__ import annotations

import errno
import sqlite3
import stat
from pathlib import Path

from studyplanner.cli.arguments import UsageError
from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.paths import DATA_DIR_ENV
from studyplanner.storage.errors import StorageError
from studyplanner.storage.store import Store
from studyplanner.storage.store_base import DATABASE_NAME

_REASONS = {
    errno.ENOSPC: "the disk is full; free some space or choose another folder",
    errno.EDQUOT: "the disk quota is used up; free some space or choose another folder",
    errno.EROFS: "the folder is read-only; choose another folder",
    errno.EACCES: "you may not write there; choose another folder",
    errno.EPERM: "you may not write there; choose another folder",
    errno.ENOENT: "its folder does not exist; create it, or choose another folder",
    errno.ENOTDIR: "part of its folder is a file, not a folder; choose another folder",
    errno.EISDIR: "it is a folder; name a file",
    errno.ENAMETOOLONG: "the name is too long; choose a shorter one",
}


def reason(error: OSError) -> str:
    """What went wrong, in words, with what to do; never empty."""
    known = _REASONS.get(error.errno) if error.errno is not None else None
    return known or f"{error.strerror or error or type(error).__name__}; try another place"


def write_failure(path: Path, error: OSError) -> str:
    """The one-line message for ``path`` that could not be written."""
    if error.strerror is None and error.filename is None and str(error):
        return str(error)  # already a message naming the file, as the exporters raise
    return f"cannot write {path}: {reason(error)}"


def check_data_dir(data_dir: Path) -> None:
    """Refuse a data folder that names a file (from $STUDYPLANNER_DATA_DIR, say)."""
    for above in data_dir.parents:
        if above.exists() and not above.is_dir():
            raise UsageError(
                f"the data folder {data_dir} is inside a file, {above}: name a folder with "
                f"--data-dir or ${DATA_DIR_ENV}"
            )
    try:
        mode = data_dir.stat().st_mode
    except (OSError, ValueError):
        return  # nothing there yet: opening the database makes the folder
    if not stat.S_ISDIR(mode):
        raise UsageError(
            f"the data folder {data_dir} is not a folder: name a folder with --data-dir "
            f"or ${DATA_DIR_ENV}"
        )


def open_store(
    data_dir: Path, catalogue: RoadmapCatalogue | None = None, create: bool = True
) -> Store:
    """Open the database in ``data_dir``; a folder that cannot be made or used is one line.

    Without ``create`` (for commands that only read) a missing database is not made: an
    empty file on a full disk would look like damage later.
    """
    check_data_dir(data_dir)
    if not create and not (data_dir / DATABASE_NAME).exists():
        raise StorageError(
            f"there are no plans yet in {data_dir}: save one first with "
            "studyplanner-cli plan ROADMAP ... --save"
        )
    try:
        return Store.open(data_dir, catalogue)
    except Exception as exc:
        cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
        if isinstance(cause, OSError):
            why = reason(cause)
        elif isinstance(cause, sqlite3.Error):
            why = f"{cause}; choose another folder with --data-dir"
        else:
            raise
        raise StorageError(f"cannot use the data folder {data_dir}: {why}") from None
