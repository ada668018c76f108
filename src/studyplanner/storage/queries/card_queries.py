"""The card browser's queries: a search turned into SQL, and rows read a page at a time."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from fsrs import State

from studyplanner.core.cards.search import NO_TAGS, CardSearch, Term
from studyplanner.storage.reviews.reviews import read_time, stored_time

DECK_SEPARATOR = " › "


class SortKey(StrEnum):
    """The columns the browser sorts by."""

    CREATED = "created"
    FRONT = "front"
    DECK = "deck"
    DUE = "due"


ORDER = {
    SortKey.CREATED: "id",
    SortKey.FRONT: "lower(front), id",
    SortKey.DECK: "roadmap_id, topic_id, deck, id",
    SortKey.DUE: "due, id",  # the due index sorts; new cards (no due date yet) come first
}


@dataclass(frozen=True)
class CardRow:
    """One card as the browser lists it."""

    id: int
    front: str
    back: str
    deck: str
    tags: str
    due: datetime | None
    state: str
    suspended: bool
    roadmap_id: str | None
    topic_id: str


def deck_names(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """Every roadmap topic's deck name: roadmap › stage or certification › topic."""
    names = {}
    for roadmap_id, body in conn.execute("SELECT id, body FROM roadmap"):
        roadmap = json.loads(body) if body else {}
        groups = [(s["title"], s.get("topics", [])) for s in roadmap.get("stages", [])]
        groups += [
            (c["title"], c.get("preparation", [])) for c in roadmap.get("certifications", [])
        ]
        for group, topics in groups:
            for topic in topics:
                names[(roadmap_id, topic["id"])] = DECK_SEPARATOR.join(
                    (roadmap.get("title", roadmap_id), group, topic["title"])
                )
    return names


def search_ids(
    conn: sqlite3.Connection,
    search: CardSearch,
    sort: SortKey,
    descending: bool,
    end_of_day: datetime,
) -> list[int]:
    """The ids of the matching cards, in order."""
    clauses: list[str] = []
    params: list[Any] = []
    names = deck_names(conn) if any(t.kind == "deck" for t in search.terms) else {}
    for term in search.terms:
        sql, values = _term_sql(term, names, end_of_day)
        clauses.append(f"NOT {sql}" if term.negated else sql)
        params += values
    where = " AND ".join(clauses) or "1"
    order = ORDER[sort]
    if search.terms:
        # With a filter, scanning the table and sorting the few matches beats walking an index
        # in sort order and looking up every card; a leading + keeps SQLite off the index.
        order = "+" + order
    if descending:
        order = ", ".join(f"{part} DESC" for part in order.split(", "))
    return [
        row[0]
        for row in conn.execute(f"SELECT id FROM card WHERE {where} ORDER BY {order}", params)
    ]


def _term_sql(
    term: Term, names: dict[tuple[str, str], str], end_of_day: datetime
) -> tuple[str, list[Any]]:
    pattern = f"%{_escape(term.value)}%"
    if term.kind == "word":
        return "(front LIKE ? ESCAPE '\\' OR back LIKE ? ESCAPE '\\')", [pattern, pattern]
    if term.kind == "tag" and term.value == NO_TAGS:
        return "(trim(tags, ' ') = '')", []
    if term.kind == "tag":
        return "(' ' || lower(tags) || ' ') LIKE ? ESCAPE '\\'", [f"% {_escape(term.value)} %"]
    if term.kind == "deck":
        pairs = [pair for pair, name in names.items() if term.value in name.lower()]
        sql = "(lower(deck) LIKE ? ESCAPE '\\'"
        if pairs:
            sql += f" OR (roadmap_id, topic_id) IN (VALUES {','.join(['(?, ?)'] * len(pairs))})"
        return sql + ")", [pattern, *(value for pair in pairs for value in pair)]
    flags: dict[str, tuple[str, list[Any]]] = {
        "due": ("(last_review IS NOT NULL AND due < ?)", [stored_time(end_of_day)]),
        "new": ("(last_review IS NULL)", []),
        "suspended": ("(suspended = 1)", []),
    }
    return flags[term.value]


def read_rows(
    conn: sqlite3.Connection, ids: list[int], names: dict[tuple[str, str], str]
) -> dict[int, CardRow]:
    """The browser's rows for these cards."""
    rows = conn.execute(
        "SELECT id, front, back, roadmap_id, topic_id, deck, tags, due, state, suspended, "
        f"last_review FROM card WHERE id IN ({','.join('?' * len(ids))})",
        ids,
    )
    found = {}
    for card_id, front, back, roadmap, topic, deck, tags, due, state, suspended, last in rows:
        found[card_id] = CardRow(
            card_id,
            front,
            back,
            deck or names.get((roadmap, topic), f"{roadmap}{DECK_SEPARATOR}{topic}"),
            tags,
            read_time(due) if last else None,
            "new" if last is None else State(state).name.lower(),
            bool(suspended),
            roadmap,
            topic,
        )
    return found


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
