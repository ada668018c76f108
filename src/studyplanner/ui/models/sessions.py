"""A day's sessions as a list model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.models.base import PlainListModel

STATUS_MARKS = {SessionStatus.DONE: "✓ ", SessionStatus.SKIPPED: "✗ "}
HELD_BACK_MARK = "⏸ "  # strict mode: waiting until the stage before is mastered


def status_mark(session: SessionView, held_back: bool = False) -> str:
    """The mark before a session's title; ``held_back`` for a planned session's stage."""
    if session.status is SessionStatus.PLANNED and (held_back or session.held_back):
        return HELD_BACK_MARK
    return STATUS_MARKS.get(session.status, "")


def describe(session: SessionView, held_back: bool = False) -> str:
    """One line for a session: its mark, time, title and length."""
    when = f"{session.start_time:%H:%M}  " if session.start_time else ""
    mark = status_mark(session, held_back)
    locked = " (locked)" if session.locked else ""
    held = " (waiting for mastery)" if mark == HELD_BACK_MARK else ""
    return f"{mark}{when}{session.title} — {session.minutes} min{locked}{held}"


class SessionListModel(PlainListModel[SessionView]):
    """One row per session; sessions of stages held back in strict mode say so."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.waiting_stages: frozenset[str] = frozenset()

    def item_data(self, item: SessionView, role: int) -> Any:
        """A session's line."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(item, item.stage_id in self.waiting_stages)
        return None
