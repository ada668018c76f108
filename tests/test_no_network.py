"""The app never opens a network connection: the guard works, and whole workflows pass under it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests import network_guard

# Runs in a fresh interpreter: the guard first, then the GUI self-test (every bundled roadmap
# planned, a database written and read, every page rendered) and command-line work on a data
# folder: a test roadmap's plan saved, exported as .ics, CSV and PDF, its cards exported, a
# backup and a check.
SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from tests import network_guard
network_guard.install()
from tests.roadmaps import CATALOGUE, ML_ENGINEER
from studyplanner.ui.app import main as gui
from studyplanner.cli.main import main as cli
data = {data!r}
steps = [
    gui(["--self-test", "--data-dir", data]),
    cli(["plan", ML_ENGINEER, "--start", "2026-03-02", "--weekly",
         "mon=90,wed=60", "--save", "--data-dir", data], CATALOGUE),
    cli(["export", "--ics", data + "/plan.ics", "--data-dir", data]),
    cli(["export", "--csv", data + "/plan.csv", "--data-dir", data]),
    cli(["export", "--pdf", data + "/week.pdf", "--week", "2026-03-02", "--data-dir", data]),
    cli(["cards", "export", "--apkg", data + "/cards.apkg", ML_ENGINEER], CATALOGUE),
    cli(["backup", "--data-dir", data]),
    cli(["check", "--data-dir", data]),
]
print("exit codes", steps)
print("attempts", network_guard.attempts)
print("QtNetwork loaded", "PySide6.QtNetwork" in sys.modules)
"""


def test_the_guard_refuses_a_connection() -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(network_guard.NetworkUsedError, match=r"socket\.connect"),
    ):
        sock.connect(("192.0.2.1", 80))  # a documentation address: never reached
    with pytest.raises(network_guard.NetworkUsedError, match=r"getaddrinfo"):
        socket.getaddrinfo("example.org", 443)


@pytest.mark.slow
def test_whole_workflows_open_no_connection(tmp_path: Path) -> None:
    root = str(Path(__file__).parent.parent)
    script = SCRIPT.format(root=root, data=str(tmp_path))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()[-3:]
    assert lines == [
        "exit codes [0, 0, 0, 0, 0, 0, 0, 0]",
        "attempts []",
        "QtNetwork loaded False",
    ], result.stdout + result.stderr
