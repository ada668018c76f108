"""Background jobs report to no runner or window that is gone or closed."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from studyplanner.ui.window.main_window import MainWindow

# A runner that only Python keeps alive, dropped while its job's outcome is still queued.
# A runner that kept a Qt object per job, deleted once the outcome was in, let that object
# free the runner while it was being deleted itself, and the process died in ~QObject.
DROPPED_RUNNER = """
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from studyplanner.ui.operations.tasks import TaskRunner

app = QApplication([])
delivered = []

def start():
    runner = TaskRunner()
    runner.run(lambda: 42, delivered.append, delivered.append)
    runner.wait()

start()
app.processEvents()
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
app.processEvents()
print("delivered", delivered)
"""


def test_a_dropped_runner_takes_its_queued_outcome_with_it() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", DROPPED_RUNNER],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "delivered []\n"), result.stderr


class _SetOnClose(QObject):
    """Sets an event as a close event reaches the watched window, before its closeEvent."""

    def __init__(self, closing: threading.Event) -> None:
        super().__init__()
        self._closing = closing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._closing.set()
        return False


def test_closing_the_window_waits_for_its_job_and_drops_the_outcome(window: MainWindow) -> None:
    closing, finished = threading.Event(), threading.Event()
    delivered: list[object] = []

    def work() -> int:
        assert closing.wait(30)
        finished.set()
        return 42

    watcher = _SetOnClose(closing)
    window.installEventFilter(watcher)
    window.tasks.run(work, delivered.append, delivered.append)
    assert window.tasks.busy
    window.close()
    assert finished.is_set()  # the job ran to its end before the window was closed
    QCoreApplication.sendPostedEvents()
    assert delivered == []  # its store is closed next: the outcome was dropped, not delivered
    assert not window.tasks.busy
