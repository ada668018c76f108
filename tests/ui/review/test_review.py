"""A whole review from the Today page, driven with the keyboard: reveal, rate, undo, end."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.decks import ALL_DECKS
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.store import Store
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY
from tests.ui.conftest import open_window, settle


def start(qtbot: QtBot, store: Store, plan: int) -> MainWindow:
    first = store.sessions_between(plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(plan, first.key, status=SessionStatus.DONE)
    window = open_window(qtbot, store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def shown_text(window: MainWindow) -> str:
    return window.pages.flashcards.review_screen.card.toPlainText()


def test_a_keyboard_review_with_undo(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    window = start(qtbot, store, cards_plan)
    today = window.pages.today
    assert today.cards.text() == "Flashcards: 3 cards to review today (3 new)."
    qtbot.mouseClick(today.review_button, Qt.MouseButton.LeftButton)
    screen = window.pages.flashcards.review_screen
    assert window.pages.flashcards.in_review()
    assert screen.done_label.text() == "Loading cards…"  # read on the worker
    qtbot.waitUntil(lambda: shown_text(window) == "What is a list?")
    assert screen.progress.accessibleDescription() == "3 new, 0 learning, 0 due"

    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert shown_text(window).endswith("A mutable sequence.")
    labels = [b.text() for b in screen.rate_buttons.values()]
    assert labels == ["Again\n1m", "Hard\n6m", "Good\n10m", "Easy\n8d"]
    assert not window.action("undo").isEnabled()

    qtbot.keyClick(screen, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: shown_text(window) == "What is a dict?")
    assert screen.progress.accessibleDescription() == "2 new, 1 learning, 0 due"
    # Today's counts are not in view during the review: they are read when they are again.
    assert today.cards.text() == "Flashcards: 3 cards to review today (3 new)."
    assert window.action("undo").text() == "&Undo Answer"
    assert window.action("undo").isEnabled()

    qtbot.keySequence(screen, QKeySequence.StandardKey.Undo)
    qtbot.waitUntil(lambda: shown_text(window) == "What is a list?")
    assert screen.progress.accessibleDescription() == "3 new, 0 learning, 0 due"
    assert not window.action("undo").isEnabled()  # one step only

    qtbot.keyClick(screen, Qt.Key.Key_Return)
    qtbot.keyClick(screen, Qt.Key.Key_4)  # Easy: the card graduates to a review in 8 days
    qtbot.waitUntil(lambda: shown_text(window) == "What is a dict?")
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert not window.pages.flashcards.in_review()
    assert today.cards.text() == "Flashcards: 2 cards to review today (2 new)."
    deck = window.pages.flashcards.model.index(0, 0)
    assert [window.pages.flashcards.model.index(0, c).data() for c in range(4)] == [
        deck.data(),
        "2",
        "0",
        "0",
    ]


def test_plan_undo_steps_aside_during_a_review(
    qtbot: QtBot,
    store: Store,
    cards_plan: int,
) -> None:
    window = start(qtbot, store, cards_plan)
    session = store.sessions_between(cards_plan, MONDAY, MONDAY + timedelta(days=6))[1]
    window.plans.move_session(session, session.day + timedelta(days=1))
    settle(qtbot, window)
    assert window.action("undo").text().startswith("&Undo Move")
    window.cards.review(ALL_DECKS)
    settle(qtbot, window)
    assert (window.action("undo").text(), window.action("undo").isEnabled()) == (
        "&Undo Answer",
        False,
    )
    window.action("undo").trigger()  # nothing to undo in the review: the move stays
    assert store.sessions_between(cards_plan, session.day, session.day) == []
    qtbot.keyClick(window.pages.flashcards.review_screen, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert window.action("undo").text().startswith("&Undo Move")
    window.action("undo").trigger()
    settle(qtbot, window)
    assert [s.key for s in store.sessions_between(cards_plan, session.day, session.day)] == [
        session.key
    ]


def test_card_text_is_markdown_and_html_stays_text(qtbot: QtBot) -> None:
    from studyplanner.ui.widgets.fields import card_markdown

    document = card_markdown("**Bold** and `code`", "<b>not bold</b><script>x()</script>")
    assert document.toPlainText() == "Bold and code\n\n<b>not bold</b><script>x()</script>"
    html = document.toHtml()
    assert "font-weight:700" in html  # Markdown bold is rendered
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html  # HTML is shown as text


def test_todays_counts_are_read_again_when_the_today_page_is_shown(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = start(qtbot, store, cards_plan)
    today = window.pages.today
    qtbot.mouseClick(today.review_button, Qt.MouseButton.LeftButton)
    screen = window.pages.flashcards.review_screen
    qtbot.waitUntil(lambda: shown_text(window) == "What is a list?")
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: shown_text(window) == "What is a dict?")
    assert today.cards.text() == "Flashcards: 3 cards to review today (3 new)."
    window.show_page(PAGES.index("Today"))
    settle(qtbot, window)
    assert today.cards.text() == "Flashcards: 3 cards to review today (1 learning, 2 new)."
