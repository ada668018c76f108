"""PySide6 6.12.0 on CPython 3.11 aborts after a few thousand void Qt calls; ours must not."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from packaging.version import Version

CALLS = 200_000
SCRIPT = f"""
from PySide6.QtCore import QObject
obj = QObject()
for i in range({CALLS}):
    obj.setObjectName("n")  # returns None: each call once dropped a reference to None
print("survived")
"""


def test_many_void_qt_calls_exit_cleanly() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=600, check=False
    )
    assert "none_dealloc" not in result.stderr
    assert (result.returncode, result.stdout.strip()) == (0, "survived")


def test_the_broken_release_is_not_installed_on_python_311() -> None:
    if sys.version_info < (3, 12):
        assert Version(version("PySide6")) < Version("6.12")
