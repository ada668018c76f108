"""The card browser: search, edit, suspend, delete and add, each undoable."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.search import CardSearch
from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.card_queries import CardRow, SortKey
from studyplanner.storage.store import Store
from studyplanner.ui.browser import card_browser
from studyplanner.ui.browser.card_browser import CardBrowser
from studyplanner.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window, settle


class SearchCounter:
    """The store's searches, counted: each one reads every card found, 100,000 of them."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[SortKey, bool]] = []
        search = store.search_cards

        def counted(
            search_for: CardSearch, sort: SortKey, descending: bool, now: datetime
        ) -> list[int]:
            self.calls.append((sort, descending))
            return search(search_for, sort, descending, now)

        monkeypatch.setattr(store, "search_cards", counted)

    def take(self) -> list[tuple[SortKey, bool]]:
        """The searches since the last look."""
        calls, self.calls = self.calls, []
        return calls


def click_header(qtbot: QtBot, browser: CardBrowser, column: int) -> None:
    header = browser.table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


def fronts(browser: CardBrowser) -> list[str]:
    model = browser.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def browse(qtbot: QtBot, store: Store) -> tuple[MainWindow, CardBrowser]:
    window = open_window(qtbot, store)
    browser = window.cards.open_browser()
    qtbot.waitExposed(browser)
    return window, browser


def test_search_sort_and_a_bad_search(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    _window, browser = browse(qtbot, store)
    assert browser.count.text() == "4 cards"
    browser.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert fronts(browser) == [
        "What is drift?",
        "What is a list?",
        "What is a join?",
        "What is a dict?",
    ]
    browser.search.setText("deck:basics -tag:python")
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert fronts(browser) == ["What is a join?", "What is a dict?"]
    browser.search.setText("is:lost")
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert browser.problem.isVisible()
    assert "is: takes one of" in browser.problem.text()
    assert fronts(browser) == ["What is a join?", "What is a dict?"]  # the last good search stays


def test_edit_suspend_delete_and_undo(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    window, browser = browse(qtbot, store)
    browser.table.selectRow(0)
    assert browser.editor.front.toPlainText() == "What is a list?"
    assert not browser.save_button.isEnabled()
    browser.editor.back.setPlainText("A **mutable** sequence.")
    assert browser.save_button.isEnabled()
    qtbot.mouseClick(browser.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert browser.model.index(0, 1).data() == "A **mutable** sequence."
    assert browser.editor.preview.toPlainText().endswith("A mutable sequence.")

    browser.suspend_action.trigger()
    settle(qtbot, window)
    assert browser.model.index(0, 4).data() == "suspended"
    assert browser.suspend_action.text() == "Un&suspend"
    assert window.pages.today.cards.text() == "Flashcards: 1 card to review today (1 new)."

    browser.table.selectRow(1)
    browser.delete_action.trigger()
    settle(qtbot, window)
    assert fronts(browser) == ["What is a list?", "What is a join?", "What is drift?"]
    for _edit in ("delete", "suspend", "edit"):
        assert browser.undo_action.isEnabled()
        browser.undo_action.trigger()
        settle(qtbot, window)
    assert window.action("undo").isEnabled() is False  # one history for both windows
    assert fronts(browser)[:2] == ["What is a list?", "What is a dict?"]
    assert browser.model.index(0, 1).data() == "A mutable sequence."
    assert browser.model.index(0, 4).data() == "new"


def test_adding_a_card_to_a_new_deck(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    window, browser = browse(qtbot, store)
    browser.add_card()
    dialog = browser.dialog
    labels = [dialog.deck_box.itemText(i) for i in range(dialog.deck_box.count())]
    assert "Small roadmap › Basics › SQL" in labels
    assert not dialog.buttons.buttons()[0].isEnabled()
    assert dialog.problem.text() == "The card needs a front and a back."
    dialog.deck_box.setEditText("Geography")
    dialog.editor.front.setPlainText("Capital of France?")
    dialog.editor.back.setPlainText("Paris")
    dialog.accept()
    settle(qtbot, window)
    browser.search.setText("deck:geography")
    browser.run_search()
    assert fronts(browser) == ["Capital of France?"]
    assert browser.model.index(0, 2).data() == "Geography"
    browser.undo_action.trigger()
    settle(qtbot, window)
    assert fronts(browser) == []


def test_opening_searches_once(
    qtbot: QtBot, store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    searches = SearchCounter(store, monkeypatch)
    _window, browser = browse(qtbot, store)
    assert searches.take() == [(SortKey.CREATED, False)]
    assert browser.count.text() == "4 cards"
    assert browser.table.horizontalHeader().sortIndicatorSection() == -1


def test_a_change_of_order_searches_once(
    qtbot: QtBot, store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, browser = browse(qtbot, store)
    searches = SearchCounter(store, monkeypatch)
    click_header(qtbot, browser, 0)
    assert searches.take() == [(SortKey.FRONT, False)]
    assert fronts(browser)[0] == "What is a dict?"
    click_header(qtbot, browser, 0)
    assert searches.take() == [(SortKey.FRONT, True)]
    assert fronts(browser)[0] == "What is drift?"
    browser.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert searches.take() == [(SortKey.DUE, False)]
    browser.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # the order it has already
    assert searches.take() == []


def test_a_new_search_searches_once(
    qtbot: QtBot, store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, browser = browse(qtbot, store)
    searches = SearchCounter(store, monkeypatch)
    browser.search.setText("tag:python")
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert searches.take() == [(SortKey.CREATED, False)]
    assert fronts(browser) == ["What is a list?"]


def test_cards_that_cannot_be_read_are_a_message(
    qtbot: QtBot, store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    failure = StorageError("The database is locked by another program.")
    failing = False
    card_rows = store.card_rows

    def rows(card_ids: list[int]) -> dict[int, CardRow]:
        if failing:
            raise failure
        return card_rows(card_ids)

    monkeypatch.setattr(store, "card_rows", rows)
    shown: list[tuple[object, str, BaseException]] = []
    monkeypatch.setattr(card_browser, "show_problem", lambda *problem: shown.append(problem))
    _window, browser = browse(qtbot, store)
    assert fronts(browser)[0] == "What is a list?"
    failing = True
    browser.model.refresh_rows()
    browser.table.viewport().repaint()  # the view reads the rows again, and fails
    assert fronts(browser)[0] == "What is a list?"  # what was read stays
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [(browser, "The cards could not be read", failure)]


def test_the_preview_shows_a_cards_pictures_read_on_the_worker(qtbot: QtBot, store: Store) -> None:
    from studyplanner.interop.anki_text import CardFile, ExchangeCard
    from studyplanner.operations.cards import import_cards
    from tests.interop.test_apkg_from_anki import picture
    from tests.ui.widgets.test_safe_text import image_names

    found = CardFile(
        [ExchangeCard("Which object? ![a pod](pod.png)", "A pod")], media={"pod.png": picture()}
    )
    import_cards(found, "Pictures", datetime.now()).run(store)
    _, browser = browse(qtbot, store)
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1)
    browser.table.selectRow(0)
    preview = browser.editor.preview
    qtbot.waitUntil(lambda: image_names(preview.document()) == ["pod.png"])
