"""Re-planning in the window: offered when sessions are missed, applied only when confirmed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.storage.store import Store
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY, NOW
from tests.core.planning.test_engine import PLAIN
from tests.roadmaps import CATALOGUE
from tests.ui.conftest import settle

TWO_WEEKS_ON = date(2026, 3, 16)


@pytest.fixture
def late(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """Two weeks into a three-week plan whose sessions were never done."""
    store = Store.open(tmp_path, CATALOGUE)
    request = PlanRequest(PLAIN, MONDAY, WeeklyAvailability.uniform(60), target=date(2026, 3, 20))
    from studyplanner.core.planning.planner import make_plan

    store.create_plan("Plain", request, make_plan(request), NOW)
    window = MainWindow(store, lambda: TWO_WEEKS_ON, lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    store.close()


def titles_on(window: MainWindow, day: date) -> list[str]:
    window.show_page(PAGES.index("Calendar"))  # the calendar reads its plan when shown
    window.month_model.show_month(day.year, day.month)
    return [s.key for s in window.month_model.index_of(day).data(MonthRole.SESSIONS)]


def test_missed_sessions_are_pointed_out_not_moved(qtbot: QtBot, late: MainWindow) -> None:
    settle(qtbot, late)
    assert not late.pages.today.missed.isHidden()
    assert late.pages.today.missed.text().startswith("10 earlier sessions were not done.")
    assert titles_on(late, MONDAY) == ["a/1"]  # nothing moved by itself


def test_replan_shows_the_report_and_applies_on_confirmation(
    qtbot: QtBot, late: MainWindow
) -> None:
    with qtbot.waitSignal(late.plans.replanOffered, timeout=10000):
        late.pages.today.replan_button.click()
    dialog = late.plans.replan_dialog
    assert dialog.summary.text().startswith(
        "The finish date moves from 20 March 2026 to 03 April 2026, 14 days later."
    )
    labels = [b.text() for b in dialog.options.buttons()]
    assert labels[0] == "Move the finish date to 03 April 2026."
    assert titles_on(late, MONDAY) == ["a/1"]  # still nothing changed
    dialog.options.button(0).setChecked(True)
    with qtbot.waitSignal(late.plans.replanApplied):
        dialog.apply_button.click()
    assert titles_on(late, MONDAY) == []
    assert titles_on(late, TWO_WEEKS_ON) == ["a/1"]
    assert late.pages.today.missed.isHidden()
    assert late.action("undo").text() == "&Undo Re-plan from 16 March"
    late.action("undo").trigger()
    settle(qtbot, late)
    assert titles_on(late, MONDAY) == ["a/1"]
    assert not late.pages.today.missed.isHidden()


def test_cancelling_changes_nothing(qtbot: QtBot, late: MainWindow) -> None:
    with qtbot.waitSignal(late.plans.replanOffered, timeout=10000):
        late.action("replan").trigger()
    late.plans.replan_dialog.reject()
    assert titles_on(late, MONDAY) == ["a/1"]
    assert late.runner.history.count() == 0


def held_replan(window: MainWindow) -> Callable[[], None]:
    """Start a re-plan whose background work is held; the returned call delivers it."""
    held: list[tuple[Callable[[], object], Callable[[object], None]]] = []

    def hold(
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        held.append((work, on_success))

    window.tasks.run = hold  # type: ignore[method-assign]
    window.plans.replan_from_today()
    del window.tasks.run  # the worker again, for what comes after
    work, ok = held[0]
    result = work()
    return lambda: ok(result)


def test_a_replan_stays_with_the_plan_it_was_made_for(qtbot: QtBot, late: MainWindow) -> None:
    from studyplanner.core.planning.planner import make_plan

    first = late.current_plan()
    assert first is not None
    request = PlanRequest(PLAIN, MONDAY, WeeklyAvailability.uniform(30))
    other = late.store.create_plan("Other", request, make_plan(request), NOW)
    other_before = late.store.plan_state(other)
    deliver = held_replan(late)
    late.refresh_plans(select_id=other)  # the learner looks at the other plan meanwhile
    deliver()
    late.plans.replan_dialog.apply_button.click()
    settle(qtbot, late)
    assert late.store.plan_state(other) == other_before
    assert late.store.plan_state(first.id).sessions[0].day == TWO_WEEKS_ON


def test_edits_made_while_replanning_are_not_overwritten(
    qtbot: QtBot, late: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QMessageBox

    from studyplanner.core.planning.plan import SessionStatus

    told: list[str] = []

    def answer(box: QMessageBox) -> int:
        told.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    deliver = held_replan(late)
    edit = late.store.session_edit(1, "a/1")
    with late.store.write() as writes:
        writes.set_session(1, "a/1", replace(edit, status=SessionStatus.DONE))
    deliver()
    late.plans.replan_dialog.apply_button.click()
    settle(qtbot, late)
    assert told and told[0].startswith("The plan was edited while the re-plan was worked out")
    assert late.store.session_edit(1, "a/1").status is SessionStatus.DONE
    assert late.runner.history.count() == 0
