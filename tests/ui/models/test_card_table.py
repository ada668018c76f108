"""The card table model: ids held, rows read a block at a time, failed reads kept out of Qt."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.search import parse_search
from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.card_queries import CardRow, SortKey
from studyplanner.storage.store import Store
from studyplanner.ui.models.card_table import BLOCK, CardTableModel
from tests.conftest import NOW


def row(card_id: int, front: str = "") -> CardRow:
    due = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    return CardRow(
        card_id, front or f"Card {card_id}", "Back", "Deck", "", due, "new", False, None, ""
    )


class FakeStore:
    """Card rows by id, counting the reads, failing on demand."""

    def __init__(self, count: int) -> None:
        self.rows = {n: row(n) for n in range(count)}
        self.reads: list[list[int]] = []
        self.error: Exception | None = None

    def card_rows(self, ids: list[int]) -> dict[int, CardRow]:
        self.reads.append(ids)
        if self.error is not None:
            raise self.error
        return {n: self.rows[n] for n in ids if n in self.rows}


def fronts(model: CardTableModel) -> list[str | None]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_model_tester_with_the_real_store(
    qtmodeltester: ModelTester, store: Store, cards_plan: int
) -> None:
    model = CardTableModel(store.card_rows)
    qtmodeltester.check(model)  # empty
    ids = store.search_cards(parse_search(""), SortKey.FRONT, False, NOW)
    model.set_ids(ids)
    qtmodeltester.check(model)
    assert fronts(model) == [
        "What is a dict?",
        "What is a join?",
        "What is a list?",
        "What is drift?",
    ]
    assert model.index(0, 2).data() == "Small roadmap › Basics › Python"
    assert model.index(0, 4).data() == "new"
    model.set_ids(list(reversed(ids)))  # a reset
    qtmodeltester.check(model)
    assert fronts(model)[0] == "What is drift?"
    model.refresh_rows()
    qtmodeltester.check(model)


def test_rows_are_read_a_block_at_a_time(qtmodeltester: ModelTester) -> None:
    store = FakeStore(1000)
    model = CardTableModel(store.card_rows)
    model.set_ids(list(range(1000)))
    qtmodeltester.check(model)
    store.reads.clear()
    assert model.index(BLOCK + 5, 0).data() == f"Card {BLOCK + 5}"
    assert model.index(BLOCK + 6, 3).data() == "2026-03-03"
    assert store.reads == [list(range(BLOCK, 2 * BLOCK))]


def test_a_deleted_card_shows_empty_after_a_refresh() -> None:
    store = FakeStore(3)
    model = CardTableModel(store.card_rows)
    model.set_ids([0, 1, 2])
    assert fronts(model) == ["Card 0", "Card 1", "Card 2"]
    del store.rows[1]
    model.refresh_rows()
    assert fronts(model) == ["Card 0", None, "Card 2"]
    assert model.card(1) is None


def test_a_failed_read_keeps_what_was_shown_and_is_reported_once(qtbot: QtBot) -> None:
    store = FakeStore(3 * BLOCK)
    model = CardTableModel(store.card_rows)
    model.set_ids(list(range(3 * BLOCK)))
    assert model.index(0, 0).data() == "Card 0"
    store.rows[0] = row(0, "Edited")
    store.error = StorageError("The database is locked.")
    reports: list[object] = []
    model.fetchFailed.connect(reports.append)
    model.refresh_rows()
    # Called the way a view calls them: nothing may be raised into Qt.
    assert model.index(0, 0).data() == "Card 0"  # the row read before stays
    assert model.index(BLOCK, 0).data() is None  # nothing new
    assert model.index(2 * BLOCK, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.card(BLOCK + 1) is None
    assert len(store.reads) == 4  # the first read, then each failed block once, not again
    assert reports == []  # not from inside the view's call
    qtbot.waitUntil(lambda: len(reports) == 1)
    qtbot.wait(10)
    assert reports == [store.error]

    store.error = None
    model.refresh_rows()  # the next change tries again
    assert model.index(0, 0).data() == "Edited"
    assert model.index(BLOCK, 0).data() == f"Card {BLOCK}"


def test_a_new_search_tries_the_failed_blocks_again(qtbot: QtBot) -> None:
    store = FakeStore(10)
    store.error = StorageError("The database is locked.")
    model = CardTableModel(store.card_rows)
    with qtbot.waitSignal(model.fetchFailed):
        model.set_ids(list(range(10)))
        assert fronts(model) == [None] * 10
    store.error = None
    model.set_ids(list(range(5)))
    assert fronts(model) == [f"Card {n}" for n in range(5)]


def test_our_own_bug_still_reaches_the_crash_handler(qtbot: QtBot) -> None:
    store = FakeStore(5)
    store.error = KeyError("a bug of ours")
    model = CardTableModel(store.card_rows)
    reports: list[object] = []
    model.fetchFailed.connect(reports.append)
    with qtbot.captureExceptions() as raised:
        model.set_ids(list(range(5)))
        assert model.index(0, 0).data() is None  # not raised into Qt
        qtbot.waitUntil(lambda: len(raised) == 1)
    kind, error, _tb = raised[0]
    assert (kind, error) == (KeyError, store.error)
    assert reports == []  # a bug is not shown as a learner's problem


@pytest.mark.parametrize("column", range(6))
def test_every_column_has_text(column: int) -> None:
    model = CardTableModel(FakeStore(1).card_rows)
    model.set_ids([0])
    assert isinstance(model.index(0, column).data(), str)
