"""A card's picture, kept with the cards, shown in review; any other image stays words."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.decks import ALL_DECKS
from studyplanner.interop.anki_text import CardFile, ExchangeCard
from studyplanner.operations.cards import import_cards
from studyplanner.storage.store import Store
from studyplanner.ui.common.pictures import SHOWN_SIDE
from tests.interop.test_apkg_from_anki import picture
from tests.ui.conftest import open_window, settle
from tests.ui.widgets.test_safe_text import image_names


def test_a_cards_picture_is_shown_in_review_and_a_path_is_not(qtbot: QtBot, store: Store) -> None:
    now = datetime.now(UTC)
    text = "Which object is this? ![a pod](pod.png) ![secret](/etc/passwd)"
    found = CardFile(
        [ExchangeCard(text, "A pod")], media={"pod.png": picture(width=2000, height=1000)}
    )
    import_cards(found, "Pictures", now).run(store)
    window = open_window(qtbot, store)
    window.cards.review(ALL_DECKS)
    settle(qtbot, window)
    screen = window.pages.flashcards.review_screen
    qtbot.waitUntil(lambda: "Which object" in screen.card.document().toPlainText())
    document = screen.card.document()
    assert image_names(document) == ["pod.png"]
    assert "[image: secret]" in document.toPlainText()
    image = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl("pod.png"))
    assert (image.width(), image.height()) == (SHOWN_SIDE, SHOWN_SIDE // 2)  # scaled to fit
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # the back shows it too, above the answer
    qtbot.waitUntil(lambda: "A pod" in screen.card.document().toPlainText())
    assert image_names(screen.card.document()) == ["pod.png"]


def test_a_quiz_question_shows_its_cards_picture(qtbot: QtBot, store: Store) -> None:
    from studyplanner.core.cards.quiz import QuizMode

    now = datetime.now(UTC)
    cards = [ExchangeCard("Which object? ![a pod](pod.png)", "A pod")]
    cards += [ExchangeCard(f"Question {n}?", f"Answer {n}") for n in range(4)]
    import_cards(CardFile(cards, media={"pod.png": picture()}), "Pictures", now).run(store)
    window = open_window(qtbot, store)
    window.show_page(3)
    settle(qtbot, window)
    page = window.pages.flashcards
    window.cards.start_quiz(ALL_DECKS, QuizMode.TYPED)
    qtbot.waitUntil(lambda: page.currentWidget() is page.quiz_screen)
    screen = page.quiz_screen
    for _ in range(len(cards)):  # the questions come in a random order
        if "Which object" in screen.question.document().toPlainText():
            break
        qtbot.keyClicks(screen.typed, "no idea")
        qtbot.keyClick(screen.typed, Qt.Key.Key_Return)
        screen.next_question()
    assert "Which object" in screen.question.document().toPlainText()
    assert image_names(screen.question.document()) == ["pod.png"]
