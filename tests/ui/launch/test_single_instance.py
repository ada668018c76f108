"""One app per data folder: a second launch brings the first forward or says it is running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from studyplanner.storage.database.instance_lock import InstanceLock
from studyplanner.storage.errors import AlreadyRunningError
from studyplanner.storage.safety.recovery import database_path
from studyplanner.ui.app import main
from studyplanner.ui.launch.single_instance import REQUEST_NAME


def launch(data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "studyplanner", "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def lock_is_held(data_dir: Path) -> bool:
    try:
        InstanceLock(data_dir).acquire().release()
    except AlreadyRunningError:
        return True
    return False


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is POSIX")
def test_a_second_launch_raises_the_first_and_a_kill_leaves_no_lock(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = launch(tmp_path)
    try:
        # Up and running: it holds the lock and has created its database.
        qtbot.waitUntil(
            lambda: lock_is_held(tmp_path) and database_path(tmp_path).exists(), timeout=60000
        )
        second = subprocess.run(
            [sys.executable, "-m", "studyplanner", "--data-dir", str(tmp_path)],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 0, second.stderr
        assert not (tmp_path / REQUEST_NAME).exists()  # the first answered the request
        assert first.poll() is None  # and is still running
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=60)
    assert not lock_is_held(tmp_path)  # the killed app's lock went with it


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app's message boxes say (title: text), instead of showing them."""
    said: list[str] = []

    def box(_parent: object, title: str, text: str) -> None:
        said.append(f"{title}: {text}")

    for kind in ("information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, box)
    return said


def test_when_no_app_answers_the_second_launch_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    monkeypatch.setattr("studyplanner.ui.app.ask_to_raise", lambda _data_dir: False)
    with InstanceLock(tmp_path):
        assert main(["--data-dir", str(tmp_path)]) == 1
    [message] = told
    assert message.startswith("Study Planner is already running: ")
    assert str(tmp_path) in message
    assert not database_path(tmp_path).exists()  # the database was never opened


def test_an_unusable_data_folder_is_explained(tmp_path: Path, told: list[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data folder should be")
    assert main(["--data-dir", str(blocker / "data")]) == 1
    [message] = told
    assert message.startswith("Study Planner cannot use its data folder: ")
    assert "cannot be used for Study Planner's data" in message
