"""Turning SQLite's and the disk's failures into messages that tell the learner what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studyplanner.storage.engine import StorageError

_FULL = ("SQLITE_FULL",)
_READ_ONLY = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")


def storage_failure(action: str, path: Path, error: BaseException) -> StorageError:
    """A StorageError for ``action`` (such as "Saving your answer") that failed on ``path``."""
    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    name = getattr(cause, "sqlite_errorname", "") if isinstance(cause, sqlite3.Error) else ""
    folder = path.parent
    if name.startswith(_FULL) or (isinstance(cause, OSError) and cause.errno == 28):
        reason = (
            f"the disk that holds {folder} is full. Free some space and try again; "
            "everything saved before is safe"
        )
    elif name.startswith(_READ_ONLY) or isinstance(cause, PermissionError):
        reason = f"{folder} cannot be written to. Check that the folder exists and is yours"
    elif name.startswith(_DAMAGED):
        reason = (
            f"{path} is damaged. Quit and start Study Planner again: it will offer to "
            "restore a backup"
        )
    elif name.startswith(_BUSY):
        reason = f"{path} is in use by another program. Close it and try again"
    elif name.startswith("SQLITE_IOERR") or isinstance(cause, OSError):
        reason = f"the disk reported an error with {path} ({cause})"
    else:
        reason = f"{cause}"
    failure = StorageError(f"{action} failed: {reason}.")
    failure.__cause__ = error
    return failure
