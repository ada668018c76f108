"""Operations on cards: add, edit, suspend, delete, reschedule, import, and quiz scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from studyplanner.core.cards.decks import SUBDECK
from studyplanner.core.cards.media import media_names, with_media_renamed
from studyplanner.operations.base import Operation, Outcome, Undoable
from studyplanner.operations.changes import Changed
from studyplanner.storage.queries.views import CardText, DeckChoice

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from studyplanner.core.cards.decks import DeckScope
    from studyplanner.core.cards.quiz import QuizMode
    from studyplanner.interop.anki_text import CardFile, ExchangeCard
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
    """New text or tags on a card, changed at ``now``."""

    card_id: int
    before: CardText
    after: CardText
    now: datetime
    title: str = "Edit Card"
    _replaced: datetime | None = field(default=None, init=False)  # its last change before

    def do(self, store: Store) -> Changed:
        """Write the new text."""
        with store.write() as writes:
            _, self._replaced = writes.edit_card(self.card_id, self.after, self.now)
        return Changed.CARDS

    def redo(self, store: Store) -> Changed:
        """Write the new text again, changed when it first was."""
        with store.write() as writes:
            writes.edit_card(self.card_id, self.after, self.now)
        return Changed.CARDS

    def undo(self, store: Store) -> Changed:
        """Write the old text back, with the time of its own change."""
        with store.write() as writes:
            writes.edit_card(self.card_id, self.before, self._replaced)
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
    """What an import did, by note, and the name of the deck new cards went into."""

    added: int
    updated: int
    unchanged: int
    skipped: tuple[str, ...]
    deck: str

    def summary(self) -> str:
        """``3 added, 1 updated, 2 unchanged, 1 skipped``, leaving out what is none."""
        parts = [
            (self.added, "added"),
            (self.updated, "updated"),
            (self.unchanged, "unchanged"),
            (len(self.skipped), "skipped"),
        ]
        said = [f"{count} {what}" for count, what in parts if count]
        return ", ".join(said) or "no cards"


def import_cards(found: CardFile, deck: str, now: datetime) -> Operation[Imported]:
    """Add the cards of a file to the deck ``deck`` names, all or none; notes met before update.

    A note is known by its id: the GUID of a note imported before, or the id our export gave
    one of our cards. A known note's card keeps its place, review history and schedule; its
    text changes when the note's differs and is not older than the card's last change (a note
    whose file says no time counts as newer). The app and the command line both run it.
    """

    def work(store: Store) -> Outcome[Imported]:
        choice = store.deck_choice(deck)
        # A note that comes twice counts once, as its last copy; cards without an id all count.
        by_id: dict[str | int, ExchangeCard] = {c.guid or n: c for n, c in enumerate(found.cards)}
        incoming = list(by_id.values())
        place = _places(choice, [card.deck for card in incoming])
        known = store.cards_known_as([c.guid for c in incoming if c.guid])
        new: list[NewCard] = []
        updates: list[tuple[int, CardText, datetime]] = []
        unchanged = 0
        with store.write() as writes:
            # The pictures first: one whose name another picture holds here gets a new name,
            # and the cards that show it show it under that name.
            renames = writes.add_media(found.media, now) if found.media else {}
            for card in incoming:
                text = CardText(
                    with_media_renamed(card.front, renames),
                    with_media_renamed(card.back, renames),
                    " ".join(card.tags),
                )
                stored = known.get(card.guid) if card.guid else None
                if stored is None:  # a new card brings its schedule and answers, if it has them
                    new.append(
                        place(card.deck).new_card(
                            text,
                            guid=card.guid or None,
                            modified=card.modified,
                            state=card.state,
                            suspended=card.suspended,
                            history=card.history,
                        )
                    )
                elif _shown_alike(stored.text, text) or _older(card.modified, stored.changed):
                    unchanged += 1
                else:
                    updates.append((stored.id, text, card.modified or now))
            added = writes.add_cards(new, now)
            writes.set_card_texts(updates)
        imported = Imported(added, len(updates), unchanged, found.skipped, choice.label)
        return Outcome(CARDS, imported)

    return Operation(f"Import cards into {deck}", work)


def exchange_cards(store: Store, scope: DeckScope) -> list[ExchangeCard]:
    """A deck's cards as they travel to Anki (a read), each with its schedule and answers."""
    from studyplanner.interop.anki_text import ExchangeCard

    cards = store.deck_cards(scope)
    ids = [c.id for c in cards]
    histories, decks = store.card_histories(ids), store.card_decks_by_id(ids)
    return [
        ExchangeCard(
            c.text.front,
            c.text.back,
            tuple(c.text.tags.split()),
            c.guid,
            c.changed,
            c.state,
            c.suspended,
            histories.get(c.id, ()),
            decks.get(c.id, ()),
        )
        for c in cards
    ]


def _places(
    choice: DeckChoice, decks: list[tuple[str, ...]]
) -> Callable[[tuple[str, ...]], DeckChoice]:
    """Where each new card goes: the chosen deck, with the file's subdecks kept inside it.

    The decks the file's cards share (its top deck) become the chosen one; a card in a deck
    below them goes to the same deck below the chosen one (``German::Verbs`` of a package
    of German goes to ``Chosen::Verbs``). A roadmap topic holds no subdecks.
    """
    named = [parts for parts in decks if parts]
    if choice.roadmap_id is not None or not named:
        return lambda _parts: choice
    first, shared = named[0], 0
    while shared < len(first) and all(
        p[shared : shared + 1] == first[shared : shared + 1] for p in named
    ):
        shared += 1

    def place(parts: tuple[str, ...]) -> DeckChoice:
        below = parts[shared:] if parts[:shared] == first[:shared] else ()
        if not below:
            return choice
        name = SUBDECK.join((choice.deck, *below))
        return DeckChoice(SUBDECK.join((choice.label, *below)), deck=name)

    return place


def exchange_media(store: Store, cards: Iterable[ExchangeCard]) -> dict[str, bytes]:
    """The media files the pictures of these cards show (a read), by name."""
    return store.media({n for card in cards for n in media_names(f"{card.front}\n{card.back}")})


def _shown_alike(stored: CardText, incoming: CardText) -> bool:
    """The same text, or text that shows the same.

    Markdown back from Anki may write what it shows its own way (``**x**`` for ``__x__``);
    the learner's own way is kept.
    """
    if stored == incoming:
        return True
    if stored.tags != incoming.tags:
        return False
    from studyplanner.interop.markdown_html import markdown_to_html

    return all(
        markdown_to_html(ours) == markdown_to_html(theirs)
        for ours, theirs in ((stored.front, incoming.front), (stored.back, incoming.back))
    )


def _older(incoming: datetime | None, stored: datetime | None) -> bool:
    """Whether a note's copy is older than the card's own last change (so ours is kept)."""
    return incoming is not None and stored is not None and incoming < stored


def save_quiz(
    mode: QuizMode, scores: dict[tuple[str, str], tuple[int, int]], now: datetime
) -> Operation[None]:
    """Keep a practice quiz's score by topic (quizzes count towards mastery)."""

    def work(store: Store) -> Outcome[None]:
        with store.write() as writes:
            writes.add_quiz_scores(mode.value, scores, now)
        return Outcome(Changed.MILESTONES, None)

    return Operation("Save the quiz score", work)
