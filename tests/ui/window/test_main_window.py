"""The main window as a learner uses it: plan a roadmap, see it, close, come back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.store import Store
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY
from tests.roadmaps import CATALOGUE, DATA_ENGINEER, ML_ENGINEER
from tests.ui.conftest import Problems, open_window, settle


def titles_on(window: MainWindow, day: date) -> list[str]:
    cell = window.month_model.index_of(day)
    return [s.title for s in cell.data(MonthRole.SESSIONS)]


def plan_data_engineer(qtbot: QtBot, window: MainWindow) -> int:
    """Plan the Data Engineer roadmap from Monday: an hour a weekday, 90 minutes a weekend day."""
    roadmap = window.roadmap_model.roadmap(window.roadmap_model.row_of(DATA_ENGINEER))
    request = PlanRequest(roadmap, MONDAY, WeeklyAvailability.uniform(60, 90))
    with qtbot.waitSignal(window.plans.planCreated, timeout=30000) as created:
        window.plans.create_plan("My plan", request)
    settle(qtbot, window)
    return int(created.args[0])


def test_without_a_plan_the_today_page_invites_one(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.pages.today
    assert window.pages.today.summary.text().startswith("You have no plan yet.")
    assert window.pages.today.create_button.isVisible()
    assert not window.plan_box.isEnabled()


def test_roadmaps_page_lists_the_catalogue(window: MainWindow) -> None:
    window.show_page(PAGES.index("Roadmaps"))
    titles = [window.roadmap_model.index(r).data() for r in range(window.roadmap_model.rowCount())]
    assert titles == ["Data Engineer", "Machine Learning Engineer"]
    assert window.pages.roadmaps.selected().id == DATA_ENGINEER  # type: ignore[union-attr]
    overview = window.pages.roadmaps.details.toPlainText().splitlines()
    assert overview[:2] == [
        "Data Engineer",
        "Study Planner test suite, 2026 · 58–114 hours of study",
    ]
    assert "2. Junior data engineer · 1–2 years" in overview


def test_a_new_plan_appears_in_the_calendar_and_survives_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = Store.open(tmp_path / "data", CATALOGUE)
    window = open_window(qtbot, store)
    plan_data_engineer(qtbot, window)
    assert window.stack.currentWidget() is window.pages.calendar
    assert window.pages.calendar.title.text() == "March 2026"
    first_day = titles_on(window, MONDAY)
    assert first_day == ["What a data engineer does"]
    # The 4.5-hour orientation fills Monday to Thursday and half of Friday; Python follows.
    assert titles_on(window, date(2026, 3, 6)) == [
        "What a data engineer does",
        "Python for data",
    ]
    assert titles_on(window, date(2026, 3, 7)) == ["Python for data"]
    assert window.pages.today.summary.text() == "My plan: 1 session today, 60 minutes."
    window.close()
    store.close()

    reopened_store = Store.open(tmp_path / "data", CATALOGUE)
    reopened = open_window(qtbot, reopened_store)
    try:
        assert reopened.plan_box.currentText() == "My plan (from 02 Mar 2026)"
        reopened.show_page(PAGES.index("Calendar"))
        assert titles_on(reopened, MONDAY) == first_day
    finally:
        reopened.close()
        reopened_store.close()


def test_calendar_keys_move_between_months(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page(PAGES.index("Calendar"))
    page = window.pages.calendar
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_PageDown)
    assert page.title.text() == "April 2026"
    qtbot.keyClick(page.view, Qt.Key.Key_PageUp)
    qtbot.keyClick(page.view, Qt.Key.Key_PageUp)
    assert page.title.text() == "February 2026"
    qtbot.keyClick(page.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.title.text() == "March 2026"
    assert page.view.currentIndex().data(MonthRole.DATE) == MONDAY


def test_a_broken_roadmap_file_is_explained_and_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    small_roadmap_text: str,
    problems: Problems,
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(small_roadmap_text.replace("{min: 2, max: 4}", "{min: 2, max: lots}"))
    window.plans.import_roadmap(path)
    settle(qtbot, window)
    assert problems == [
        (
            "broken.yaml could not be imported",
            "broken.yaml:13:32: stages[0].topics[0].effort_hours.max: input should be a valid "
            "number, unable to parse string as a number (found 'lots')",
        )
    ]
    assert window.roadmap_model.rowCount() == 2
    assert [e.roadmap.id for e in window.store.roadmaps()] == [DATA_ENGINEER, ML_ENGINEER]


def test_a_good_roadmap_file_is_imported_and_shown(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, small_roadmap_text: str
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(small_roadmap_text)
    with qtbot.waitSignal(window.plans.roadmapImported) as imported:
        window.plans.import_roadmap(path)
    assert imported.args == ["small"]
    assert [window.roadmap_model.roadmap(r).id for r in range(3)] == [
        DATA_ENGINEER,
        ML_ENGINEER,
        "small",
    ]
    assert window.roadmap_model.rowCount() == 3
    assert window.stack.currentWidget() is window.pages.roadmaps
    assert window.pages.roadmaps.selected().id == "small"  # type: ignore[union-attr]


def test_planning_failure_is_reported_not_raised(
    qtbot: QtBot, window: MainWindow, small_roadmap: Roadmap, problems: Problems
) -> None:
    request = PlanRequest(small_roadmap, MONDAY, WeeklyAvailability.uniform(0))
    window.plans.create_plan("Nothing", request)
    settle(qtbot, window)
    assert problems == [
        (
            "The plan could not be made",
            "the week has no study time: give at least one day some minutes",
        )
    ]
    assert window.store.plans() == []


def test_progress_page_shows_the_outlook(qtbot: QtBot, window: MainWindow) -> None:
    plan_data_engineer(qtbot, window)
    with qtbot.waitSignal(window.views.outlookReady, timeout=30000):
        window.show_page(PAGES.index("Progress"))  # worked out when the page is shown
    text = window.pages.progress.body.text()
    assert text.startswith("My plan: ")
    assert "Expected finish " in text
    assert text.endswith("Log some study to see a forecast from your own pace.")
