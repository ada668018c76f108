"""Lists the learner ticks: topics already known, and days off."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from studyplanner.ui.models.base import AnyIndex, PlainListModel

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Topic


class TopicChecklistModel(PlainListModel["Topic"]):
    """A roadmap's topics with a tick for each one the learner knows already."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.known: set[str] = set()

    def item_data(self, item: Topic, role: int) -> Any:
        """Title, effort and tick."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            hours = item.effort_hours
            return f"{item.title} ({hours.min:g}–{hours.max:g} h)"
        if role == Qt.ItemDataRole.CheckStateRole:
            known = item.id in self.known
            return Qt.CheckState.Checked if known else Qt.CheckState.Unchecked
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Each topic can be ticked."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Tick or untick a topic."""
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        topic = self.item(index.row())
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self.known.add(topic.id)
        else:
            self.known.discard(topic.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class DaysOffModel(PlainListModel[tuple[date, date]]):
    """Days off as ranges; a single day is a range of one."""

    def add(self, first: date, last: date) -> None:
        """Add a day or a range, keeping the list in date order."""
        self.set_items(sorted([*self.items(), (min(first, last), max(first, last))]))

    def remove(self, row: int) -> None:
        """Remove one entry."""
        items = self.items()
        del items[row]
        self.set_items(items)

    def items(self) -> list[tuple[date, date]]:
        """Every range."""
        return [self.item(row) for row in range(self.rowCount())]

    def item_data(self, item: tuple[date, date], role: int) -> Any:
        """The day or the range."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        first, last = item
        if first == last:
            return first.strftime("%A %d %B %Y")
        return f"{first:%d %B %Y} to {last:%d %B %Y}"
