"""Operations on milestones: the learner's own ones, renewals, and mastery criteria."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from studyplanner.operations.base import Undoable
from studyplanner.operations.changes import Changed

if TYPE_CHECKING:
    from studyplanner.core.milestones.mastery import MasteryCriteria
    from studyplanner.storage.store import Store

# A plan's milestones show on its calendar and pages, as well as on the Milestones page.
MILESTONES = Changed.MILESTONES | Changed.SESSIONS


@dataclass
class SetMasteryRule(Undoable):
    """New mastery criteria for a roadmap ('') or a milestone; undo restores the old ones."""

    roadmap_id: str
    key: str
    before: MasteryCriteria | None
    after: MasteryCriteria | None
    title: str = "Change Mastery Criteria"

    def do(self, store: Store) -> Changed:
        """Keep the new criteria."""
        with store.write() as writes:
            writes.set_mastery_rule(self.roadmap_id, self.key, self.after)
        return MILESTONES

    def undo(self, store: Store) -> Changed:
        """Put the old ones back."""
        with store.write() as writes:
            writes.set_mastery_rule(self.roadmap_id, self.key, self.before)
        return MILESTONES


@dataclass
class AddOwnMilestone(Undoable):
    """A milestone of the learner's own (or a renewal); undo removes it, redo puts it back."""

    plan_id: int
    name: str
    day: date
    criteria: str
    renews: str = ""
    title: str = field(init=False)
    key: str | None = None

    def __post_init__(self) -> None:
        self.title = f"Add Milestone “{self.name}”"

    def do(self, store: Store) -> Changed:
        """Add it, with the same key when redone."""
        with store.write() as writes:
            self.key = writes.add_own_milestone(
                self.plan_id, self.name, self.day, self.criteria, self.key, self.renews
            )
        return MILESTONES

    def undo(self, store: Store) -> Changed:
        """Remove it."""
        assert self.key is not None, "undone before it was done"
        with store.write() as writes:
            writes.delete_own_milestone(self.plan_id, self.key)
        return MILESTONES


@dataclass
class MarkOwnMilestone(Undoable):
    """Mark a milestone of the learner's own reached, or not reached."""

    plan_id: int
    key: str
    reached: bool
    title: str = field(init=False)

    def __post_init__(self) -> None:
        self.title = "Mark Milestone Reached" if self.reached else "Mark Milestone Not Reached"

    def do(self, store: Store) -> Changed:
        """Apply the mark."""
        with store.write() as writes:
            writes.mark_own_milestone(self.plan_id, self.key, self.reached)
        return MILESTONES

    def undo(self, store: Store) -> Changed:
        """Take it back."""
        with store.write() as writes:
            writes.mark_own_milestone(self.plan_id, self.key, not self.reached)
        return MILESTONES


@dataclass
class DeleteOwnMilestone(Undoable):
    """Delete a milestone of the learner's own; undo restores it."""

    plan_id: int
    key: str
    name: str
    title: str = field(init=False)
    row: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.title = f"Delete Milestone “{self.name}”"

    def do(self, store: Store) -> Changed:
        """Delete, keeping a copy."""
        with store.write() as writes:
            self.row = writes.delete_own_milestone(self.plan_id, self.key)
        return MILESTONES

    def undo(self, store: Store) -> Changed:
        """Put the copy back."""
        with store.write() as writes:
            writes.restore_milestone(dict(self.row))
        return MILESTONES
