"""The Milestones page: states that follow the work and the cards, details and the timeline."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.quiz import QuizMode
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.milestones.mastery import MasteryCriteria
from studyplanner.storage.store import Store
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.models.milestones import MilestoneListModel
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import NOW
from tests.storage.test_milestone_reports import finish_basics
from tests.ui.conftest import open_window


def show_milestones(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.milestones.milestonesReady):
        window.show_page(PAGES.index("Milestones"))


def lines(window: MainWindow) -> list[str]:
    model = window.pages.milestones.model
    return [model.index(row).data() for row in range(model.rowCount())]


def test_the_model(qtmodeltester: ModelTester, store: Store, cards_plan: int) -> None:
    model = MilestoneListModel()
    model.set_items(store.milestone_reports(cards_plan, NOW, ReviewSettings()))
    qtmodeltester.check(model)
    assert model.row_of("stage:job") == 2


def test_states_follow_sessions_cards_and_quizzes(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = open_window(qtbot, store)
    show_milestones(qtbot, window)
    page = window.pages.milestones
    assert lines(window)[0] == "06 Mar 2026  Finish: Basics — due"
    assert page.summary.text().startswith("0 of 3 milestones reached.")
    details = page.details.toPlainText()
    assert "Study sessions done: 0 of 4" in details
    assert "practice-quiz score (no quiz yet, needs 80%)" in details

    finish_basics(store, cards_plan)
    with store.write() as writes:
        scores = {("small", "python"): (2, 2), ("small", "sql"): (1, 1)}
        writes.add_quiz_scores(QuizMode.TYPED.value, scores, NOW)
    with qtbot.waitSignal(window.milestones.milestonesReady):
        window.milestones.refresh()
    assert lines(window)[:2] == [
        "06 Mar 2026  Finish: Basics — reached",
        "13 Mar 2026  Exam: A certificate — reached",  # its preparation sessions are done too
    ]
    assert page.summary.text().startswith("2 of 3 milestones reached.")
    page.select("stage:basics")
    assert "Still to do" not in page.details.toPlainText()
    assert page.timeline.selected == "stage:basics"


def test_clicking_the_timeline_selects_a_milestone(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = open_window(qtbot, store)
    show_milestones(qtbot, window)
    timeline = window.pages.milestones.timeline
    from studyplanner.ui.widgets.timeline import AXIS, ROW

    key = timeline.key_at(AXIS + 2 * ROW + ROW / 2)
    assert key == "stage:job"
    window.pages.milestones.select(key)
    assert window.pages.milestones.details.toPlainText().startswith("Finish: On the job")


def test_changing_the_criteria_of_one_milestone_undoably(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    finish_basics(store, cards_plan)  # everything but the quiz
    window = open_window(qtbot, store)
    show_milestones(qtbot, window)
    page = window.pages.milestones
    page.select("stage:basics")
    assert lines(window)[0] == "06 Mar 2026  Finish: Basics — due"
    page.criteria_button.click()
    dialog = window.milestones.criteria_dialog
    dialog.quiz.setValue(0)  # no quiz needed for this milestone
    with qtbot.waitSignal(window.milestones.milestonesReady):
        dialog.accept()
    assert lines(window)[0] == "06 Mar 2026  Finish: Basics — reached"
    assert store.mastery_rules("small") == {"stage:basics": MasteryCriteria(quiz_score=0.0)}
    assert window.action("undo").text() == "&Undo Change Mastery Criteria"
    with qtbot.waitSignal(window.milestones.milestonesReady):
        window.action("undo").trigger()
    assert store.mastery_rules("small") == {}
    assert lines(window)[0] == "06 Mar 2026  Finish: Basics — due"


def test_exams_have_no_criteria_to_change(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    window = open_window(qtbot, store)
    show_milestones(qtbot, window)
    window.pages.milestones.select("cert:cert")
    assert not window.pages.milestones.criteria_button.isEnabled()


def test_adding_marking_and_deleting_an_own_milestone(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = open_window(qtbot, store)
    show_milestones(qtbot, window)
    page = window.pages.milestones
    page.add_button.click()
    dialog = window.milestones.milestone_dialog
    assert not dialog.buttons.buttons()[0].isEnabled()  # no title yet
    dialog.title.setText("Portfolio shipped")
    dialog.criteria.setText("README and tests public")
    with qtbot.waitSignal(window.milestones.milestonesReady):
        dialog.accept()
    assert "01 Apr 2026  Portfolio shipped — upcoming" in lines(window)
    reports = [page.model.item(row) for row in range(page.model.rowCount())]
    key = next(r.key for r in reports if r.title == "Portfolio shipped")
    page.select(key)
    assert "Done when: README and tests public." in page.details.toPlainText()
    assert page.mark_button.isEnabled() and not page.criteria_button.isEnabled()
    with qtbot.waitSignal(window.milestones.milestonesReady):
        page.mark_button.click()
    assert "01 Apr 2026  Portfolio shipped — reached" in lines(window)
    with qtbot.waitSignal(window.milestones.milestonesReady):
        window.action("undo").trigger()
    assert "01 Apr 2026  Portfolio shipped — upcoming" in lines(window)
    page.select(key)
    with qtbot.waitSignal(window.milestones.milestonesReady):
        page.delete_button.click()
    assert not any("Portfolio" in line for line in lines(window))


def test_a_certificates_expiry_adds_a_renewal_milestone(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    from datetime import date

    from studyplanner.ui.widgets.fields import qdate

    window = open_window(qtbot, store)
    show_milestones(qtbot, window)
    page = window.pages.milestones
    page.select("stage:basics")
    assert not page.expiry_button.isEnabled()
    page.select("cert:cert")
    assert page.expiry_button.isEnabled()
    page.expiry_button.click()
    dialog = window.milestones.expiry_dialog
    dialog.day.setDate(qdate(date(2029, 3, 1)))
    with qtbot.waitSignal(window.milestones.milestonesReady):
        dialog.accept()
    assert "01 Mar 2029  Renew: A certificate — upcoming" in lines(window)
    reports = [page.model.item(row) for row in range(page.model.rowCount())]
    renewal = next(r for r in reports if r.title == "Renew: A certificate")
    assert renewal.deck == "A certificate renewed before it expires on 01 March 2029"
    page.select(renewal.key)
    assert page.mark_button.isEnabled()  # reached when the learner says so
