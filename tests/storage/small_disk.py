"""A real small disk for the full-disk and read-only cases: a tmpfs mounted for one test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SIZE = "8m"


class SmallDisk:
    """A mounted tmpfs of a few megabytes that a test can fill, free and make read-only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._filler = root / "filler"

    def fill(self) -> None:
        """Take every free byte, as a learner's full disk would."""
        with self._filler.open("ab", buffering=0) as file:
            for chunk in (65536, 4096, 1):
                try:
                    while True:
                        file.write(b"\0" * chunk)
                except OSError:
                    continue

    def free(self) -> None:
        """Give the space back."""
        self._filler.unlink(missing_ok=True)

    @contextmanager
    def read_only(self) -> Iterator[None]:
        """The disk remounted read-only (as root, plain permissions would not stop writes)."""
        _mount("-o", "remount,ro", str(self.root))
        try:
            yield
        finally:
            _mount("-o", "remount,rw", str(self.root))


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


class CannotMountError(Exception):
    """This process may not mount a file system here."""


@contextmanager
def mounted_tmpfs(root: Path) -> Iterator[Path]:
    """A small tmpfs mounted at ``root`` (made if missing) for the length of the block."""
    if sys.platform != "linux" or os.geteuid() != 0:
        raise CannotMountError("mounting a tmpfs needs Linux and root")
    root.mkdir(parents=True, exist_ok=True)
    try:
        _mount("-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(root))
    except (OSError, subprocess.CalledProcessError) as exc:
        raise CannotMountError(f"this machine does not allow mounting a tmpfs ({exc})") from exc
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False, capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A tmpfs at ``tmp_path / "disk"``; skipped where this process cannot mount one."""
    try:
        with mounted_tmpfs(tmp_path / "disk") as root:
            yield SmallDisk(root)
    except CannotMountError as exc:
        pytest.skip(str(exc))
