"""The serial database worker: slow work off the UI thread, one job at a time, results back."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from studyplanner.ui.operations.collection import collection_paused

_Callbacks = tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]


class _Relay(QObject):
    """Lives on the UI thread; its queued signal carries a job's outcome back there."""

    finished = Signal(int, bool, object)  # job id, whether it succeeded, result or exception


class _Job(QRunnable):
    def __init__(self, job_id: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._id = job_id
        self._work: Callable[[], Any] | None = work
        self._relay = relay

    def run(self) -> None:
        # The runner keeps its own reference to the work until the outcome is delivered or
        # dropped, so what the work holds on to (a window, say) is released on the UI thread,
        # not on this one (unless shutdown() gave up waiting for it).
        work, self._work = self._work, None
        assert work is not None
        try:
            with collection_paused():
                outcome: tuple[bool, object] = (True, work())
        except Exception as exc:  # handed to the UI thread, which decides how to report it
            outcome = (False, exc)
        del work
        self._relay.finished.emit(self._id, *outcome)


class TaskRunner(QObject):
    """Starts background jobs and delivers their outcomes while the runner is alive.

    The runner holds every job's callbacks itself, with no object per job: such an object,
    deleted on its own, could drop the last reference to a runner that only Python keeps
    alive, and the runner would then delete it a second time, in the middle of its deletion.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Children are deleted in the order they were made: the pool, whose deletion waits
        # for running jobs, goes before the relay they report to.
        self._pool = QThreadPool(self)
        # One worker thread: the database's changes and slow reads run one at a time, in the
        # order they were asked for, so a read never sees half of a change made from here.
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._ids = count()
        self._pending: dict[int, _Callbacks] = {}
        self._shown_busy = False  # what busyChanged last said

    @property
    def busy(self) -> bool:
        """Whether any job has not reported yet."""
        return bool(self._pending)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run ``work`` on a worker thread; the callbacks run on the UI thread."""
        job_id = next(self._ids)
        self._pending[job_id] = (work, on_success, on_failure)
        self._tell_busy()
        self._pool.start(_Job(job_id, work, self._relay))

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job has finished; their outcomes are still delivered later."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 30000) -> bool:
        """Let running jobs finish, then drop their outcomes: no callback runs after this.

        For when the window closes: what the callbacks would touch (the store, the pages)
        is closed or about to be deleted. Jobs started later are run as usual.
        """
        done = self._pool.waitForDone(msecs)
        self._pending.clear()
        self._tell_busy()
        return done

    def _tell_busy(self) -> None:
        if self.busy != self._shown_busy:
            self._shown_busy = self.busy
            self.busyChanged.emit(self.busy)

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, succeeded: bool, payload: object) -> None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is None:  # dropped by shutdown()
            return
        _work, on_success, on_failure = callbacks
        try:
            if succeeded:
                on_success(payload)
            else:
                assert isinstance(payload, BaseException)
                on_failure(payload)
        finally:
            # After the callback, which may have started the next job: no flicker between.
            self._tell_busy()
