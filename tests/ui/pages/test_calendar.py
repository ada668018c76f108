"""The Calendar page's month, week and agenda views, as a learner moves between them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyplanner.storage.store import Store
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.models.agenda import SESSION_ROLE
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.pages.calendar import Mode
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY
from tests.roadmaps import CATALOGUE
from tests.ui.conftest import open_window
from tests.ui.window.test_main_window import plan_data_engineer


@pytest.fixture
def calendar(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    store = Store.open(tmp_path, CATALOGUE)
    window = open_window(qtbot, store)
    plan_data_engineer(qtbot, window)
    window.show_page(PAGES.index("Calendar"))
    yield window
    window.close()
    store.close()


def test_switching_views_keeps_the_date(qtbot: QtBot, calendar: MainWindow) -> None:
    page = calendar.pages.calendar
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert page.mode is Mode.WEEK
    assert page.stack.currentWidget() is page.week_view
    assert page.title.text() == "02 March – 08 March 2026"
    qtbot.keyClick(page.week_view, Qt.Key.Key_PageDown)
    assert page.title.text() == "09 March – 15 March 2026"
    qtbot.keyClick(page.week_view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert page.title.text() == "09 March – 05 April 2026"
    qtbot.keyClick(page.agenda_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.agenda_model.first == MONDAY
    qtbot.keyClick(page.agenda_view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert page.title.text() == "March 2026"


def test_week_view_shows_sessions_in_the_any_time_row(calendar: MainWindow) -> None:
    page = calendar.pages.calendar
    page.set_mode(Mode.WEEK)
    monday = page.week_model.index(0, 0)
    assert [s.title for s in monday.data(MonthRole.SESSIONS)] == ["What a data engineer does"]


def test_agenda_lists_days_and_opens_a_session(qtbot: QtBot, calendar: MainWindow) -> None:
    page = calendar.pages.calendar
    page.set_mode(Mode.AGENDA)
    agenda = page.agenda_model
    first_day = agenda.index(0, 0)
    assert first_day.data() == "Monday 02 March 2026"
    entry = agenda.index(0, 0, first_day)
    assert entry.data() == "What a data engineer does — 60 min"
    page.sessionActivated.disconnect(calendar.plans.open_session)  # no modal dialog in this test
    with qtbot.waitSignal(page.sessionActivated) as opened:
        page.agenda_view.activated.emit(entry)
    assert opened.args[0] == entry.data(SESSION_ROLE)
    assert opened.args[0].day == date(2026, 3, 2)
