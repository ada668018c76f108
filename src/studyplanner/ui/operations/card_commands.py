"""Undoable card edits (add, edit, suspend, delete, reschedule) and milestone changes."""

from __future__ import annotations

from datetime import date, datetime

from studyplanner.core.milestones.mastery import MasteryCriteria
from studyplanner.storage.queries.views import CardText, NewCard, StoredCard
from studyplanner.ui.operations.plan_commands import CardContext, StoreCommand


class AddCard(StoreCommand):
    """A new card; undo deletes it, redo puts the same card back."""

    def __init__(self, context: CardContext, card: NewCard, now: datetime) -> None:
        super().__init__(context, "Add Card")
        self.card, self.now = card, now
        self.card_id: int | None = None
        self._stored: list[StoredCard] = []

    def redo(self) -> None:
        """Add the card (the first time) or restore it."""
        store = self.context.store
        if self._stored:
            self._run(lambda: store.restore_cards(self._stored))
        else:
            self._run(lambda: setattr(self, "card_id", store.add_card(self.card, self.now)))

    def undo(self) -> None:
        """Remove the card again."""
        if self.card_id is not None:
            card_id = self.card_id
            self._run(lambda: setattr(self, "_stored", self.context.store.delete_cards([card_id])))


class EditCard(StoreCommand):
    """New text or tags on a card."""

    def __init__(
        self, context: CardContext, card_id: int, before: CardText, after: CardText
    ) -> None:
        super().__init__(context, "Edit Card")
        self.card_id, self.before, self.after = card_id, before, after

    def redo(self) -> None:
        """Write the new text."""
        self._run(lambda: self.context.store.edit_card(self.card_id, self.after))

    def undo(self) -> None:
        """Write the old text back."""
        self._run(lambda: self.context.store.edit_card(self.card_id, self.before))


class SuspendCards(StoreCommand):
    """Suspend cards, or bring suspended cards back."""

    def __init__(self, context: CardContext, card_ids: list[int], suspended: bool) -> None:
        count = f"{len(card_ids)} Card{'s' if len(card_ids) != 1 else ''}"
        super().__init__(context, f"{'Suspend' if suspended else 'Unsuspend'} {count}")
        self.card_ids, self.suspended = card_ids, suspended

    def redo(self) -> None:
        """Apply the change."""
        self._run(lambda: self.context.store.suspend_cards(self.card_ids, self.suspended))

    def undo(self) -> None:
        """Reverse it."""
        self._run(lambda: self.context.store.suspend_cards(self.card_ids, not self.suspended))


class DeleteCards(StoreCommand):
    """Delete cards with their review history; undo restores both."""

    def __init__(self, context: CardContext, card_ids: list[int]) -> None:
        super().__init__(context, f"Delete {len(card_ids)} Card{'s' if len(card_ids) != 1 else ''}")
        self.card_ids = card_ids
        self._stored: list[StoredCard] = []

    def redo(self) -> None:
        """Delete, keeping copies."""
        self._run(lambda: setattr(self, "_stored", self.context.store.delete_cards(self.card_ids)))

    def undo(self) -> None:
        """Put the copies back."""
        self._run(lambda: self.context.store.restore_cards(self._stored))


class RescheduleCards(StoreCommand):
    """New due times for cards (spreading a backlog); undo gives back the old ones."""

    def __init__(
        self,
        context: CardContext,
        after: dict[int, datetime],
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.after = after
        self.before: dict[int, datetime] = {}

    def redo(self) -> None:
        """Move the cards."""
        self._run(lambda: setattr(self, "before", self.context.store.reschedule_cards(self.after)))

    def undo(self) -> None:
        """Move them back."""
        self._run(lambda: self.context.store.reschedule_cards(self.before))


class SetMasteryRule(StoreCommand):
    """New mastery criteria for a roadmap ('') or a milestone; undo restores the old ones."""

    def __init__(
        self,
        context: CardContext,
        roadmap_id: str,
        key: str,
        before: MasteryCriteria | None,
        after: MasteryCriteria | None,
    ) -> None:
        super().__init__(context, "Change Mastery Criteria")
        self.roadmap_id, self.key, self.before, self.after = roadmap_id, key, before, after

    def redo(self) -> None:
        """Keep the new criteria."""
        self._run(
            lambda: self.context.store.set_mastery_rule(self.roadmap_id, self.key, self.after)
        )

    def undo(self) -> None:
        """Put the old ones back."""
        self._run(
            lambda: self.context.store.set_mastery_rule(self.roadmap_id, self.key, self.before)
        )


class AddOwnMilestone(StoreCommand):
    """A milestone of the learner's own; undo removes it, redo puts the same one back."""

    def __init__(
        self,
        context: CardContext,
        plan_id: int,
        title: str,
        day: date,
        criteria: str,
        renews: str = "",
    ) -> None:
        super().__init__(context, f"Add Milestone “{title}”")
        self.plan_id, self.title, self.day, self.criteria = plan_id, title, day, criteria
        self.renews = renews
        self.key: str | None = None

    def redo(self) -> None:
        """Add it (with the same key when redone)."""
        store = self.context.store
        self._run(
            lambda: setattr(
                self,
                "key",
                store.add_own_milestone(
                    self.plan_id, self.title, self.day, self.criteria, self.key
                ),
            )
        )

    def undo(self) -> None:
        """Remove it."""
        if self.key is not None:
            key = self.key
            self._run(lambda: self.context.store.delete_own_milestone(self.plan_id, key))


class MarkOwnMilestone(StoreCommand):
    """Mark a milestone of the learner's own reached, or not reached."""

    def __init__(self, context: CardContext, plan_id: int, key: str, reached: bool) -> None:
        super().__init__(
            context, "Mark Milestone Reached" if reached else "Mark Milestone Not Reached"
        )
        self.plan_id, self.key, self.reached = plan_id, key, reached

    def redo(self) -> None:
        """Apply the mark."""
        self._run(
            lambda: self.context.store.mark_own_milestone(self.plan_id, self.key, self.reached)
        )

    def undo(self) -> None:
        """Take it back."""
        self._run(
            lambda: self.context.store.mark_own_milestone(self.plan_id, self.key, not self.reached)
        )


class DeleteOwnMilestone(StoreCommand):
    """Delete a milestone of the learner's own; undo restores it."""

    def __init__(self, context: CardContext, plan_id: int, key: str, title: str) -> None:
        super().__init__(context, f"Delete Milestone “{title}”")
        self.plan_id, self.key = plan_id, key
        self.row: dict[str, object] = {}

    def redo(self) -> None:
        """Delete, keeping a copy."""
        self._run(
            lambda: setattr(
                self, "row", self.context.store.delete_own_milestone(self.plan_id, self.key)
            )
        )

    def undo(self) -> None:
        """Put the copy back."""
        self._run(lambda: self.context.store.restore_milestone(dict(self.row)))
