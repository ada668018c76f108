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
from tests.ui.conftest import settle

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
    window.pages.today.create_button.click()
    wizard = window.plans.wizard
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
    with qtbot.waitSignal(window.plans.planCreated, timeout=30000):
        wizard.accept()
    monday, tuesday = keys_on(window, MONDAY), keys_on(window, TUESDAY)
    assert (monday, tuesday) == (["the-ml-engineer-role/1"], ["the-ml-engineer-role/2"])

    # Study on Monday, but only for 40 minutes.
    [session] = window.month_model.index_of(MONDAY).data(MonthRole.SESSIONS)
    edit = store.session_edit(1, session.key)
    window.plans.edit_session(session, replace(edit, status=SessionStatus.DONE, actual_minutes=40))
    settle(qtbot, window)
    # Move Tuesday's session to Wednesday, then think better of it.
    [tuesday_session] = window.month_model.index_of(TUESDAY).data(MonthRole.SESSIONS)
    window.plans.move_session(tuesday_session, WEDNESDAY)
    settle(qtbot, window)
    assert keys_on(window, TUESDAY) == []
    window.action("undo").trigger()
    settle(qtbot, window)
    assert keys_on(window, TUESDAY) == tuesday
    window.close()

    # A week later nothing else was done: the app points it out, and re-plans when asked.
    later = window_on(qtbot, store, A_WEEK_LATER)
    # Tuesday to Thursday, and Friday's end of the orientation and first maths session.
    assert later.pages.today.missed.text().startswith("5 earlier sessions were not done.")
    with qtbot.waitSignal(later.plans.replanOffered, timeout=10000):
        later.pages.today.replan_button.click()
    summary = later.plans.replan_dialog.summary.text()
    assert summary.startswith("The finish date moves from ")
    assert " sessions moved; 1 done or locked session kept in place." in summary
    with qtbot.waitSignal(later.plans.replanApplied):
        later.plans.replan_dialog.apply_button.click()
    assert later.pages.today.missed.isHidden()
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
        assert again.pages.today.missed.isHidden()
    finally:
        again.close()
        reopened.close()
