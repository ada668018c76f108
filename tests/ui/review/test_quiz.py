"""A practice quiz from the Flashcards page, with the keyboard; the schedule is untouched."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.decks import ALL_DECKS
from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.quiz import QuizMode
from studyplanner.storage.store import Store
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import NOW
from tests.ui.conftest import open_window, settle


def test_a_multiple_choice_quiz_with_keys(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    window = open_window(qtbot, store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.cards.quiz_random = random.Random(3)
    due_before = store.cards_due_today(NOW, window_limits(window))
    window.show_page(3)
    settle(qtbot, window)
    page = window.pages.flashcards
    page.tree.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.quiz_button, Qt.MouseButton.LeftButton)
    screen = page.quiz_screen
    assert not page.quiz_button.isEnabled()  # the cards are read on the worker
    qtbot.waitUntil(lambda: page.currentWidget() is screen)
    assert page.quiz_button.isEnabled()
    assert screen.progress.text() == "Question 1 of 4 · 0 right"
    answered = 0
    while screen.quiz is not None:
        question = screen.quiz.current
        assert question is not None
        visible = [b.text() for b in screen.choice_buttons if b.isVisible()]
        assert len(visible) == 4
        key = question.correct if answered != 1 else (question.correct + 1) % 4  # one wrong
        qtbot.keyClick(screen, Qt.Key(Qt.Key.Key_1 + key))
        assert screen.feedback.text().startswith("Right." if answered != 1 else "Not quite.")
        qtbot.keyClick(screen, Qt.Key.Key_Return)
        answered += 1
    assert page.currentIndex() == 0
    assert page.quiz_result.text() == "Quiz on Small roadmap: 3 of 4 right (75%)."
    settle(qtbot, window)  # the score is saved on the worker
    scores = store.quiz_scores()
    assert sum(s.right for s in scores.values()) == 3
    assert sum(s.total for s in scores.values()) == 4
    assert store.cards_due_today(NOW, window_limits(window)) == due_before  # no review changed


def test_a_typed_quiz_stopped_early_keeps_its_answers(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = open_window(qtbot, store)
    window.show_page(3)
    settle(qtbot, window)
    page = window.pages.flashcards
    page.quiz_mode.setCurrentIndex(page.quiz_mode.findData(QuizMode.TYPED))
    page.tree.setCurrentIndex(page.model.index(0, 0))
    page.quiz_button.click()
    screen = page.quiz_screen
    qtbot.waitUntil(lambda: page.currentWidget() is screen)
    question = screen.quiz.current  # type: ignore[union-attr]
    assert question is not None
    qtbot.keyClicks(screen.typed, question.card.back.lower())
    qtbot.keyClick(screen.typed, Qt.Key.Key_Return)
    assert screen.feedback.text() == "Right."
    screen.stop()
    assert page.quiz_result.text() == "Quiz on Small roadmap: 1 of 1 right (100%)."


def window_limits(window: MainWindow) -> DailyLimits:
    from studyplanner.ui.common.review_options import daily_limits

    return daily_limits(window.settings)


def test_a_quiz_on_an_empty_deck_says_so(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store)
    window.show_page(3)
    settle(qtbot, window)
    page = window.pages.flashcards
    window.cards.start_quiz(ALL_DECKS, QuizMode.CHOICE)
    qtbot.waitUntil(page.quiz_button.isEnabled)
    assert page.quiz_result.text() == "No cards to quiz on in All decks."
    assert page.currentWidget() is not page.quiz_screen
