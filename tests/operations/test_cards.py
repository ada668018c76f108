"""Card operations: an import goes to the deck its name means, in one transaction."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from studyplanner.interop.anki_text import CardFile, ExchangeCard
from studyplanner.operations.cards import CARDS, Imported, import_cards
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
