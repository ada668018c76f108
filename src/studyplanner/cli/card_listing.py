"""``studyplanner-cli cards list``: every card with its schedule, as a table or as JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from studyplanner.cli import arguments
from studyplanner.cli.failures import open_store
from studyplanner.core.cards.decks import Deck, DeckScope
from studyplanner.storage.queries.views import ListedCard
from studyplanner.storage.store import Store

EXIT_OK, EXIT_INVALID = 0, 2
COLUMNS = ("id", "deck", "guid", "state", "due", "stability", "difficulty", "reps", "lapses")


def list_cards(deck: str | None, as_json: bool, data_dir: Path, now: datetime) -> int:
    """Print the cards of a deck (all of them without one); exit 2 for a deck not found."""
    store = open_store(data_dir, create=False)
    try:
        scope = DeckScope() if deck is None else deck_scope(store, deck, now)
        if scope is None:
            known = ", ".join(arguments.escaped(name) for name, _ in deck_paths(store.decks(now)))
            print(
                f"studyplanner-cli: no deck is named {arguments.escaped(deck or '')}; "
                f"the decks are: {known or 'none yet'}",
                file=sys.stderr,
            )
            return EXIT_INVALID
        cards = store.card_listing(scope)
    finally:
        store.close()
    if as_json:
        print(json.dumps([card_json(card) for card in cards], ensure_ascii=False, indent=1))
    else:
        names = (*COLUMNS, "suspended")
        print("\t".join(names))
        for card in cards:
            values = card_json(card)
            print("\t".join(_cell(values[name]) for name in names))
    return EXIT_OK


def _cell(value: object) -> str:
    """A value in a tab-separated line: no tab, line break or control code of its own."""
    return "" if value is None else arguments.escaped(str(value)).replace("\t", " ")


def card_json(card: ListedCard) -> dict[str, object]:
    """A card's fields by name; times in ISO 8601, UTC."""
    return {
        "id": card.id,
        "deck": card.deck,
        "guid": card.guid,
        "state": card.state,
        "due": None if card.due is None else card.due.isoformat(),
        "stability": card.stability,
        "difficulty": card.difficulty,
        "reps": card.reps,
        "lapses": card.lapses,
        "suspended": card.suspended,
    }


def deck_scope(store: Store, name: str, now: datetime) -> DeckScope | None:
    """The deck of the tree whose full name is ``name`` (case and separators aside)."""
    wanted = _normal(name)
    return next(
        (scope for path, scope in deck_paths(store.decks(now)) if _normal(path) == wanted), None
    )


def deck_paths(decks: tuple[Deck, ...], parent: str = "") -> Iterator[tuple[str, DeckScope]]:
    """Every deck of the tree with its full name, ``Roadmap › Stage › Topic``."""
    for deck in decks:
        path = f"{parent} › {deck.title}" if parent else deck.title
        yield path, deck.scope
        yield from deck_paths(deck.children, path)


def _normal(name: str) -> str:
    """A deck name compared loosely: Anki's ``::`` or ``›`` between parts, any spacing, any case."""
    parts = name.replace("::", "›").split("›")
    return "›".join(" ".join(part.split()).casefold() for part in parts)
