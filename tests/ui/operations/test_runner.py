"""The operation runner: changes on the worker, one history, and other programs' changes."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace

from pytestqt.qtbot import QtBot

from studyplanner.operations.changes import Changed
from studyplanner.operations.plans import session_change
from studyplanner.storage.store import Store
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY
from tests.ui.conftest import open_window, settle


def edit_notes(qtbot: QtBot, window: MainWindow, store: Store, plan_id: int) -> str:
    """Write notes on Monday's session through the window, and wait for it; gives its key."""
    [session] = store.sessions_between(plan_id, MONDAY, MONDAY)
    before = store.session_edit(plan_id, session.key)
    window.plans.edit_session(session, replace(before, notes="mine"))
    settle(qtbot, window)
    return session.key


def test_an_edit_runs_off_the_ui_thread_and_joins_the_history(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = open_window(qtbot, store)
    [session] = store.sessions_between(cards_plan, MONDAY, MONDAY)
    before = store.session_edit(cards_plan, session.key)
    change = session_change(
        cards_plan, session.key, session.title, before, replace(before, notes="mine")
    )
    assert change is not None
    with qtbot.waitSignal(window.runner.changed) as changed:
        window.runner.perform(change)
        assert not window.runner.can_undo  # nothing to undo until the worker is done
    assert changed.args == [Changed.SESSIONS]
    settle(qtbot, window)
    assert window.runner.can_undo
    assert store.session_edit(cards_plan, session.key).notes == "mine"


def test_another_programs_change_refreshes_and_clears_the_history(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = open_window(qtbot, store)
    key = edit_notes(qtbot, window, store, cards_plan)
    assert window.action("undo").isEnabled()
    with closing(sqlite3.connect(store.path)) as conn, conn:  # another program's commit
        conn.execute("UPDATE study_session SET notes = 'theirs' WHERE key = ?", (key,))
    with qtbot.waitSignal(window.runner.changedElsewhere, timeout=5000):
        pass  # the watch looks on its own timer
    assert not window.action("undo").isEnabled()  # undo would revert their change
    assert "changed by another program" in window.statusBar().currentMessage()
    assert store.session_edit(cards_plan, key).notes == "theirs"


def test_our_own_changes_are_not_taken_for_someone_elses(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = open_window(qtbot, store)
    edit_notes(qtbot, window, store, cards_plan)
    assert not window.runner.look_for_changes()
    assert window.runner.can_undo


def test_closing_does_not_wait_for_long_work(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    import threading

    window = open_window(qtbot, store)
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def long_work() -> None:
        started.set()
        release.wait(30)
        finished.set()

    window.tasks.run(long_work, lambda _r: None, lambda _e: None)
    assert started.wait(5)
    window.close()  # gives the work a second, then goes
    assert not finished.is_set()  # the window went while the work was still running
    release.set()
    assert window.tasks.wait(5000)
