"""One app per data folder: the lock holds against a second taker and dies with its process."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from studyplanner.storage.database.instance_lock import InstanceLock
from studyplanner.storage.errors import AlreadyRunningError, StorageError


def test_a_second_taker_is_refused_until_the_first_lets_go(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path).acquire()
    with pytest.raises(AlreadyRunningError, match="already running"):
        InstanceLock(tmp_path).acquire()
    first.release()
    with InstanceLock(tmp_path) as second:
        assert second.held


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and fork are POSIX")
def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    ready, told = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        held = InstanceLock(tmp_path).acquire()  # kept: a dropped lock object lets go
        os.write(told, b"locked")
        signal.pause()
        held.release()
        os._exit(0)
    os.close(told)
    try:
        assert os.read(ready, 6) == b"locked"
        with pytest.raises(AlreadyRunningError):
            InstanceLock(tmp_path).acquire()
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    assert (tmp_path / "studyplanner.lock").exists()  # the file stays; the lock went with it
    with InstanceLock(tmp_path) as lock:
        assert lock.held


def test_a_data_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot be used for Study Planner's data"):
        InstanceLock(blocker / "data").acquire()
