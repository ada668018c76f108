"""A review through the window with its steps on the worker: fast keys, failures, closing."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.decks import ALL_DECKS
from studyplanner.storage.reviews.reviews import Reviews
from studyplanner.storage.store import Store
from studyplanner.ui.review.review_screen import ReviewScreen
from studyplanner.ui.window.main_window import MainWindow
from tests.ui.conftest import settle
from tests.ui.review.test_review import shown_text, start

# Good on each new card is a ten-minute step, shown again within the learn-ahead time.
ORDER = ["What is a list?", "What is a dict?", "What is drift?"] * 2


def logged_fronts(store: Store) -> list[str]:
    with closing(sqlite3.connect(store.path)) as conn:
        rows = conn.execute(
            "SELECT c.front FROM review r JOIN card c ON c.id = r.card_id ORDER BY r.id"
        ).fetchall()
    return [front for (front,) in rows]


def reviewing(qtbot: QtBot, store: Store, plan: int) -> MainWindow:
    window = start(qtbot, store, plan)
    window.cards.review(ALL_DECKS)
    qtbot.waitUntil(lambda: shown_text(window) == ORDER[0])
    return window


def test_fast_keys_answer_each_card_shown_once_in_order(
    qtbot: QtBot, store: Store, cards_plan: int, live: set[int]
) -> None:
    window = reviewing(qtbot, store, cards_plan)
    screen = window.pages.flashcards.review_screen
    for _ in range(len(ORDER)):  # no waiting: keys pressed while a save runs are not taken
        for key in (Qt.Key.Key_Space, Qt.Key.Key_3, Qt.Key.Key_3):
            qtbot.keyClick(screen, key)
    settle(qtbot, window)
    assert screen.session is not None
    answered = screen.session.answered
    assert 1 <= answered <= len(ORDER)
    assert logged_fronts(store) == ORDER[:answered]  # none twice, none skipped
    assert live == {0}  # no connection held between answers
    # Waiting for each card in turn, the rest of the review is answered in order too.
    for front in ORDER[answered:]:
        qtbot.waitUntil(lambda f=front: shown_text(window) == f and not screen.busy)  # type: ignore[misc]
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        qtbot.keyClick(screen, Qt.Key.Key_3)
        qtbot.waitUntil(lambda: not screen.busy)
        assert live == {0}
    settle(qtbot, window)
    assert logged_fronts(store) == ORDER
    assert screen.body.currentWidget() is screen.done_label


def test_a_failed_save_is_told_in_one_line_and_the_card_stays(
    qtbot: QtBot, store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = reviewing(qtbot, store, cards_plan)
    screen = window.pages.flashcards.review_screen
    saved = Reviews.save_answer

    def locked(*_args: object) -> int:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Reviews, "save_answer", locked)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.assertNotEmitted(screen.answered):
        qtbot.keyClick(screen, Qt.Key.Key_3)
        qtbot.waitUntil(screen.problem.isVisible)
    assert screen.problem.text().startswith("Your answer was not saved: Saving your answer failed")
    assert "\n" not in screen.problem.text()
    assert shown_text(window).startswith(ORDER[0])  # the card stays, its buttons shown
    assert screen.revealed and not screen.busy
    assert logged_fronts(store) == []
    assert screen.progress.accessibleDescription() == "3 new, 0 learning, 0 due"

    monkeypatch.setattr(Reviews, "save_answer", saved)
    qtbot.keyClick(screen, Qt.Key.Key_3)  # tried again: saved this time
    qtbot.waitUntil(lambda: shown_text(window) == ORDER[1])
    assert not screen.problem.isVisible()
    assert logged_fronts(store) == [ORDER[0]]


def test_closing_mid_answer_keeps_the_answer_and_does_not_wait(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = reviewing(qtbot, store, cards_plan)
    screen = window.pages.flashcards.review_screen
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert screen.busy  # the answer is on the worker
    began = time.perf_counter()
    window.close()
    assert time.perf_counter() - began < 1.0
    window.tasks.wait()
    assert logged_fronts(store) == [ORDER[0]]


def test_a_review_started_again_or_left_while_loading_shows_only_the_last(
    qtbot: QtBot, store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, store, cards_plan)
    page = window.pages.flashcards
    shown: list[bool] = []
    real_start = ReviewScreen.start

    def recorded(self: ReviewScreen, *args: Any) -> bool:
        shown.append(real_start(self, *args))
        return shown[-1]

    monkeypatch.setattr(ReviewScreen, "start", recorded)
    window.cards.review(ALL_DECKS)
    qtbot.keyClick(page.review_screen, Qt.Key.Key_Escape)  # left before the cards arrived
    settle(qtbot, window)
    assert not page.in_review()
    assert (page.review_screen.session, shown) == (None, [False])
    window.cards.review(ALL_DECKS)
    window.cards.review(ALL_DECKS)  # started again before the first arrived
    settle(qtbot, window)
    assert shown == [False, False, True]  # only the last one is shown
    assert page.in_review() and page.review_screen.session is not None
    assert shown_text(window) == ORDER[0]
    assert page.review_screen.progress.accessibleDescription() == "3 new, 0 learning, 0 due"
