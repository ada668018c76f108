"""The whole desktop workflow in one go, as a learner lives it, across a restart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.store import Store
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.widgets.fields import qdate
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY, NOW
from tests.roadmaps import CATALOGUE, ML_ENGINEER

TUESDAY, WEDNESDAY = date(2026, 3, 3), date(2026, 3, 4)
A_WEEK_LATER = date(2026, 3, 9)


def window_on(qtbot: QtBot, store: Store, today: date) -> MainWindow:
    window = MainWindow(store, lambda: today, lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    return window


def keys_on(window: MainWindow, day: date) -> list[str]:
    window.month_model.show_month(day.year, day.month)
    return [s.key for s in window.month_model.index_of(day).data(MonthRole.SESSIONS)]


def test_plan_study_slip_replan_and_come_back(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(tmp_path, CATALOGUE)
    window = window_on(qtbot, store, MONDAY)

    # Plan with the wizard: an hour every weekday from Monday 2 March.
    window.today_page.create_button.click()
    wizard = window.wizard
    wizard.roadmap_list.setCurrentIndex(
        window.roadmap_model.index(window.roadmap_model.row_of(ML_ENGINEER))
    )
    wizard.next()
    wizard.next()
    wizard.start_edit.setDate(qdate(MONDAY))
    for day, spin in enumerate(wizard.week.minutes):
        spin.setValue(60 if day < 5 else 0)
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(window.planCreated, timeout=30000):
        wizard.accept()
    monday, tuesday = keys_on(window, MONDAY), keys_on(window, TUESDAY)
    assert (monday, tuesday) == (["the-ml-engineer-role/1"], ["the-ml-engineer-role/2"])

    # Study on Monday, but only for 40 minutes.
    [session] = window.month_model.index_of(MONDAY).data(MonthRole.SESSIONS)
    edit = store.session_edit(1, session.key)
    window.edit_session(session, replace(edit, status=SessionStatus.DONE, actual_minutes=40))
    # Move Tuesday's session to Wednesday, then think better of it.
    [tuesday_session] = window.month_model.index_of(TUESDAY).data(MonthRole.SESSIONS)
    window.move_session(tuesday_session, WEDNESDAY)
    assert keys_on(window, TUESDAY) == []
    window.undo_action.trigger()
    assert keys_on(window, TUESDAY) == tuesday
    window.close()

    # A week later nothing else was done: the app points it out, and re-plans when asked.
    later = window_on(qtbot, store, A_WEEK_LATER)
    # Tuesday to Thursday, and Friday's end of the orientation and first maths session.
    assert later.today_page.missed.text().startswith("5 earlier sessions were not done.")
    with qtbot.waitSignal(later.replanOffered, timeout=10000):
        later.today_page.replan_button.click()
    summary = later.replan_dialog.summary.text()
    assert summary.startswith("The finish date moves from ")
    assert " sessions moved; 1 done or locked session kept in place." in summary
    with qtbot.waitSignal(later.replanApplied):
        later.replan_dialog.apply_button.click()
    assert later.today_page.missed.isHidden()
    later.close()
    store.close()

    # Restart: everything is as it was left.
    reopened = Store.open(tmp_path, CATALOGUE)
    again = window_on(qtbot, reopened, A_WEEK_LATER)
    try:
        assert keys_on(again, MONDAY) == monday
        [done] = again.month_model.index_of(MONDAY).data(MonthRole.SESSIONS)
        assert (done.status, done.actual_minutes) == ("done", 40)
        assert keys_on(again, TUESDAY) == []  # moved forward by the re-plan
        assert tuesday[0] in keys_on(again, A_WEEK_LATER)
        assert again.today_page.missed.isHidden()
    finally:
        again.close()
        reopened.close()
