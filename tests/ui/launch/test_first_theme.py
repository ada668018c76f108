"""The first frame's colours: the chosen theme's, or the system's as last seen, asked after."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyplanner.ui.common.settings import (
    DARK_COLOURS,
    AppSettings,
    Theme,
    apply_first_theme,
    apply_theme,
)

DARK_WINDOW = QColor(DARK_COLOURS[QPalette.ColorRole.Window])


def window_colour() -> QColor:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.palette().color(QPalette.ColorRole.Window)


@pytest.fixture
def settings(qtbot: QtBot, tmp_path: Path) -> Iterator[AppSettings]:
    yield AppSettings(tmp_path)
    apply_theme(Theme.SYSTEM)  # as the other tests expect it


def test_the_first_start_asks_the_system_and_remembers(settings: AppSettings) -> None:
    assert settings.system_was_dark is None
    assert apply_first_theme(settings)  # whole: nothing left for after the first paint
    assert settings.system_was_dark is False  # offscreen, the system's scheme is light
    assert window_colour() != DARK_WINDOW


def test_later_starts_take_the_system_as_last_seen(settings: AppSettings) -> None:
    settings.system_was_dark = True
    assert not apply_first_theme(settings)
    assert window_colour() == DARK_WINDOW
    apply_theme(settings.theme, settings)  # after the first paint: the system says light now
    assert window_colour() != DARK_WINDOW
    assert settings.system_was_dark is False


def test_a_chosen_theme_gives_its_palette_at_once(settings: AppSettings) -> None:
    settings.theme = Theme.DARK
    settings.system_was_dark = False
    assert not apply_first_theme(settings)
    assert window_colour() == DARK_WINDOW
    apply_theme(settings.theme, settings)
    assert window_colour() == DARK_WINDOW
    assert settings.system_was_dark is False  # only the system's answer is remembered


def test_a_later_start_paints_before_making_qts_enums(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path)
    settings.system_was_dark = False
    settings.sync()
    script = (
        "import sys\n"
        "from PySide6 import QtCore\n"
        "from PySide6.QtCore import QEvent, QObject, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from studyplanner.ui.app import main\n"
        "app = QApplication([])\n"
        "class Watch(QObject):\n"
        "    seen = []\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() != QEvent.Type.Paint:\n"
        "            return False\n"
        "        kind = type(watched.window()).__name__\n"
        "        if not self.seen or (kind == 'MainWindow' and self.seen[-1] != kind):\n"
        "            self.seen.append(kind)\n"
        "            print(kind, 'Qt' in QtCore.__dict__)\n"
        "            if kind == 'MainWindow':\n"
        "                QTimer.singleShot(0, app.quit)\n"
        "        return False\n"
        "watch = Watch()\n"
        "app.installEventFilter(watch)\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path)!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    # The frame painted first, Qt's enums not made; asked for by the time the window paints.
    assert result.stdout.splitlines() == ["QMainWindow False", "MainWindow True"]
