"""GUI fixtures: a main window over a throwaway store, with today pinned."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from studyplanner.storage.store import Store
from studyplanner.ui.main_window import MainWindow
from tests.conftest import MONDAY, NOW
from tests.roadmaps import CATALOGUE


@pytest.fixture(autouse=True)
def no_modal_loops(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog or menu would wait for a click forever: fail the test instead."""

    def refuse(self: object, *args: object, **kwargs: object) -> int:
        raise AssertionError(f"a test opened a modal {type(self).__name__}; it would block")

    for kind in (QDialog, QMessageBox, QMenu, QFileDialog):
        monkeypatch.setattr(kind, "exec", refuse)


def open_window(qtbot: QtBot, store: Store) -> MainWindow:
    """A shown main window whose today is Monday 2 March 2026."""
    window = MainWindow(store, lambda: MONDAY, lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A main window over an empty database that offers the test roadmaps."""
    store = Store.open(tmp_path, CATALOGUE)
    shown = open_window(qtbot, store)
    yield shown
    shown.close()
    store.close()
