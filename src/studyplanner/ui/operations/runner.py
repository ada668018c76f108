"""The one way the UI changes the data: operations on the serial database worker, with undo.

As in Anki's ``aqt.operations``: the UI thread hands an operation to the worker and goes on;
when it is done, ``changed`` says what it changed and the window refreshes only that. The
Edit menu's history holds only operations run here: when another process changes the data,
the history is cleared, so an undo never reverts someone else's change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from studyplanner.operations.base import Operation, Undoable
from studyplanner.operations.changes import Changed
from studyplanner.storage.database.change_watch import ChangeWatch
from studyplanner.storage.store import Store
from studyplanner.ui.operations.tasks import TaskRunner

T = TypeVar("T")
Report = Callable[[str, BaseException], None]

# How often to look for another process's commits: a cheap look that never waits.
WATCH_INTERVAL_MS = 1500


class _Entry(QUndoCommand):
    """An operation in the Edit menu's history; the runner does its work, not the stack."""

    def __init__(self, operation: Undoable) -> None:
        super().__init__(operation.title)
        self.operation = operation

    def redo(self) -> None:
        """Nothing: the stack moves only after the worker has done the work."""

    def undo(self) -> None:
        """Nothing, likewise."""


class OperationRunner(QObject):
    """Runs operations and reads on the worker, keeps the undo history, watches the file."""

    changed = Signal(object)  # Changed: after an operation here, or a change from elsewhere
    changedElsewhere = Signal()
    undoChanged = Signal()

    def __init__(
        self, store: Store, tasks: TaskRunner, report: Report, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.tasks, self._report = store, tasks, report
        self.history = QUndoStack(self)
        self.history.indexChanged.connect(self.undoChanged)
        self.history.cleanChanged.connect(self.undoChanged)
        self._steps_running = 0  # undoable steps handed to the worker and not back yet
        self.watch = ChangeWatch(store.path)
        self._timer = QTimer(self)
        self._timer.setInterval(WATCH_INTERVAL_MS)
        self._timer.timeout.connect(self.look_for_changes)
        self._timer.start()

    # Running

    def perform(self, operation: Undoable, on_done: Callable[[], None] | None = None) -> None:
        """Make an undoable change on the worker; it joins the history when it is made."""

        def done(changed: Changed) -> None:
            self.history.push(_Entry(operation))
            self._finished(changed)
            if on_done is not None:
                on_done()

        self._step(operation.do, operation.title, done)

    def run(
        self,
        operation: Operation[T],
        on_done: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Make a change the history does not hold (a new plan, an import) on the worker."""

        def work() -> tuple[Changed, T]:
            with self.watch.own_change():
                outcome = operation.run(self.store)
            return outcome.changed, outcome.value

        def done(result: tuple[Changed, T]) -> None:
            changed, value = result
            self.changed.emit(changed)
            on_done(value)

        def failed(error: BaseException) -> None:
            if on_failure is not None:
                on_failure(error)
            else:
                self._report(f"Could not {_lower_first(operation.title)}", error)

        self.tasks.run(work, done, failed)

    def read(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        failure_title: str,
    ) -> None:
        """A read too slow for the UI thread, on the worker, in turn with the changes."""
        self.tasks.run(work, on_done, lambda error: self._report(failure_title, error))

    # The Edit menu

    @property
    def can_undo(self) -> bool:
        """Whether Undo has something to undo now (nothing is while a step is running)."""
        return self._steps_running == 0 and self.history.canUndo()

    @property
    def can_redo(self) -> bool:
        """Whether Redo has something to redo now."""
        return self._steps_running == 0 and self.history.canRedo()

    def undo(self) -> None:
        """Undo the newest change in the history."""
        if self.can_undo:
            entry = self.history.command(self.history.index() - 1)
            assert isinstance(entry, _Entry)
            self._step(entry.operation.undo, f"Undo {entry.text()}", self._moved(back=True))

    def redo(self) -> None:
        """Redo the newest undone change."""
        if self.can_redo:
            entry = self.history.command(self.history.index())
            assert isinstance(entry, _Entry)
            self._step(entry.operation.redo, f"Redo {entry.text()}", self._moved(back=False))

    def forget_history(self) -> None:
        """Empty the history: the data it would restore is gone (after a restore, say)."""
        self.history.clear()

    def _moved(self, back: bool) -> Callable[[Changed], None]:
        def done(changed: Changed) -> None:
            if back:
                self.history.undo()
            else:
                self.history.redo()
            self._finished(changed)

        return done

    def _step(
        self, step: Callable[[Store], Changed], title: str, done: Callable[[Changed], None]
    ) -> None:
        def work() -> Changed:
            with self.watch.own_change():
                return step(self.store)

        def failed(error: BaseException) -> None:
            self._steps_running -= 1
            self.undoChanged.emit()
            self._report(f"Could not {_lower_first(title)}", error)

        self._steps_running += 1
        self.undoChanged.emit()
        self.tasks.run(work, lambda changed: self._after_step(done, changed), failed)

    def _after_step(self, done: Callable[[Changed], None], changed: Changed) -> None:
        self._steps_running -= 1
        done(changed)
        self.undoChanged.emit()

    def _finished(self, changed: Changed) -> None:
        self.changed.emit(changed)

    # Someone else's changes

    def absorb_own_commit(self) -> None:
        """A commit of ours made on the UI thread (a review's answer) is not someone else's."""
        self.watch.absorb()

    def look_for_changes(self) -> bool:
        """If another process changed the data: forget the history and refresh everything."""
        if not self.watch.someone_else_changed():
            return False
        if self.history.count():
            self.history.clear()
        self.changedElsewhere.emit()
        self.changed.emit(Changed.EVERYTHING)
        return True

    def reopen(self) -> None:
        """Follow the file now at the database's path (after a restore)."""
        self.watch.reopen()

    def close(self) -> None:
        """Stop watching, and release the watch's connection."""
        self._timer.stop()
        self.watch.close()


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"
