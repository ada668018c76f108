"""The deck tree: roadmap, stage or certification, topic, with summed counts."""

from __future__ import annotations

from studyplanner.core.cards.decks import Deck, DeckScope, deck_tree
from studyplanner.core.cards.queue import CardCounts
from studyplanner.core.roadmap.model import Roadmap


def test_decks_follow_the_roadmap_and_sum_their_counts(small_roadmap: Roadmap) -> None:
    counts = {
        ("small", "python"): CardCounts(2, 1, 0),
        ("small", "cert-prep"): CardCounts(0, 0, 4),
        ("small", "imported"): CardCounts(1, 0, 0),
        ("other", "x"): CardCounts(5, 0, 0),  # a roadmap not listed has no deck
        ("", "Geography"): CardCounts(2, 0, 1),  # a deck of the learner's own
    }
    deck, own = deck_tree([small_roadmap], counts)
    assert own == Deck("Geography", DeckScope(deck="Geography"), CardCounts(2, 0, 1))
    assert (deck.title, deck.scope, deck.counts) == (
        "Small roadmap",
        DeckScope("small"),
        CardCounts(3, 1, 4),
    )
    basics, cert, other = deck.children
    assert basics == Deck(
        "Basics",
        DeckScope("small", frozenset({"python", "sql"})),
        CardCounts(2, 1, 0),
        (Deck("Python", DeckScope("small", frozenset({"python"})), CardCounts(2, 1, 0)),),
    )
    assert (cert.title, cert.counts, [t.title for t in cert.children]) == (
        "A certificate",
        CardCounts(0, 0, 4),
        ["Exam practice"],
    )
    assert (other.title, other.scope) == ("imported", DeckScope("small", frozenset({"imported"})))


def test_a_roadmap_without_cards_has_no_deck(small_roadmap: Roadmap) -> None:
    assert deck_tree([small_roadmap], {}) == ()
