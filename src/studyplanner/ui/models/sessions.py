"""A day's sessions as a list model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from studyplanner.storage.store import SessionView

AnyIndex = QModelIndex | QPersistentModelIndex


def describe(session: SessionView) -> str:
    """One line for a session: time, title and length."""
    when = f"{session.start_time:%H:%M}  " if session.start_time else ""
    return f"{when}{session.title} — {session.minutes} min"


class SessionListModel(QAbstractListModel):
    """One row per session."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sessions: list[SessionView] = []

    def set_sessions(self, sessions: Sequence[SessionView]) -> None:
        """Replace the list."""
        self.beginResetModel()
        self._sessions = list(sessions)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """How many sessions."""
        return 0 if parent.isValid() else len(self._sessions)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A session's line."""
        if not index.isValid() or not 0 <= index.row() < len(self._sessions):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(self._sessions[index.row()])
        return None
