"""Editing sessions as a learner does: mark, move, delete, and undo each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.queries.views import SessionEdit, SessionView, TopicNotes
from studyplanner.storage.store import Store
from studyplanner.ui.dialogs.session import SessionDialog
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY
from tests.roadmaps import CATALOGUE
from tests.ui.conftest import open_window, settle
from tests.ui.window.test_main_window import plan_data_engineer


@pytest.fixture
def planned(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A window showing a fresh plan of the Data Engineer roadmap."""
    store = Store.open(tmp_path, CATALOGUE)
    window = open_window(qtbot, store)
    plan_data_engineer(qtbot, window)
    qtbot.addWidget(window)
    yield window
    window.close()
    store.close()


def on(window: MainWindow, day: date) -> list[SessionView]:
    return list(window.month_model.index_of(day).data(MonthRole.SESSIONS))


def test_mark_done_then_undo_and_redo(qtbot: QtBot, planned: MainWindow) -> None:
    [session] = on(planned, MONDAY)
    before = planned.store.session_edit(1, session.key)
    planned.plans.edit_session(
        session, replace(before, status=SessionStatus.DONE, actual_minutes=45)
    )
    settle(qtbot, planned)
    [done] = on(planned, MONDAY)
    assert (done.status, done.actual_minutes) == ("done", 45)
    assert planned.action("undo").text() == "&Undo Mark “What a data engineer does” done"
    assert planned.pages.today.list.model().index(0, 0).data().startswith("✓ ")
    # Five weekday hours and two 90-minute weekend days are planned this week.
    assert planned.pages.today.week.text() == "This week: 45 of 480 planned minutes done."
    assert "Key actions" in planned.pages.today.details.toPlainText()
    planned.action("undo").trigger()
    settle(qtbot, planned)
    assert on(planned, MONDAY)[0].status == "planned"
    planned.action("redo").trigger()
    settle(qtbot, planned)
    assert on(planned, MONDAY)[0].status == "done"


def test_move_to_another_day_and_back(qtbot: QtBot, planned: MainWindow) -> None:
    [session] = on(planned, MONDAY)
    edit = planned.store.session_edit(1, session.key)
    planned.plans.edit_session(session, replace(edit, day=date(2026, 3, 8)))
    settle(qtbot, planned)
    assert on(planned, MONDAY) == []
    sunday = [s.key for s in on(planned, date(2026, 3, 8))]
    # Sunday's 90 minutes hold one Python session; the moved session goes after it.
    assert sunday == ["python/3", session.key]
    planned.undo()
    settle(qtbot, planned)
    assert [s.key for s in on(planned, MONDAY)] == [session.key]


def test_lock_and_note(qtbot: QtBot, planned: MainWindow) -> None:
    [session] = on(planned, MONDAY)
    edit = planned.store.session_edit(1, session.key)
    planned.plans.edit_session(session, replace(edit, locked=True, notes="Read chapter 1"))
    settle(qtbot, planned)
    assert planned.store.session_edit(1, session.key) == SessionEdit(
        MONDAY, SessionStatus.PLANNED, None, True, "Read chapter 1", edit.seq
    )
    assert on(planned, MONDAY)[0].locked
    planned.undo()
    settle(qtbot, planned)
    assert planned.store.session_edit(1, session.key) == edit


def test_an_unchanged_edit_is_not_an_undo_step(qtbot: QtBot, planned: MainWindow) -> None:
    [session] = on(planned, MONDAY)
    planned.plans.edit_session(session, planned.store.session_edit(1, session.key))
    settle(qtbot, planned)
    assert planned.runner.history.count() == 0


def test_delete_and_undo_keeps_the_notes(qtbot: QtBot, planned: MainWindow) -> None:
    [session] = on(planned, MONDAY)
    edit = planned.store.session_edit(1, session.key)
    planned.plans.edit_session(session, replace(edit, notes="keep me"))
    settle(qtbot, planned)
    planned.plans.delete_session(session)
    settle(qtbot, planned)
    assert on(planned, MONDAY) == []
    planned.undo()
    settle(qtbot, planned)
    [back] = on(planned, MONDAY)
    assert back.key == session.key
    assert planned.store.session_edit(1, session.key).notes == "keep me"


def test_session_dialog_reads_back_what_was_chosen(qtbot: QtBot, small_roadmap: Roadmap) -> None:
    topic = next(small_roadmap.all_topics())
    view = SessionView(
        1, MONDAY, "Python", "basics", 60, None, SessionStatus.PLANNED, "python/1", "python"
    )
    edit = SessionEdit(MONDAY, SessionStatus.PLANNED, None, False, "")
    notes = TopicNotes(topic.id, topic.title, topic.summary, tuple(topic.key_actions))
    dialog = SessionDialog(view, edit, notes, None)
    qtbot.addWidget(dialog)
    assert "Write a script" in dialog.details.toPlainText()
    assert not dialog.actual_spin.isEnabled()
    dialog.set_status(SessionStatus.DONE)
    assert dialog.actual_spin.isEnabled()
    dialog.actual_spin.setValue(50)
    dialog.locked_box.setChecked(True)
    dialog.notes_edit.setPlainText("Good")
    assert dialog.result_edit() == SessionEdit(MONDAY, SessionStatus.DONE, 50, True, "Good")
    dialog.actual_spin.setValue(60)  # done as planned: no separate actual minutes
    assert dialog.result_edit().actual_minutes is None
