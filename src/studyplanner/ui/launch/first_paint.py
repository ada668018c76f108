"""Work that waits for a window's first paint, so that the learner sees the window first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

FIRST_PAINT_WAIT_MS = 500


class _FirstPaint(QObject):
    """Calls back once, just after a widget is first painted."""

    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], object] | None = callback
        widget.installEventFilter(self)
        # If the window is never painted (started minimised, say), load anyway.
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Wait for the paint, then let it reach the screen before calling back."""
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def after_first_paint(window: QMainWindow, callback: Callable[[], object]) -> None:
    """Run ``callback`` once the window's content has been painted."""
    content = window.centralWidget()
    _FirstPaint(content if content is not None else window, callback)
