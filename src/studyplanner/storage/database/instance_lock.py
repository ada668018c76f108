"""One running app per data folder: an operating-system lock that a killed process lets go of."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Self

from studyplanner.storage.errors import AlreadyRunningError, StorageError

LOCK_NAME = "studyplanner.lock"


class InstanceLock:
    """Held while the app uses a data folder.

    The lock is the operating system's (``flock`` on Linux and macOS, ``LockFileEx`` through
    ``msvcrt.locking`` on Windows), so it ends with the process that holds it, however that
    process ends: a lock left behind by a killed app is never mistaken for a running one. It is
    two system calls rather than a lock library because it sits on the way to the first
    painted window, and such a library's imports cost more than the window's own.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None
        self.read_only = False

    def acquire(self) -> Self:
        """Take the lock, or raise AlreadyRunningError at once if another process holds it.

        In a folder that cannot be written, the lock file is locked as it is, read-only; where
        there is none, nothing can change the data there, so there is nothing to lock and
        ``read_only`` says so.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StorageError(
                    f"{self.path.parent} cannot be used for Study Planner's data: "
                    f"{exc.strerror or exc}."
                ) from exc
            self.read_only = True
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                return self
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyRunningError(
                f"Study Planner is already running with the data in {self.path.parent}. "
                "Switch to its window, or quit it first."
            ) from None
        self._fd = fd
        return self

    def release(self) -> None:
        """Let the next instance in."""
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # raises OSError when another process has it

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises OSError when another has it

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
