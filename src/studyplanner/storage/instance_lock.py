"""One running app per data folder: an operating-system lock that a killed process lets go of."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Self

from filelock import FileLock, Timeout

from studyplanner.storage.engine import StorageError

LOCK_NAME = "studyplanner.lock"


class AlreadyRunningError(StorageError):
    """Another Study Planner has the data folder open."""


class InstanceLock:
    """Held while the app uses a data folder.

    The lock is the operating system's (``flock`` on Linux and macOS, ``LockFileEx`` on
    Windows), so it ends with the process that holds it, however that process ends: a lock left
    behind by a killed app is never mistaken for a running one.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._lock = FileLock(self.path, timeout=0)

    def acquire(self) -> Self:
        """Take the lock, or raise AlreadyRunningError at once if another process holds it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except Timeout:
            raise AlreadyRunningError(
                f"Study Planner is already running with the data in {self.path.parent}. "
                "Switch to its window, or quit it first."
            ) from None
        except OSError as exc:
            raise StorageError(
                f"{self.path.parent} cannot be used for Study Planner's data: "
                f"{exc.strerror or exc}."
            ) from exc
        return self

    def release(self) -> None:
        """Let the next instance in."""
        self._lock.release()

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._lock.is_locked

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
