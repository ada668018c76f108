"""Deck names parsed once for each roadmap text, and never taken from another text."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from studyplanner.core.cards.search import parse_search
from studyplanner.storage.queries.card_queries import SortKey
from studyplanner.storage.store import Store
from tests.conftest import NOW, make_cards_plan
from tests.roadmaps import CATALOGUE

BASICS = ["What is a list?", "What is a dict?", "What is a join?"]


def rename_stage(store: Store, old: str, new: str) -> None:
    with closing(sqlite3.connect(store.path)) as db, db:
        [(body,)] = db.execute("SELECT body FROM roadmap WHERE id = 'small'").fetchall()
        db.execute(
            "UPDATE roadmap SET body = ? WHERE id = 'small'",
            (body.replace(f'"title":"{old}"', f'"title":"{new}"'),),
        )


def fronts(store: Store, text: str) -> list[str]:
    ids = store.search_cards(parse_search(text), SortKey.CREATED, False, NOW)
    rows = store.card_rows(ids)
    return [rows[i].front for i in ids]


def deck_of(store: Store, front: str) -> str:
    ids = store.search_cards(parse_search(""), SortKey.CREATED, False, NOW)
    return next(row.deck for row in store.card_rows(ids).values() if row.front == front)


def test_two_texts_of_one_roadmap_each_give_their_own_names(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "first", CATALOGUE)
    second = Store.open(tmp_path / "second", CATALOGUE)
    try:
        make_cards_plan(first)
        make_cards_plan(second)
        rename_stage(second, "Basics", "Fundamentals")
        for _ in range(2):  # each store's text read after the other's, both ways round
            assert fronts(first, "deck:basics") == BASICS
            assert fronts(first, "deck:fundamentals") == []
            assert fronts(second, "deck:fundamentals") == BASICS
            assert fronts(second, "deck:basics") == []
            assert "Basics" in deck_of(first, "What is a join?")
            assert "Fundamentals" in deck_of(second, "What is a join?")
    finally:
        first.close()
        second.close()


def test_a_name_found_in_any_case_and_in_part(store: Store, cards_plan: int) -> None:
    assert fronts(store, "deck:BASICS") == BASICS
    assert fronts(store, "deck:asic") == BASICS
    rename_stage(store, "Basics", "Ünïcode Básics")
    assert fronts(store, "deck:básics") == BASICS  # lower case beyond ASCII, as before
