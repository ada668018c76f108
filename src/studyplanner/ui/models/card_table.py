"""The card browser's table: a list of ids, with rows read a block at a time as they show."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal

from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.card_queries import CardRow, SortKey
from studyplanner.ui.common.safe_text import tooltip_as_written
from studyplanner.ui.models.base import AnyIndex, column_title

COLUMNS = ("Front", "Back", "Deck", "Due", "State", "Tags")
SORTS = {0: SortKey.FRONT, 2: SortKey.DECK, 3: SortKey.DUE}
BLOCK = 200  # rows read together; a screenful or two
CACHE_LIMIT = 5_000


def first_line(text: str, limit: int = 120) -> str:
    """A card's text as one short line."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _raise(error: Exception) -> None:
    raise error


class CardTableModel(QAbstractTableModel):
    """Holds only the ids of the cards found; their rows are fetched when a view asks.

    A read that fails inside a view's call never reaches Qt: the rows already read stay,
    the others show empty, and the failure is reported from the event loop afterwards.
    """

    sortRequested = Signal(object, bool)  # SortKey, descending
    fetchFailed = Signal(object)  # the StorageError, emitted from the event loop

    def __init__(
        self, fetch: Callable[[list[int]], dict[int, CardRow]], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[int] = []
        self._rows: dict[int, CardRow] = {}  # may hold rows from before the last change
        self._fresh: set[int] = set()  # the ids read since the last change
        self._failed: set[int] = set()  # blocks whose read failed, not tried again until then
        self._reported = False

    def set_ids(self, ids: list[int]) -> None:
        """Show these cards, in this order."""
        self.beginResetModel()
        self._ids = ids
        self._forget()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Read the shown rows again (after an edit) without changing which cards are listed."""
        self._forget()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _forget(self) -> None:
        # The rows read so far are kept, to show if reading them again fails.
        self._fresh, self._failed, self._reported = set(), set(), False

    def card_id(self, row: int) -> int:
        """The id of the card in a row."""
        return self._ids[row]

    def row_of(self, card_id: int) -> int:
        """The row of a card, or -1."""
        try:
            return self._ids.index(card_id)
        except ValueError:
            return -1

    def card(self, row: int) -> CardRow | None:
        """The row's card, read if needed (None if it has just been deleted or cannot be read)."""
        card_id = self._ids[row]
        start = row - row % BLOCK
        if card_id not in self._fresh and start not in self._failed:
            self._read_block(start)
        return self._rows.get(card_id)

    def _read_block(self, start: int) -> None:
        ids = self._ids[start : start + BLOCK]
        try:
            found = self._fetch(ids)
        except Exception as error:  # reported below, never raised into Qt
            self._failed.add(start)
            self._report(error)
            return
        if len(self._rows) > CACHE_LIMIT:
            self._rows, self._fresh = {}, set()
        for card_id in ids:
            self._rows.pop(card_id, None)  # a card deleted since is not shown
        self._rows.update(found)
        self._fresh.update(ids)

    def _report(self, error: Exception) -> None:
        if self._reported:  # one report until the cards change, not one per block painted
            return
        self._reported = True
        if isinstance(error, StorageError):
            QTimer.singleShot(0, self, partial(self.fetchFailed.emit, error))
        else:  # our bug: raised from the event loop, where the crash handler catches it
            QTimer.singleShot(0, self, partial(_raise, error))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """How many cards were found."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """Front, back, deck, due, state and tags."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text."""
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        card = self.card(index.row())
        if card is None:
            return None
        values = (
            card.front,
            card.back,
            card.deck,
            "" if card.due is None else f"{card.due.astimezone():%Y-%m-%d}",
            "suspended" if card.suspended else card.state,
            card.tags,
        )
        text = values[index.column()]
        return tooltip_as_written(text) if role == Qt.ItemDataRole.ToolTipRole else first_line(text)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        return column_title(COLUMNS, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask for the search to run again in this order (the database sorts, not the view)."""
        self.sortRequested.emit(
            SORTS.get(column, SortKey.CREATED), order == Qt.SortOrder.DescendingOrder
        )
