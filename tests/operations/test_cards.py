"""Card operations: an import goes to the deck its name means, in one transaction."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from studyplanner.core.cards.decks import DeckScope
from studyplanner.interop.anki_text import CardFile, ExchangeCard
from studyplanner.operations.cards import CARDS, EditCard, Imported, import_cards
from studyplanner.storage.queries.views import CardText
from studyplanner.storage.store import Store
from tests.conftest import NOW


def owners(store: Store, front: str) -> list[tuple[str | None, str, str, str]]:
    with closing(sqlite3.connect(store.path)) as conn:
        return conn.execute(
            "SELECT roadmap_id, topic_id, deck, tags FROM card WHERE front = ?", (front,)
        ).fetchall()


def test_an_import_goes_to_the_topic_its_deck_name_means(store: Store, cards_plan: int) -> None:
    [python] = [d for d in store.card_decks() if d.topic_id == "python"]
    cards = [ExchangeCard("What is a set?", "Unique items", ("basics", "python"))]
    outcome = import_cards(CardFile(cards), f"  {python.label.upper()} ", NOW).run(store)
    assert outcome.changed == CARDS
    assert outcome.value == Imported(1, 0, 0, (), python.label)
    assert owners(store, "What is a set?") == [("small", "python", "", "basics python")]


def test_an_import_into_a_new_name_makes_a_deck_of_its_own(store: Store) -> None:
    cards = [ExchangeCard(f"Q{n}", "A") for n in range(3)]
    outcome = import_cards(CardFile(cards), "Spanish   verbs", NOW).run(store)
    assert outcome.value == Imported(3, 0, 0, (), "Spanish verbs")
    assert owners(store, "Q2") == [(None, "", "Spanish verbs", "")]
    assert store.card_count() == 3


def test_a_note_met_again_updates_its_card_unless_the_copy_is_older(store: Store) -> None:
    first = datetime(2026, 2, 1, tzinfo=UTC)
    cards = [
        ExchangeCard("Q", "old answer", (), "note-1", first),
        ExchangeCard("R", "A", (), "note-2"),
    ]
    assert import_cards(CardFile(cards), "Mine", NOW).run(store).value == Imported(
        2, 0, 0, (), "Mine"
    )
    newer = ExchangeCard("Q", "new answer", ("fixed",), "note-1", first + timedelta(days=1))
    older = ExchangeCard("R", "stale", (), "note-2", first - timedelta(days=400))
    # The same note twice in one file counts once, as its last copy.
    again = CardFile([replace(newer, back="draft"), newer, older, ExchangeCard("S", "B")])
    assert import_cards(again, "Mine", NOW).run(store).value == Imported(1, 1, 1, (), "Mine")
    assert owners(store, "Q") == [(None, "", "Mine", "fixed")]
    with closing(sqlite3.connect(store.path)) as conn:
        backs = dict(conn.execute("SELECT front, back FROM card").fetchall())
    assert backs == {"Q": "new answer", "R": "A", "S": "B"}


def test_skipped_notes_are_reported_with_the_import(store: Store) -> None:
    found = CardFile([ExchangeCard("Q", "A")], ("note 2: its first field is empty",))
    imported = import_cards(found, "Mine", NOW).run(store).value
    assert imported.skipped == ("note 2: its first field is empty",)
    assert imported.summary() == "1 added, 1 skipped"


def test_an_edit_marks_the_card_changed_and_its_undo_puts_the_old_time_back(store: Store) -> None:
    import_cards(CardFile([ExchangeCard("Q", "A", (), "n1")]), "Mine", NOW).run(store)
    [card] = store.deck_cards(DeckScope(deck="Mine"))
    assert card.changed == NOW  # never edited: when it was made
    later = NOW + timedelta(hours=2)
    edit = EditCard(card.id, card.text, CardText("Q", "A, edited", ""), later)
    edit.do(store)
    assert store.deck_cards(DeckScope(deck="Mine"))[0].changed == later
    edit.undo(store)
    assert store.deck_cards(DeckScope(deck="Mine"))[0] == card
    edit.redo(store)
    assert store.deck_cards(DeckScope(deck="Mine"))[0].changed == later
