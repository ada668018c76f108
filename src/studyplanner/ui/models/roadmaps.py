"""The roadmaps the learner can plan from, as a list model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.store import RoadmapEntry

AnyIndex = QModelIndex | QPersistentModelIndex
ROADMAP_ROLE = Qt.ItemDataRole.UserRole + 1


class RoadmapListModel(QAbstractListModel):
    """One row per roadmap: its title, with its source as a tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[RoadmapEntry] = []

    def set_entries(self, entries: Sequence[RoadmapEntry]) -> None:
        """Replace the list."""
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def roadmap(self, row: int) -> Roadmap:
        """The roadmap in a row."""
        return self._entries[row].roadmap

    def row_of(self, roadmap_id: str) -> int:
        """The row of a roadmap id, or -1."""
        return next((i for i, e in enumerate(self._entries) if e.roadmap.id == roadmap_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """How many roadmaps."""
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Title, tooltip and the roadmap itself."""
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        roadmap = entry.roadmap
        if role == Qt.ItemDataRole.DisplayRole:
            return roadmap.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            kind = "Bundled" if entry.origin == "bundled" else "Imported"
            return f"{kind}: {roadmap.source.name}, {roadmap.year}"
        if role == ROADMAP_ROLE:
            return roadmap
        return None
