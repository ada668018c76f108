"""The roadmaps the learner can plan from, as a list model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from studyplanner.storage.queries.views import RoadmapEntry
from studyplanner.ui.common.safe_text import tooltip_as_written
from studyplanner.ui.models.base import PlainListModel

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Roadmap

ROADMAP_ROLE = Qt.ItemDataRole.UserRole + 1


class RoadmapListModel(PlainListModel[RoadmapEntry]):
    """One row per roadmap: its title, with its source as a tooltip."""

    def roadmap(self, row: int) -> Roadmap:
        """The roadmap in a row."""
        return self.item(row).roadmap

    def row_of(self, roadmap_id: str) -> int:
        """The row of a roadmap id, or -1."""
        rows = range(self.rowCount())
        return next((r for r in rows if self.item(r).roadmap.id == roadmap_id), -1)

    def item_data(self, item: RoadmapEntry, role: int) -> Any:
        """Title, tooltip and the roadmap itself."""
        if role == Qt.ItemDataRole.DisplayRole:
            return item.roadmap.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            kind = "Bundled" if item.origin == "bundled" else "Imported"
            origin = f"{kind}: {item.roadmap.source.name}, {item.roadmap.year}"
            return tooltip_as_written(origin) if role == Qt.ItemDataRole.ToolTipRole else origin
        if role == ROADMAP_ROLE:
            return item.roadmap
        return None
