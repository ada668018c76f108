"""Strict mode: a stage's sessions wait until the stage before it is mastered."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from studyplanner.core.cards.quiz import QuizMode
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.storage.store import Store
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import CARDS, MONDAY, NOW
from tests.storage.test_milestone_reports import finish_basics
from tests.storage.test_store import plan_small
from tests.ui.conftest import settle


def test_strict_mode_holds_back_the_next_stage_until_the_gate_is_met(
    qtbot: QtBot, store: Store
) -> None:
    cards_plan = plan_small(store, parse_roadmap(CARDS))  # every topic planned, none known
    sessions = store.sessions_between(cards_plan, MONDAY, MONDAY + timedelta(days=400))
    job_day = next(s.day for s in sessions if s.stage_id == "job")
    window = MainWindow(store, lambda: job_day, lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    page = window.pages.today
    line = page.sessions.index(0).data()
    assert "waiting for mastery" not in line  # strict mode is off
    window.action("strict").trigger()
    settle(qtbot, window)
    assert window.action("undo").text() == "&Undo Turn On Strict Mastery"
    assert window.current_plan().strict  # type: ignore[union-attr]
    assert page.sessions.index(0).data().startswith("⏸ ")
    assert page.sessions.index(0).data().endswith("(waiting for mastery)")
    assert page.strict.isVisible()
    assert page.strict.text().startswith(
        "Strict mode: On the job waits until “Finish: Basics” is reached. Still to do: "
        "study sessions done, cards reviewed at least once"
    )
    window.show_page(PAGES.index("Calendar"))  # the calendar shows them as waiting too
    window.month_model.show_month(job_day.year, job_day.month)
    held = window.month_model.index_of(job_day).data(MonthRole.SESSIONS)
    assert {s.held_back for s in held if s.stage_id == "job"} == {True}
    assert not any(s.held_back for s in held if s.stage_id != "job")
    window.show_page(PAGES.index("Today"))
    finish_basics(store, cards_plan)
    with store.write() as writes:
        writes.add_quiz_scores(
            QuizMode.CHOICE.value, {("small", "python"): (2, 2), ("small", "sql"): (1, 1)}, NOW
        )
    window.refresh_plans(cards_plan)
    assert not page.strict.isVisible()
    assert "waiting for mastery" not in page.sessions.index(0).data()
    window.action("strict").trigger()
    settle(qtbot, window)
    assert not window.current_plan().strict  # type: ignore[union-attr]
    window.close()
