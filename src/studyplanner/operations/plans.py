"""Operations on plans: make one, edit or delete a session, apply a re-plan, strict mode."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from studyplanner.operations.base import Operation, Outcome, Undoable
from studyplanner.operations.changes import Changed

if TYPE_CHECKING:
    from pathlib import Path

    from studyplanner.core.planning.plan import Plan
    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.roadmap.model import Roadmap
    from studyplanner.storage.queries.views import SessionEdit, StoredSession
    from studyplanner.storage.store import Store

SCHEDULE = Changed.SESSIONS | Changed.MILESTONES


class PlanChangedError(Exception):
    """The plan was edited after a re-plan was worked out from it."""

    def __init__(self) -> None:
        super().__init__(
            "The plan was edited while the re-plan was worked out, so nothing was changed. "
            "Re-plan again to include your edits."
        )


def create_plan(
    name: str, request: PlanRequest, now: datetime, plan: Plan | None = None
) -> Operation[int]:
    """Keep a plan with its sessions, milestones and cards; gives its id.

    ``plan`` is the plan already worked out from ``request``, if the caller has shown it;
    otherwise it is worked out here.
    """

    def work(store: Store) -> Outcome[int]:
        # The planner loads with the first plan made: the window is whole without it.
        from studyplanner.core.planning.planner import make_plan

        made = make_plan(request) if plan is None else plan
        plan_id = store.create_plan(name, request, made, now)
        return Outcome(Changed.PLANS | SCHEDULE | Changed.CARDS, plan_id)

    return Operation(f"Plan {request.roadmap.title}", work)


def import_roadmap(path: Path) -> Operation[Roadmap]:
    """Validate a roadmap file and keep it; a bad file raises and changes nothing."""

    def work(store: Store) -> Outcome[Roadmap]:
        return Outcome(Changed.ROADMAPS, store.import_roadmap(path))

    return Operation(f"Import {path.name}", work)


@dataclass
class EditSession(Undoable):
    """Mark, move, lock or annotate a session."""

    plan_id: int
    key: str
    before: SessionEdit
    after: SessionEdit
    title: str

    def do(self, store: Store) -> Changed:
        """Give the session its new state."""
        with store.write() as writes:
            writes.set_session(self.plan_id, self.key, self.after)
        return Changed.SESSIONS

    def undo(self, store: Store) -> Changed:
        """Give the session its old state back."""
        with store.write() as writes:
            writes.set_session(self.plan_id, self.key, self.before)
        return Changed.SESSIONS


@dataclass
class DeleteSession(Undoable):
    """Delete a session; undo puts it back whole, notes and place included."""

    plan_id: int
    key: str
    title: str
    stored: StoredSession | None = None

    def do(self, store: Store) -> Changed:
        """Delete it, keeping a copy."""
        with store.write() as writes:
            self.stored = writes.delete_session(self.plan_id, self.key)
        return Changed.SESSIONS

    def undo(self, store: Store) -> Changed:
        """Put the copy back."""
        assert self.stored is not None, "undone before it was done"
        with store.write() as writes:
            writes.restore_session(self.plan_id, self.stored)
        return Changed.SESSIONS


@dataclass
class ApplyPlan(Undoable):
    """Replace a plan's schedule with a re-plan; undo restores the schedule before it.

    ``worked_from`` is the schedule the re-plan was worked out from: if the plan no longer
    matches it (edited meanwhile, here or elsewhere), nothing is changed. Undo restores the
    plan's settings as stored, not the request the re-plan used, which carried that day's
    review forecast.
    """

    plan_id: int
    worked_from: Plan
    after: tuple[PlanRequest, Plan]
    title: str
    removed_notes: dict[str, str] = field(default_factory=dict)
    stored_settings: tuple[str, str] | None = None

    def do(self, store: Store) -> Changed:
        """Check the plan is as the re-plan found it, then apply the re-plan."""
        if store.plan_state(self.plan_id) != self.worked_from:
            raise PlanChangedError
        return self.redo(store)

    def redo(self, store: Store) -> Changed:
        """Apply the re-plan, keeping the notes of any session it removes."""
        with store.write() as writes:
            if self.stored_settings is None:
                self.stored_settings = writes.plan_settings(self.plan_id)
            self.removed_notes = writes.apply_plan(self.plan_id, *self.after)
        return SCHEDULE | Changed.PLANS

    def undo(self, store: Store) -> Changed:
        """Restore the schedule, the settings and the removed notes, in one transaction."""
        assert self.stored_settings is not None, "undone before it was done"
        with store.write() as writes:
            writes.apply_plan(self.plan_id, self.after[0], self.worked_from)
            writes.set_plan_settings(self.plan_id, *self.stored_settings)
            writes.restore_notes(self.plan_id, self.removed_notes)
        return SCHEDULE | Changed.PLANS


@dataclass
class SetStrictMastery(Undoable):
    """Hold each stage back until the one before it is mastered, or stop doing so."""

    plan_id: int
    strict: bool
    title: str = field(init=False)

    def __post_init__(self) -> None:
        self.title = "Turn On Strict Mastery" if self.strict else "Turn Off Strict Mastery"

    def do(self, store: Store) -> Changed:
        """Set it."""
        with store.write() as writes:
            writes.set_strict_mastery(self.plan_id, self.strict)
        return Changed.PLANS | Changed.SESSIONS

    def undo(self, store: Store) -> Changed:
        """Set it back."""
        with store.write() as writes:
            writes.set_strict_mastery(self.plan_id, not self.strict)
        return Changed.PLANS | Changed.SESSIONS


def session_change(
    plan_id: int, key: str, title: str, before: SessionEdit, after: SessionEdit
) -> EditSession | None:
    """The edit a session's dialog or a drag makes; None when it changes nothing.

    A moved session goes after the day's others; otherwise it keeps its place.
    """
    after = replace(after, seq=None if after.day != before.day else before.seq)
    if after == before:
        return None
    return EditSession(plan_id, key, before, after, describe_edit(title, before, after))


def describe_edit(title: str, before: SessionEdit, after: SessionEdit) -> str:
    """The Edit menu's words for a session edit."""
    if after.status != before.status:
        return f"Mark “{title}” {after.status.value}"
    if after.day != before.day:
        return f"Move “{title}” to {after.day:%d %B}"
    if after.locked != before.locked:
        return f"{'Lock' if after.locked else 'Unlock'} “{title}”"
    return f"Edit “{title}”"
