"""The deck tree as a Qt model: a thin adapter over plain ``Deck`` values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from studyplanner.core.cards.decks import Deck, DeckScope
from studyplanner.ui.models.base import AnyIndex, column_title

COLUMNS = ("Deck", "New", "Learning", "Due")


# A deck's place in the tree: the titles and scopes from its roadmap down to it.
DeckKey = tuple[tuple[str, DeckScope], ...]
Node = tuple[Deck, int, int]  # (deck, parent number or -1, row)


def flatten(decks: tuple[Deck, ...]) -> tuple[list[Node], dict[int, list[int]], list[DeckKey]]:
    """Every node by its number, each node's children, and each node's key."""
    nodes: list[Node] = []
    children: dict[int, list[int]] = {-1: []}
    keys: list[DeckKey] = []

    def add(level: tuple[Deck, ...], parent: int, key: DeckKey) -> None:
        for row, deck in enumerate(level):
            number = len(nodes)
            nodes.append((deck, parent, row))
            children[parent].append(number)
            children[number] = []
            keys.append((*key, (deck.title, deck.scope)))
            add(deck.children, number, keys[number])

    add(decks, -1, ())
    return nodes, children, keys


class DeckTreeModel(QAbstractItemModel):
    """Roadmaps, their stages and topics, with the cards waiting in each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roots: tuple[Deck, ...] = ()
        # Every node by its number; a node's number is its index's internal id.
        self._nodes: list[Node] = []
        self._children: dict[int, list[int]] = {-1: []}
        self._keys: list[DeckKey] = []

    def set_decks(self, decks: tuple[Deck, ...]) -> None:
        """Replace the whole tree; a deck still there keeps its selection, focus and expansion.

        A layout change rather than a reset: views keep persistent indexes across it, moved
        here to where each deck now is (a reset would drop the selection).
        """
        nodes, children, keys = flatten(decks)
        number_of: dict[DeckKey, int] = {}
        for number, key in enumerate(keys):
            number_of.setdefault(key, number)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()  # read after views saved theirs, just above
        after = []
        for index in before:
            number = number_of.get(self._keys[index.internalId()], -1)
            if number < 0:
                after.append(QModelIndex())
            else:
                after.append(self.createIndex(nodes[number][2], index.column(), number))
        self._roots, self._nodes, self._children, self._keys = decks, nodes, children, keys
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def deck(self, index: AnyIndex) -> Deck | None:
        """The deck at an index."""
        return self._nodes[index.internalId()][0] if index.isValid() else None

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        """The index of a child of ``parent``."""
        owner = parent.internalId() if parent.isValid() else -1
        children = self._children.get(owner, [])
        if not (0 <= row < len(children) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        """The index of a node's parent."""
        if not index.isValid():
            return QModelIndex()
        owner = self._nodes[index.internalId()][1]
        if owner == -1:
            return QModelIndex()
        return self.createIndex(self._nodes[owner][2], 0, owner)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """How many children ``parent`` has (only the first column has children)."""
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else -1, []))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """Deck, new, learning and due."""
        return len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A deck's title or one of its counts."""
        deck = self.deck(index)
        if deck is None:
            return None
        counts = (deck.counts.new, deck.counts.learning, deck.counts.review)
        if role == Qt.ItemDataRole.DisplayRole:
            return deck.title if index.column() == 0 else str(counts[index.column() - 1])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{deck.title}: {counts[0]} new, {counts[1]} learning, {counts[2]} due"
                if index.column() == 0
                else f"{counts[index.column() - 1]} {COLUMNS[index.column()].lower()}"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        return column_title(COLUMNS, section, orientation, role)
