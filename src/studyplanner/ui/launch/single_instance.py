"""A second launch asks the running app to come to the front, through a file in the data folder.

A file, not a socket: it needs no network module in the bundle and works the same everywhere.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

REQUEST_NAME = "raise-request"
# The running app answers when its event loop next runs; start-up work on a busy machine can
# hold it for seconds (2 s was seen to run out under load), and saying "already running" too
# early leaves a second window-less launch waiting on a message box.
WAIT_SECONDS = 10.0


class InstanceServer(QObject):
    """Watches, in the running app, for later launches asking it to show itself."""

    raiseRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.request = data_dir / REQUEST_NAME
        self.request.unlink(missing_ok=True)  # left by a launch that gave up waiting
        self._watcher = QFileSystemWatcher([str(data_dir)], self)
        self._watcher.directoryChanged.connect(self._look)

    def _look(self, _folder: str) -> None:
        if self.request.exists():
            self.request.unlink(missing_ok=True)  # the answer the other launch waits for
            self.raiseRequested.emit()


def ask_to_raise(data_dir: Path, wait: float = WAIT_SECONDS) -> bool:
    """Ask the app running on ``data_dir`` to come to the front; whether it answered."""
    request = data_dir / REQUEST_NAME
    try:
        request.touch()
    except OSError:
        return False
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(0.05)
    request.unlink(missing_ok=True)
    return False
