"""A list model over a plain Python list: subclasses only say how a row is shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class PlainListModel(QAbstractListModel, Generic[T]):
    """Rows are the items of a list that is replaced whole."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []

    def set_items(self, items: Sequence[T]) -> None:
        """Replace every row."""
        rows = list(items)
        self.beginResetModel()
        self._items = rows
        self.endResetModel()

    def item(self, row: int) -> T:
        """The item in a row."""
        return self._items[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """How many items."""
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What ``item_data`` says for the row's item."""
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self.item_data(self._items[index.row()], role)

    def item_data(self, item: T, role: int) -> Any:
        """One role's data for one item; None where there is none."""
        raise NotImplementedError


def column_title(
    titles: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    """A horizontal header's title for ``headerData``; None for anything else."""
    if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
        return titles[section] if 0 <= section < len(titles) else None
    return None
