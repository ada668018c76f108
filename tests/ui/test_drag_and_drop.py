"""Moving a session by dragging it to another day, in the month and week views."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from studyplanner.storage.store import Store
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.pages.calendar import Mode
from studyplanner.ui.widgets.calendar_delegates import DayDelegate
from studyplanner.ui.widgets.session_table import SESSION_MIME
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY
from tests.roadmaps import CATALOGUE
from tests.ui.conftest import open_window, settle
from tests.ui.window.test_main_window import plan_data_engineer

FRIDAY = date(2026, 3, 6)  # the end of the orientation, then Python


@pytest.fixture
def calendar(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    store = Store.open(tmp_path, CATALOGUE)
    window = open_window(qtbot, store)
    window.resize(1100, 760)
    plan_data_engineer(qtbot, window)
    window.show_page(PAGES.index("Calendar"))
    yield window
    window.close()
    store.close()


def keys_on(window: MainWindow, day: date) -> list[str]:
    return [s.key for s in window.month_model.index_of(day).data(MonthRole.SESSIONS)]


def test_the_session_under_the_mouse_is_the_one_dragged(calendar: MainWindow) -> None:
    view = calendar.pages.calendar.view
    cell = calendar.month_model.index_of(FRIDAY)
    sessions = cell.data(MonthRole.SESSIONS)
    assert len(sessions) == 2
    rects = DayDelegate.chip_rects(view.visualRect(cell), 2, view.fontMetrics())
    assert view.session_under(rects[1].center()) == sessions[1]
    assert view.session_under(rects[0].center()) == sessions[0]
    above = rects[0].topLeft() - rects[0].topLeft().__class__(0, 6)  # on the day number
    assert view.session_under(above) is None


def test_dropping_on_another_day_moves_the_session_undoably(
    qtbot: QtBot, calendar: MainWindow
) -> None:
    view = calendar.pages.calendar.view
    [session] = calendar.month_model.index_of(MONDAY).data(MonthRole.SESSIONS)
    target = calendar.month_model.index_of(date(2026, 3, 8))
    view._dragged = session  # what a drag started on Monday's session leaves behind
    mime = QMimeData()
    mime.setData(SESSION_MIME, session.key.encode())
    drop = QDropEvent(
        QPointF(view.visualRect(target).center()),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(drop)
    settle(qtbot, calendar)
    assert keys_on(calendar, MONDAY) == []
    assert keys_on(calendar, date(2026, 3, 8))[-1] == session.key
    assert calendar.action("undo").text() == "&Undo Move “What a data engineer does” to 08 March"
    calendar.undo()
    settle(qtbot, calendar)
    assert keys_on(calendar, MONDAY) == [session.key]


def test_dropping_in_the_week_view(qtbot: QtBot, calendar: MainWindow) -> None:
    page = calendar.pages.calendar
    page.set_mode(Mode.WEEK)
    [session] = page.week_model.index(0, 0).data(MonthRole.SESSIONS)
    assert page.week_view.drop_on(session, page.week_model.index(0, 2)) is True
    settle(qtbot, calendar)
    assert keys_on(calendar, date(2026, 3, 4))[-1] == session.key
    moved = page.week_model.index(0, 2).data(MonthRole.SESSIONS)[-1]
    assert moved.key == session.key
    assert page.week_view.drop_on(moved, page.week_model.index(0, 2)) is False  # the same day
