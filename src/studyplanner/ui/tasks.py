"""Running slow work off the UI thread, with the result delivered back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Lives on the UI thread; its queued signals carry a task's outcome back there."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the UI thread, which decides how to report it
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Starts background jobs and keeps their relays alive until they report."""

    busyChanged = Signal(bool)  # noqa: N815  (Qt signal naming)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        """Whether any job is still running."""
        return bool(self._relays)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run ``work`` on a worker thread; the callbacks run on the UI thread."""
        relay = _Relay(self)
        self._relays.add(relay)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if not self._relays:
                self.busyChanged.emit(False)

        relay.succeeded.connect(on_success)
        relay.failed.connect(on_failure)
        relay.succeeded.connect(finish)
        relay.failed.connect(finish)
        if len(self._relays) == 1:
            self.busyChanged.emit(True)
        self._pool.start(_Job(work, relay))

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job has finished (used on shutdown)."""
        return self._pool.waitForDone(msecs)
