"""Operations on cards: add, edit, suspend, delete, reschedule, import, and quiz scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from studyplanner.operations.base import Operation, Outcome, Undoable
from studyplanner.operations.changes import Changed
from studyplanner.storage.queries.views import CardText

if TYPE_CHECKING:
    from collections.abc import Sequence

    from studyplanner.core.cards.quiz import QuizMode
    from studyplanner.interop.anki_text import ExchangeCard
    from studyplanner.storage.queries.views import NewCard, StoredCard
    from studyplanner.storage.store import Store

# Cards decide whether milestones are mastered, so a change to them is a change to those too.
CARDS = Changed.CARDS | Changed.MILESTONES


def plural(count: int, noun: str) -> str:
    """'1 Card', '2 Cards'."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


@dataclass
class AddCard(Undoable):
    """A new card; undo deletes it, redo puts the same card back."""

    card: NewCard
    now: datetime
    title: str = "Add Card"
    card_id: int | None = None
    stored: list[StoredCard] = field(default_factory=list)

    def do(self, store: Store) -> Changed:
        """Add the card."""
        with store.write() as writes:
            self.card_id = writes.add_card(self.card, self.now)
        return CARDS

    def redo(self, store: Store) -> Changed:
        """Put the same card back, with its id."""
        with store.write() as writes:
            writes.restore_cards(self.stored)
        return CARDS

    def undo(self, store: Store) -> Changed:
        """Remove the card again."""
        assert self.card_id is not None, "undone before it was done"
        with store.write() as writes:
            self.stored = writes.delete_cards([self.card_id])
        return CARDS


@dataclass
class EditCard(Undoable):
    """New text or tags on a card."""

    card_id: int
    before: CardText
    after: CardText
    title: str = "Edit Card"

    def do(self, store: Store) -> Changed:
        """Write the new text."""
        with store.write() as writes:
            writes.edit_card(self.card_id, self.after)
        return Changed.CARDS

    def undo(self, store: Store) -> Changed:
        """Write the old text back."""
        with store.write() as writes:
            writes.edit_card(self.card_id, self.before)
        return Changed.CARDS


@dataclass
class SuspendCards(Undoable):
    """Suspend cards, or bring suspended cards back."""

    card_ids: list[int]
    suspended: bool
    title: str = field(init=False)

    def __post_init__(self) -> None:
        verb = "Suspend" if self.suspended else "Unsuspend"
        self.title = f"{verb} {plural(len(self.card_ids), 'Card')}"

    def do(self, store: Store) -> Changed:
        """Apply the change."""
        with store.write() as writes:
            writes.set_suspended(self.card_ids, self.suspended)
        return CARDS

    def undo(self, store: Store) -> Changed:
        """Reverse it."""
        with store.write() as writes:
            writes.set_suspended(self.card_ids, not self.suspended)
        return CARDS


@dataclass
class DeleteCards(Undoable):
    """Delete cards with their review history; undo restores both."""

    card_ids: list[int]
    title: str = field(init=False)
    stored: list[StoredCard] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = f"Delete {plural(len(self.card_ids), 'Card')}"

    def do(self, store: Store) -> Changed:
        """Delete, keeping copies."""
        with store.write() as writes:
            self.stored = writes.delete_cards(self.card_ids)
        return CARDS

    def undo(self, store: Store) -> Changed:
        """Put the copies back."""
        with store.write() as writes:
            writes.restore_cards(self.stored)
        return CARDS


@dataclass
class RescheduleCards(Undoable):
    """New due times for cards (spreading a backlog); undo gives back the old ones."""

    after: dict[int, datetime]
    title: str
    before: dict[int, datetime] = field(default_factory=dict)

    def do(self, store: Store) -> Changed:
        """Move the cards, keeping their old due times."""
        self.before = store.reschedule_cards(self.after)
        return CARDS

    def redo(self, store: Store) -> Changed:
        """Move them again."""
        store.reschedule_cards(self.after)
        return CARDS

    def undo(self, store: Store) -> Changed:
        """Move them back."""
        store.reschedule_cards(self.before)
        return CARDS


@dataclass(frozen=True)
class Imported:
    """How many cards an import added, and the name of the deck they went into."""

    count: int
    deck: str


def import_cards(cards: Sequence[ExchangeCard], deck: str, now: datetime) -> Operation[Imported]:
    """Add cards read from a file to the deck ``deck`` names, all or none.

    The app and the command line both run it.
    """

    def work(store: Store) -> Outcome[Imported]:
        choice = store.deck_choice(deck)
        new = [choice.new_card(CardText(c.front, c.back, " ".join(c.tags))) for c in cards]
        with store.write() as writes:
            count = writes.add_cards(new, now)
        return Outcome(CARDS, Imported(count, choice.label))

    return Operation(f"Import cards into {deck}", work)


def save_quiz(
    mode: QuizMode, scores: dict[tuple[str, str], tuple[int, int]], now: datetime
) -> Operation[None]:
    """Keep a practice quiz's score by topic (quizzes count towards mastery)."""

    def work(store: Store) -> Outcome[None]:
        with store.write() as writes:
            writes.add_quiz_scores(mode.value, scores, now)
        return Outcome(Changed.MILESTONES, None)

    return Operation("Save the quiz score", work)
