"""Every error the storage raises for the learner: what cannot be used, and why, in words."""

from __future__ import annotations


class StorageError(Exception):
    """The database cannot be used; the message says why and where, for the learner."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer version of the app."""


class DatabaseUnreadableError(StorageError):
    """The file is not a database this app can read."""


class BackupError(StorageError):
    """A backup could not be made or restored; the message says why."""


class DamagedDatabaseError(StorageError):
    """The database was found damaged, so nothing more is written into it."""


class AlreadyRunningError(StorageError):
    """Another Study Planner has the data folder open."""
