"""GUI fixtures: a main window over a throwaway store, with today pinned."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from studyplanner.storage.store import Store
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY, NOW
from tests.roadmaps import CATALOGUE


@pytest.fixture(autouse=True)
def no_modal_loops(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog or menu would wait for a click forever: fail the test instead."""

    def refuse(self: object, *args: object, **kwargs: object) -> int:
        raise AssertionError(f"a test opened a modal {type(self).__name__}; it would block")

    for kind in (QDialog, QMessageBox, QMenu, QFileDialog):
        monkeypatch.setattr(kind, "exec", refuse)


def drop_leftover_widgets() -> None:
    """Delete now every widget a finished test left, registered with qtbot or not.

    pytest-qt only schedules the deletion of a test's widgets, and widgets no test registered
    live on until the cycle collector frees their Python side, whenever it happens to run:
    once inside a Qt loop over every widget (the next test's style change), which then
    touched a freed widget and crashed. Deleted here, between tests, no widget is left for
    the collector to free behind Qt's back.
    """
    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_widgets_left_over() -> Iterator[None]:
    """The next test starts with none of this test's widgets alive."""
    yield
    drop_leftover_widgets()


Problems = list[tuple[str, str]]


@pytest.fixture
def problems(monkeypatch: pytest.MonkeyPatch) -> Problems:
    """The messages the learner would see (title, text), recorded instead of shown."""
    shown: Problems = []

    def record(_parent: object, title: str, error: BaseException) -> None:
        shown.append((title, str(error)))

    for module in ("common.errors", "review.review_screen", "browser.card_browser"):
        monkeypatch.setattr(f"studyplanner.ui.{module}.show_problem", record)
    return shown


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the window's worker has done everything handed to it, results shown."""
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=15000)


def open_window(qtbot: QtBot, store: Store) -> MainWindow:
    """A shown main window whose today is Monday 2 March 2026, done loading."""
    window = MainWindow(store, lambda: MONDAY, lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A main window over an empty database that offers the test roadmaps."""
    store = Store.open(tmp_path, CATALOGUE)
    shown = open_window(qtbot, store)
    yield shown
    shown.close()
    store.close()
