"""Undoable plan edits: each one is a store operation and its inverse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand

from studyplanner.core.planning.plan import Plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.storage.queries.views import SessionEdit, StoredSession
from studyplanner.storage.store import Store

Report = Callable[[str, BaseException], None]


@dataclass(frozen=True)
class EditContext:
    """What every command needs: the store, the plan, and how to refresh and report."""

    store: Store
    plan_id: int
    changed: Callable[[], None]
    report: Report


@dataclass(frozen=True)
class CardContext:
    """What card commands need: the store, and how to refresh and report."""

    store: Store
    changed: Callable[[], None]
    report: Report


class StoreCommand(QUndoCommand):
    """Runs a store operation; a failure is reported and the command leaves the stack."""

    context: Any

    def __init__(self, context: EditContext | CardContext, text: str) -> None:
        super().__init__(text)
        self.context = context

    def _run(self, operation: Callable[[], None]) -> None:
        try:
            operation()
        except Exception as exc:  # the store raises for a broken disk or database
            self.setObsolete(True)
            self.context.report(f"Could not {self.text()[0].lower()}{self.text()[1:]}", exc)
        self.context.changed()


class EditSession(StoreCommand):
    """Mark, move, lock or annotate a session."""

    def __init__(
        self, context: EditContext, key: str, before: SessionEdit, after: SessionEdit, text: str
    ) -> None:
        super().__init__(context, text)
        self.key, self.before, self.after = key, before, after

    def redo(self) -> None:
        """Give the session its new state."""
        self._run(
            lambda: self.context.store.set_session(self.context.plan_id, self.key, self.after)
        )

    def undo(self) -> None:
        """Give the session its old state back."""
        self._run(
            lambda: self.context.store.set_session(self.context.plan_id, self.key, self.before)
        )


class DeleteSession(StoreCommand):
    """Delete a session; undo puts it back whole."""

    def __init__(self, context: EditContext, key: str, text: str) -> None:
        super().__init__(context, text)
        self.key = key
        self.stored: StoredSession | None = None

    def redo(self) -> None:
        """Delete it, keeping a copy."""

        def delete() -> None:
            self.stored = self.context.store.delete_session(self.context.plan_id, self.key)

        self._run(delete)

    def undo(self) -> None:
        """Put the copy back."""
        stored = self.stored
        if stored is not None:
            self._run(lambda: self.context.store.restore_session(self.context.plan_id, stored))


class ApplyPlan(StoreCommand):
    """Replace the plan's schedule (a re-plan); undo restores the schedule before it.

    Undo restores the request as stored before the first apply: the request in ``before`` is
    the one the re-plan was worked out from, which carries that day's review forecast.
    """

    def __init__(
        self,
        context: EditContext,
        before: tuple[PlanRequest, Plan],
        after: tuple[PlanRequest, Plan],
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.before, self.after = before, after
        self.removed_notes: dict[str, str] = {}
        self.stored_request: PlanRequest | None = None

    def redo(self) -> None:
        """Apply the re-plan, keeping the notes of any session it removes."""

        def apply() -> None:
            store, plan_id = self.context.store, self.context.plan_id
            if self.stored_request is None:
                self.stored_request = store.plan_request(plan_id)
            self.removed_notes = store.apply_plan(plan_id, *self.after)

        self._run(apply)

    def undo(self) -> None:
        """Restore the plan as it was, its request and notes included."""

        def restore() -> None:
            store, plan_id = self.context.store, self.context.plan_id
            request = self.stored_request or self.before[0]
            store.apply_plan(plan_id, request, self.before[1])
            store.restore_notes(plan_id, self.removed_notes)

        self._run(restore)


def describe_edit(title: str, before: SessionEdit, after: SessionEdit) -> str:
    """The undo menu's words for an edit."""
    if after.status != before.status:
        return f"Mark “{title}” {after.status.value}"
    if after.day != before.day:
        return f"Move “{title}” to {after.day:%d %B}"
    if after.locked != before.locked:
        return f"{'Lock' if after.locked else 'Unlock'} “{title}”"
    return f"Edit “{title}”"
