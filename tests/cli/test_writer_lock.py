"""The command line writes only with the app's lock: refused in one line while the app is open."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from studyplanner.cli.main import main
from studyplanner.storage.database.instance_lock import InstanceLock


def digest(data: Path) -> str:
    return hashlib.sha256((data / "studyplanner.sqlite3").read_bytes()).hexdigest()


def plan_args(tmp_path: Path, data: Path, *more: str) -> list[str]:
    return [
        "plan",
        str(tmp_path / "plain.yaml"),
        "--start",
        "2026-03-02",
        "--weekly",
        "mon=60,tue=60",
        "--data-dir",
        str(data),
        *more,
    ]


@pytest.mark.parametrize("command", ["plan --save", "replan --apply", "cards import"])
def test_a_writing_command_is_refused_while_the_app_is_open(
    saved: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    cards = tmp_path / "cards.txt"
    cards.write_text("What is 2 + 2?\t4\n")
    argv = {
        "plan --save": plan_args(tmp_path, saved, "--save"),
        "replan --apply": [
            "replan",
            "1",
            "--today",
            "2026-03-09",
            "--apply",
            "--data-dir",
            str(saved),
        ],
        "cards import": [
            "cards",
            "import",
            str(cards),
            "--deck",
            "Maths",
            "--data-dir",
            str(saved),
        ],
    }[command]
    before = digest(saved)
    with InstanceLock(saved):  # the app, running
        assert main(argv) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "Study Planner is open" in line and "close it" in line
    assert digest(saved) == before
    # Once the app has quit, the same command works.
    assert main(argv) == 0


def test_reading_commands_work_while_the_app_is_open(
    saved: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with InstanceLock(saved):
        assert main(["plans", "--data-dir", str(saved)]) == 0
        assert main(plan_args(tmp_path, saved)) == 0  # a plan printed, not saved
        assert main(["check", "--data-dir", str(saved)]) == 0
        assert main(["backup", "--list", "--data-dir", str(saved)]) == 0
        assert main(["milestones", "--data-dir", str(saved)]) == 0
    assert "Plain" in capsys.readouterr().out
