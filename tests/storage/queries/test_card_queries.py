"""Browsing and editing cards: search, sort, rows, add, edit, suspend, delete and restore."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.ratings import Rating
from studyplanner.core.cards.scheduling import ReviewSettings, answer
from studyplanner.core.cards.search import parse_search
from studyplanner.storage.queries.card_queries import SortKey, search_ids
from studyplanner.storage.queries.views import CardText, KnownCard, NewCard
from studyplanner.storage.store import Store
from tests.conftest import NOW
from tests.storage.reviews.test_reviews import END_OF_DAY


def find(
    store: Store, text: str, sort: SortKey = SortKey.CREATED, descending: bool = False
) -> list[str]:
    ids = store.search_cards(parse_search(text), sort, descending, NOW)
    rows = store.card_rows(ids)
    return [rows[i].front for i in ids]


def test_searches_by_word_tag_deck_and_state(store: Store, cards_plan: int) -> None:
    assert find(store, "") == [
        "What is a list?",
        "What is a dict?",
        "What is a join?",
        "What is drift?",
    ]
    assert find(store, "MAPPING") == ["What is a dict?"]  # the back counts, any case
    assert find(store, "tag:python") == ["What is a list?"]
    assert find(store, "deck:sql") == ["What is a join?"]
    assert find(store, "deck:basics") == ["What is a list?", "What is a dict?", "What is a join?"]
    assert find(store, "is:new -deck:basics") == ["What is drift?"]
    assert find(store, "100%") == []  # % is a character here, not a wildcard


def test_tag_none_finds_untagged_cards_as_in_anki(store: Store, cards_plan: int) -> None:
    untagged = ["What is a dict?", "What is a join?", "What is drift?"]
    assert find(store, "tag:none") == untagged
    assert find(store, "-tag:none") == ["What is a list?"]
    # A tag named "none" is a tag like any other; only spaces are no tags at all.
    with store.write() as writes:
        writes.add_card(NewCard(CardText("Named none", "x", "None"), deck="Own"), NOW)
        writes.add_card(NewCard(CardText("Only spaces", "x", "   "), deck="Own"), NOW)
    assert find(store, "tag:none") == [*untagged, "Only spaces"]
    assert find(store, "-tag:none") == ["What is a list?", "Named none"]
    assert find(store, "tag:none deck:own") == ["Only spaces"]


def test_deck_and_tag_searches_match_deck_names_and_whole_tags(
    store: Store, cards_plan: int
) -> None:
    with store.write() as writes:
        writes.add_card(NewCard(CardText("Own basics", "x", "Python-Extra"), deck="My Basics"), NOW)
    roadmap = ["What is a list?", "What is a dict?", "What is a join?"]
    assert find(store, "deck:basics") == [*roadmap, "Own basics"]  # topics and own decks
    assert find(store, "-deck:basics") == ["What is drift?"]
    assert find(store, "deck:nowhere") == []
    assert len(find(store, "-deck:nowhere")) == 5
    assert find(store, "tag:PYTHON") == ["What is a list?"]  # any case; python-extra differs
    assert find(store, "tag:pyth") == []  # whole tags only
    assert find(store, "tag:python-extra") == ["Own basics"]
    assert find(store, "", descending=True) == [*reversed(find(store, ""))]
    for text in ("deck:basics", "tag:python", "tag:none", "deck:basics is:new"):
        # Other orders and is:new keep the deck and tag indexes out, with the same cards.
        assert sorted(find(store, text, SortKey.FRONT)) == sorted(find(store, text))
    # A roadmap given a new text is searched by its new names.
    db = sqlite3.connect(store.path)
    [(body,)] = db.execute("SELECT body FROM roadmap WHERE id = 'small'").fetchall()
    with db:
        db.execute(
            "UPDATE roadmap SET body = ? WHERE id = 'small'",
            (body.replace('"title":"Basics"', '"title":"Fundamentals"'),),
        )
    db.close()
    assert find(store, "deck:fundamentals") == roadmap
    assert find(store, "deck:basics") == ["Own basics"]


def test_deck_and_tag_searches_read_indexes_not_every_card(store: Store, cards_plan: int) -> None:
    conn = sqlite3.connect(store.path)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    plans = {}
    for text in ("deck:basics", "tag:python", "tag:none"):
        search_ids(conn, parse_search(text), SortKey.CREATED, False, END_OF_DAY)
        plan = conn.execute(f"EXPLAIN QUERY PLAN {statements[-1]}").fetchall()
        plans[text] = " ".join(row[3] for row in plan)
    conn.close()
    assert "ix_card_roadmap_topic (roadmap_id=? AND topic_id=?)" in plans["deck:basics"]
    assert "COVERING INDEX ix_card_tags" in plans["tag:python"]
    assert "ix_card_tags (tags<?)" in plans["tag:none"]


def test_rows_name_their_deck_and_state(store: Store, cards_plan: int) -> None:
    ids = store.search_cards(parse_search("drift"), SortKey.CREATED, False, NOW)
    [row] = store.card_rows(ids).values()
    assert (row.deck, row.state, row.due, row.suspended) == (
        "Small roadmap › On the job › MLOps",
        "new",
        None,
        False,
    )


def test_sorting(store: Store, cards_plan: int) -> None:
    fronts = find(store, "", SortKey.FRONT, descending=True)
    assert fronts == sorted(fronts, reverse=True)
    reviews = store.reviews()
    [card] = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    reviews.answer(
        card, Rating.Easy, answer(card.state, Rating.Easy, NOW, ReviewSettings()), NOW, None
    )
    reviews.close()
    assert find(store, "is:due") == []
    assert find(store, "-is:new", SortKey.DUE) == ["What is drift?"]
    assert find(store, "", SortKey.DUE)[-1] == "What is drift?"  # new cards, undated, come first


def test_own_cards_edit_suspend_delete_and_restore(store: Store, cards_plan: int) -> None:
    with store.write() as writes:
        own = writes.add_card(
            NewCard(CardText("Capital of **France**?", "Paris", "geo"), deck="Geography"), NOW
        )
    assert find(store, "deck:geography") == ["Capital of **France**?"]
    [_, geography] = store.decks(NOW)
    assert (geography.title, geography.counts.new) == ("Geography", 1)
    assert store.deck_cards(geography.scope) == [
        KnownCard(
            own,
            CardText("Capital of **France**?", "Paris", "geo"),
            f"Geography/{geography_key(store)}",
            NOW,
        )
    ]
    later = NOW + timedelta(hours=1)
    with store.write() as writes:
        before = writes.edit_card(own, CardText("Capital of France?", "Paris", "geo europe"), later)
    assert before == (CardText("Capital of **France**?", "Paris", "geo"), None)
    assert store.deck_cards(geography.scope)[0].changed == later
    assert find(store, "tag:europe") == ["Capital of France?"]
    with store.write() as writes:
        writes.set_suspended([own], True)
    assert find(store, "is:suspended") == ["Capital of France?"]
    reviews = store.reviews()
    assert all(c.id != own for c in reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new)
    reviews.close()
    with store.write() as writes:
        writes.set_suspended([own], False)

    [drift] = store.search_cards(parse_search("drift"), SortKey.CREATED, False, NOW)
    reviews = store.reviews()
    card = next(
        c for c in reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new if c.id == drift
    )
    reviews.answer(
        card, Rating.Good, answer(card.state, Rating.Good, NOW, ReviewSettings()), NOW, 3000
    )
    reviews.close()
    with store.write() as writes:
        stored = writes.delete_cards([drift, own])
    assert find(store, "") == ["What is a list?", "What is a dict?", "What is a join?"]
    db = sqlite3.connect(store.path)
    assert db.execute("SELECT count(*) FROM review").fetchone() == (0,)
    with store.write() as writes:
        writes.restore_cards(stored)
    assert sorted(find(store, "")) == sorted(
        [
            "What is a list?",
            "What is a dict?",
            "What is a join?",
            "What is drift?",
            "Capital of France?",
        ]
    )
    assert db.execute("SELECT card_id, rating, duration_ms FROM review").fetchall() == [
        (drift, 3, 3000)
    ]
    assert store.card_rows([drift])[drift].state == "learning"
    created = db.execute("SELECT created_at FROM card WHERE id = ?", (own,)).fetchone()[0]
    assert datetime.fromisoformat(created).replace(tzinfo=UTC) == NOW


def geography_key(store: Store) -> str:
    return str(
        sqlite3.connect(store.path).execute("SELECT key FROM card WHERE deck != ''").fetchone()[0]
    )


def test_quiz_cards_and_scores(store: Store, cards_plan: int) -> None:
    from studyplanner.core.cards.decks import DeckScope
    from studyplanner.core.cards.quiz import QuizMode

    asked, pool = store.quiz_cards(DeckScope("small", frozenset({"python"})))
    assert [(c.front, c.topic, c.roadmap_id) for c in asked] == [
        ("What is a list?", "python", "small"),
        ("What is a dict?", "python", "small"),
    ]
    assert len(pool) == 4  # the whole roadmap gives the wrong answers
    with store.write() as writes:
        writes.add_card(NewCard(CardText("Capital?", "Paris"), deck="Geography"), NOW)
        writes.add_quiz_scores(
            QuizMode.CHOICE.value, {("small", "python"): (1, 2), ("", "Geography"): (1, 1)}, NOW
        )
    later = NOW.replace(hour=11)
    with store.write() as writes:
        writes.add_quiz_scores(QuizMode.TYPED.value, {("small", "python"): (2, 2)}, later)
    scores = store.quiz_scores()
    assert {key: (s.right, s.total, s.taken_at) for key, s in scores.items()} == {
        ("small", "python"): (2, 2, later),
        ("", "Geography"): (1, 1, NOW),
    }
    assert scores[("small", "python")].fraction == 1.0
