"""The plan wizard, end to end, as a first-time learner goes through it."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from studyplanner.core.planning.request import Pace
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.dialogs.plan_wizard import (
    PAGE_KNOWN,
    PAGE_PACE,
    PAGE_PREVIEW,
    PAGE_WEEK,
    PlanWizard,
)
from studyplanner.ui.models.checklist import DaysOffModel, TopicChecklistModel
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.widgets.fields import qdate
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY
from tests.roadmaps import DATA_ENGINEER


def test_a_first_plan_from_start_to_calendar(qtbot: QtBot, window: MainWindow) -> None:
    window.pages.today.create_button.click()
    wizard = window.plans.wizard
    row = window.roadmap_model.row_of(DATA_ENGINEER)
    wizard.roadmap_list.setCurrentIndex(window.roadmap_model.index(row))
    assert wizard.roadmap_preview.toPlainText().startswith("Data Engineer\n")
    wizard.name_edit.setText("Evenings")
    wizard.next()
    assert wizard.currentId() == PAGE_KNOWN
    first_topic = wizard.topics.index(0)
    assert first_topic.data() == "What a data engineer does (3–6 h)"
    wizard.topics.setData(first_topic, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    wizard.next()
    assert wizard.currentId() == PAGE_WEEK
    wizard.start_edit.setDate(qdate(MONDAY))
    for spin in wizard.week.minutes:
        spin.setValue(60)
    wizard.week.starts[0].setCurrentIndex(wizard.week.starts[0].findText("18:00"))
    wizard.next()
    assert wizard.currentId() == PAGE_PACE
    wizard.off_from.setDate(qdate(date(2026, 3, 3)))
    wizard.off_to.setDate(qdate(date(2026, 3, 3)))
    wizard.days_off.add(date(2026, 3, 3), date(2026, 3, 3))
    wizard.pace_buttons.button(0).setChecked(True)  # fast
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    preview = preview_text(wizard)
    # Fast, the 3-hour orientation known: 20 h of Python, 10 of SQL, 6 of exam practice, 10 of
    # pipelines and 5 of architecture, an hour a day.
    assert preview.splitlines()[:3] == [
        "51 sessions, 51 hours of study, from 02 March 2026 to 11 April 2027.",
        "Finish dates: optimistic 11 April 2027, expected 31 October 2027, late 20 May 2028.",
        "Milestones",
    ]
    assert wizard.button(wizard.WizardButton.FinishButton).isEnabled()
    request = wizard.request()
    assert (request.pace, request.known_topics) == (
        Pace.FAST,
        frozenset({"the-data-engineer-role"}),
    )
    with qtbot.waitSignal(window.plans.planCreated, timeout=30000):
        wizard.accept()
    assert window.plan_box.currentText() == "Evenings (from 02 Mar 2026)"
    assert window.stack.currentWidget() is window.pages.calendar
    # The known orientation is skipped: Python starts on Monday at 18:00; Tuesday is off.
    [monday] = window.month_model.index_of(MONDAY).data(MonthRole.SESSIONS)
    assert (monday.title, monday.start_time) == ("Python for data", time(18, 0))
    assert window.month_model.index_of(date(2026, 3, 3)).data(MonthRole.SESSIONS) == []
    assert PAGES.index("Calendar") == window.sidebar.currentRow()


def test_an_impossible_target_is_explained_and_not_created(window: MainWindow) -> None:
    window.plans.new_plan(DATA_ENGINEER)
    wizard = window.plans.wizard
    wizard.next()
    wizard.next()
    wizard.start_edit.setDate(qdate(MONDAY))
    wizard.next()
    wizard.target_button.setChecked(True)
    wizard.target_edit.setDate(qdate(date(2026, 12, 31)))
    wizard.next()
    text = preview_text(wizard)
    assert "The target date 31 December 2026 cannot be met." in text
    assert "No amount of weekly study meets it" in text
    assert not wizard.button(wizard.WizardButton.FinishButton).isEnabled()
    wizard.back()
    wizard.target_edit.setDate(qdate(date(2035, 12, 31)))
    wizard.next()
    assert wizard.button(wizard.WizardButton.FinishButton).isEnabled()


def test_checklist_models(qtmodeltester: ModelTester, small_roadmap: Roadmap) -> None:
    topics = TopicChecklistModel()
    topics.set_items(list(small_roadmap.all_topics()))
    qtmodeltester.check(topics)
    assert topics.index(0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    topics.setData(topics.index(1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert topics.known == {"sql"}
    days = DaysOffModel()
    days.add(date(2026, 8, 14), date(2026, 8, 1))
    days.add(date(2026, 3, 3), date(2026, 3, 3))
    qtmodeltester.check(days)
    assert [days.index(r).data() for r in range(2)] == [
        "Tuesday 03 March 2026",
        "01 August 2026 to 14 August 2026",
    ]
    days.remove(0)
    assert days.items() == [(date(2026, 8, 1), date(2026, 8, 14))]


def preview_text(wizard: PlanWizard) -> str:
    """The text of the preview page the wizard shows."""
    browser = wizard.currentPage().findChild(QTextBrowser)
    assert browser is not None
    return browser.toPlainText()
