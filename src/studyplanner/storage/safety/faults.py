"""Telling damage from circumstance, and turning either into words that say what to do."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from contextlib import suppress
from enum import Enum
from pathlib import Path

from studyplanner.storage.errors import StorageError

_FULL = ("SQLITE_FULL",)
_READ_ONLY = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
_IO = ("SQLITE_IOERR",)
MB = 2**20
# Room for SQLite's index and log beside the database, and for a checkpoint.
SPARE_BYTES = 4 * MB


class Circumstance(Enum):
    """Why the disk or the system stopped a read or a write, when the file is not to blame."""

    FULL = "the disk is full"
    READ_ONLY = "the folder cannot be written to"
    BUSY = "another program is using the file"
    IO = "the disk reported an error"


def error_name(error: BaseException) -> str:
    """SQLite's name for the error (such as ``SQLITE_FULL``), through SQLAlchemy's wrapper."""
    cause = getattr(error, "orig", None) or error
    return getattr(cause, "sqlite_errorname", "") if isinstance(cause, sqlite3.Error) else ""


def is_damage(error: BaseException) -> bool:
    """Whether SQLite found the file itself broken (not the disk or the folder)."""
    return error_name(error).startswith(_DAMAGED)


def circumstance_of(error: BaseException, path: Path) -> Circumstance | None:
    """What in the environment caused ``error`` on ``path``, or None if it was not that.

    SQLite reports a folder it cannot write in as "cannot open" and a full disk while it
    maps its index as an I/O error, so the folder itself is looked at before deciding.
    """
    cause = getattr(error, "orig", None) or error
    name = error_name(cause)
    if isinstance(cause, OSError):
        if cause.errno in (errno.ENOSPC, errno.EDQUOT):
            return Circumstance.FULL
        if isinstance(cause, PermissionError) or cause.errno == errno.EROFS:
            return Circumstance.READ_ONLY
        return Circumstance.IO
    if name.startswith(_FULL):
        return Circumstance.FULL
    if name.startswith(_BUSY):
        return Circumstance.BUSY
    if name.startswith(_READ_ONLY + _IO):
        found = look_around(path)
        if found is not None:
            return found
        return Circumstance.IO if name.startswith(_IO) else Circumstance.READ_ONLY
    return None


def look_around(path: Path) -> Circumstance | None:
    """Whether the place of ``path`` is read-only, or its disk lacks the space SQLite needs."""
    if not path.parent.is_dir():
        return None  # nothing to look at: not a matter of space or permission
    if _blocking(path) is not None:
        return Circumstance.READ_ONLY
    if free_bytes(path.parent) < needed_bytes(path):
        return Circumstance.FULL
    return None


def _blocking(path: Path) -> Path | None:
    """What this process may not write: the folder, the database, or a side file of it."""
    for part in (path.parent, path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if part.exists() and not os.access(part, os.W_OK):
            return part
    return None


def free_bytes(folder: Path) -> int:
    """The space left for us on the disk that holds ``folder`` (0 if it cannot be read)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def needed_bytes(path: Path) -> int:
    """Space that lets SQLite read the database, fold its log in and back it up once."""
    total = SPARE_BYTES
    for side in ("", "-wal"):
        with suppress(OSError):
            total += Path(f"{path}{side}").stat().st_size
    return total


def advice(circumstance: Circumstance, path: Path) -> str:
    """What is wrong with the place that holds ``path``, and what to do about it."""
    folder = path.parent
    if circumstance is Circumstance.FULL:
        short = max(1, -(-(needed_bytes(path) - free_bytes(folder)) // MB))
        return (
            f"the disk that holds {folder} is full. Free at least {short} MB there and try "
            "again; the data file is not damaged"
        )
    if circumstance is Circumstance.READ_ONLY:
        culprit = _blocking(path) or folder
        if culprit != folder:
            return (
                f"{culprit} is read-only or not yours. Make it writable and try again; the "
                "data file is not damaged"
            )
        return (
            f"{folder} is read-only or not yours. Make it writable (or choose another data "
            "folder) and try again; the data file is not damaged"
        )
    if circumstance is Circumstance.BUSY:
        return f"{path} is in use by another program. Close it and try again"
    return (
        f"the disk reported an error with {path}. Check the disk and copy the data folder "
        "somewhere safe before trying again"
    )


def reason_for(error: BaseException, path: Path) -> str:
    """Why an operation on ``path`` failed, as the end of a sentence."""
    found = circumstance_of(error, path)
    return f"{advice(found, path)}." if found is not None else f"{error}."


def storage_failure(action: str, path: Path, error: BaseException) -> StorageError:
    """A StorageError for ``action`` (such as "Saving your answer") that failed on ``path``."""
    cause = getattr(error, "orig", None) or error
    found = circumstance_of(error, path)
    if found is not None:
        reason = advice(found, path)
        if found is Circumstance.FULL:
            reason += "; everything saved before is safe"
    elif is_damage(error):
        reason = (
            f"{path} is damaged. Quit and start Study Planner again: it will offer to "
            "restore a backup"
        )
    else:
        reason = f"{cause}"
    failure = StorageError(f"{action} failed: {reason}.")
    failure.__cause__ = error
    return failure
