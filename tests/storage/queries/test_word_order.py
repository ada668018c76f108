"""A search's words are tested rarest first, and find the same cards in any order."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from studyplanner.core.cards.search import parse_search
from studyplanner.storage.queries.card_queries import SortKey, search_ids
from studyplanner.storage.store import Store
from tests.conftest import NOW
from tests.storage.reviews.test_reviews import END_OF_DAY


def fronts(store: Store, text: str) -> list[str]:
    ids = store.search_cards(parse_search(text), SortKey.CREATED, False, NOW)
    rows = store.card_rows(ids)
    return [rows[i].front for i in ids]


def test_words_find_the_same_cards_in_any_order(store: Store, cards_plan: int) -> None:
    for words in (("what", "list"), ("what", "-list"), ("is", "a", "join"), ("what", "nowhere")):
        found = fronts(store, " ".join(words))
        assert found == fronts(store, " ".join(reversed(words)))
    assert fronts(store, "what list") == ["What is a list?"]
    assert fronts(store, "what -list") == ["What is a dict?", "What is a join?", "What is drift?"]
    assert fronts(store, "what nowhere") == []


def test_the_word_fewest_cards_hold_is_tested_first(store: Store, cards_plan: int) -> None:
    with closing(sqlite3.connect(store.path)) as conn:
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        search_ids(conn, parse_search("what is drift"), SortKey.CREATED, False, END_OF_DAY)
    search = statements[-1]
    assert search.startswith("SELECT json_group_array(id)")
    # Every card holds "what" and "is", one holds "drift": that one first; the others as typed.
    assert search.index("%drift%") < search.index("%what%") < search.index("%is%")
