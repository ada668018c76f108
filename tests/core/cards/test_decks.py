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


def test_own_decks_nest_by_their_names_as_in_anki() -> None:
    counts = {
        ("", "German"): CardCounts(1, 0, 0),
        ("", "German::Verbs"): CardCounts(2, 1, 0),
        ("", "German::Verbs::Strong"): CardCounts(0, 0, 4),
        ("", "Maths::Algebra"): CardCounts(3, 0, 0),  # its parent holds no card itself
        ("", "Germany"): CardCounts(0, 0, 1),
    }
    german, germany, maths = deck_tree([], counts)
    assert (german.title, german.scope, german.counts) == (
        "German",
        DeckScope(deck="German"),
        CardCounts(3, 1, 4),
    )
    [verbs] = german.children
    assert (verbs.title, verbs.scope, verbs.counts) == (
        "Verbs",
        DeckScope(deck="German::Verbs"),
        CardCounts(2, 1, 4),
    )
    assert [(d.title, d.scope, d.counts) for d in verbs.children] == [
        ("Strong", DeckScope(deck="German::Verbs::Strong"), CardCounts(0, 0, 4))
    ]
    assert (germany.title, germany.children) == ("Germany", ())
    assert (maths.title, maths.counts, [d.title for d in maths.children]) == (
        "Maths",
        CardCounts(3, 0, 0),
        ["Algebra"],
    )
