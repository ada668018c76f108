"""GUI fixtures: a main window over a throwaway store, with today pinned."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studyplanner.storage.store import Store
from studyplanner.ui.main_window import MainWindow
from tests.conftest import MONDAY, NOW


def open_window(qtbot: QtBot, store: Store) -> MainWindow:
    """A shown main window whose today is Monday 2 March 2026."""
    window = MainWindow(store, lambda: MONDAY, lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A main window over an empty database."""
    store = Store.open(tmp_path)
    shown = open_window(qtbot, store)
    yield shown
    shown.close()
    store.close()
