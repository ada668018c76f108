"""A plan's milestones as a list model: date, title and state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from studyplanner.core.milestones.mastery import MilestoneState
from studyplanner.core.milestones.reports import MilestoneReport
from studyplanner.ui.models.base import PlainListModel

STATE_COLOURS = {
    MilestoneState.REACHED: "#3c9a5f",
    MilestoneState.DUE: "#e08a1e",
    MilestoneState.MISSED: "#d9534f",
}
STATE_WORDS = {
    MilestoneState.UPCOMING: "upcoming",
    MilestoneState.DUE: "due",
    MilestoneState.REACHED: "reached",
    MilestoneState.MISSED: "missed",
}


def describe(report: MilestoneReport) -> str:
    """One line: planned date, title, state, and the forecast when it differs."""
    text = f"{report.planned:%d %b %Y}  {report.title} — {STATE_WORDS[report.assessment.state]}"
    if report.forecast and report.forecast != report.planned:
        text += f", forecast {report.forecast:%d %b %Y}"
    if report.at_risk:
        text += " (at risk)"
    return text


class MilestoneListModel(PlainListModel[MilestoneReport]):
    """One row per milestone, coloured by its state."""

    def item_data(self, item: MilestoneReport, role: int) -> Any:
        """A milestone's line and colour."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(item)
        if role == Qt.ItemDataRole.ForegroundRole and item.assessment.state in STATE_COLOURS:
            return QColor(STATE_COLOURS[item.assessment.state])
        return None

    def row_of(self, key: str) -> int:
        """The row of a milestone, or -1."""
        return next((n for n, r in enumerate(self._items) if r.key == key), -1)
