"""The start-up baseline: one window with a QCalendarWidget; prints at its first paint."""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget, QMainWindow


class FirstPaint(QObject):
    """Print "first paint" once the window's content is painted, then quit (if asked to)."""

    def __init__(self, app: QApplication, quit_after: bool) -> None:
        super().__init__()
        self.app, self.quit_after, self.done = app, quit_after, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Report the first paint, as the app's own --exit-when-open does."""
        if event.type() == QEvent.Type.Paint and not self.done and watched.isWidgetType():
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        """Print, then quit when measuring."""
        print("first paint", flush=True)
        if self.quit_after:
            self.app.quit()


def main() -> int:
    """Show the calendar window."""
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Calendar")
    calendar = QCalendarWidget()
    window.setCentralWidget(calendar)
    window.resize(1200, 800)
    watcher = FirstPaint(app, "--exit-when-open" in sys.argv)
    app.installEventFilter(watcher)  # the calendar's child widgets do the painting
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
