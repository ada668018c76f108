"""A calendar table whose sessions can be dragged to another day."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QMouseEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.models.month import MonthRole

SESSION_MIME = "application/x-studyplanner-session"


@runtime_checkable
class ChipLayout(Protocol):
    """A delegate that can say where it draws each session of a cell."""

    def chip_rects(self, rect: QRect, count: int, metrics: QFontMetrics) -> list[QRect]:
        """One rectangle per session drawn."""
        ...


class SessionTable(QTableView):
    """Drag a session from its cell and drop it on another day to move it."""

    sessionDropped = Signal(object, object)  # a SessionView, the new date

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDropIndicatorShown(True)
        self._press: QPoint | None = None
        self._dragged: SessionView | None = None

    def session_under(self, pos: QPoint) -> SessionView | None:
        """The session drawn under a point of the viewport."""
        index = self.indexAt(pos)
        delegate = self.itemDelegate()
        if not index.isValid() or not isinstance(delegate, ChipLayout):
            return None
        sessions: list[SessionView] = index.data(MonthRole.SESSIONS) or []
        rects = delegate.chip_rects(self.visualRect(index), len(sessions), self.fontMetrics())
        return next((s for r, s in zip(rects, sessions, strict=False) if r.contains(pos)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Remember where a drag might start."""
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Start dragging the session under the press once the mouse has moved far enough."""
        start = self._press
        moved = start is not None and (
            (event.position().toPoint() - start).manhattanLength()
            >= QApplication.startDragDistance()
        )
        if not (event.buttons() & Qt.MouseButton.LeftButton and moved and start is not None):
            super().mouseMoveEvent(event)
            return
        session = self.session_under(start)
        self._press = None
        if session is None:
            return
        self._dragged = session
        mime = QMimeData()
        mime.setData(SESSION_MIME, session.key.encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept only our own sessions."""
        if event.mimeData().hasFormat(SESSION_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Show where the session would land."""
        if event.mimeData().hasFormat(SESSION_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Move the dragged session to the day dropped on."""
        index = self.indexAt(event.position().toPoint())
        if self._dragged is not None and self.drop_on(self._dragged, index):
            event.acceptProposedAction()
        self._dragged = None

    def drop_on(self, session: SessionView, index: QModelIndex) -> bool:
        """Ask to move ``session`` to the day of ``index``; False when it goes nowhere new."""
        if not index.isValid():
            return False
        day: date | None = index.data(MonthRole.DATE)
        if day is None or day == session.day:
            return False
        self.sessionDropped.emit(session, day)
        return True
