"""The card browser's queries: a search turned into SQL, and rows read a page at a time."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from studyplanner.core.cards.ratings import State
from studyplanner.core.cards.search import NO_TAGS, CardSearch, Term
from studyplanner.storage.reviews.stored import read_time, stored_time

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
    names: dict[tuple[str, str], str] = {}
    for roadmap in _roadmap_decks(conn):
        names.update(roadmap.names)
    return names


def deck_parts(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str, str]]:
    """Every roadmap topic's deck name in its parts: roadmap, stage or certification, topic."""
    parts: dict[tuple[str, str], tuple[str, str, str]] = {}
    for roadmap in _roadmap_decks(conn):
        parts.update(roadmap.parts)
    return parts


@dataclass(frozen=True)
class _RoadmapDecks:
    """One roadmap's deck names, whole and in parts, and in lower case for deck: terms."""

    roadmap_id: str
    parts: Mapping[tuple[str, str], tuple[str, str, str]]
    names: Mapping[tuple[str, str], str]
    lowered: tuple[tuple[str, str], ...]  # (topic, name in lower case)


# Each roadmap's deck names with the text they were parsed from: a roadmap's text is parsed
# once for each text it has had. Looked up by id and compared whole: hashing a roadmap's
# text for every search would cost more than the comparison.
_parsed: dict[str, tuple[str, _RoadmapDecks]] = {}
_PARSED_MAX = 64


def _roadmap_decks(conn: sqlite3.Connection) -> list[_RoadmapDecks]:
    found = []
    for roadmap_id, body in conn.execute("SELECT id, body FROM roadmap"):
        text = body or ""
        cached = _parsed.get(roadmap_id)
        if cached is None or cached[0] != text:
            if len(_parsed) >= _PARSED_MAX:
                _parsed.clear()
            cached = _parsed[roadmap_id] = (text, _parse_decks(roadmap_id, text))
        found.append(cached[1])
    return found


def _parse_decks(roadmap_id: str, body: str) -> _RoadmapDecks:
    roadmap = json.loads(body) if body else {}
    groups = [(s["title"], s.get("topics", [])) for s in roadmap.get("stages", [])]
    groups += [(c["title"], c.get("preparation", [])) for c in roadmap.get("certifications", [])]
    # As core/cards/decks.topic_decks names a Roadmap's (a topic in a certification's
    # preparation too is named by the certification), here from the stored text alone.
    title = roadmap.get("title", roadmap_id)
    parts = {
        (roadmap_id, topic["id"]): (title, group, topic["title"])
        for group, topics in groups
        for topic in topics
    }
    names = {key: DECK_SEPARATOR.join(name) for key, name in parts.items()}
    lowered = tuple((topic, name.lower()) for (_roadmap, topic), name in names.items())
    return _RoadmapDecks(roadmap_id, MappingProxyType(parts), MappingProxyType(names), lowered)


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
    # The deck and tags indexes hold the id, so in the browser's order by creation they find
    # the cards without reading them. Other orders read every match anyway (a scan is then
    # cheaper than a lookup per card), and is:due and is:new have their own, usually narrower
    # indexes; there a deck: term, which may cover every card, is tested card by card.
    indexed = sort == SortKey.CREATED and not any(
        t.kind == "is" and t.value in ("due", "new") and not t.negated for t in search.terms
    )
    decks = _Decks.read(conn) if any(t.kind == "deck" for t in search.terms) else _Decks()
    tests: list[tuple[str, list[Any]]] = []
    words: list[tuple[str, list[Any]]] = []
    for term in search.terms:
        sql, values = _term_sql(term, decks, end_of_day, "" if indexed else "+")
        (words if term.kind == "word" else tests).append(
            (f"NOT {sql}" if term.negated else sql, values)
        )
    for sql, values in [*tests, *_fewest_matches_first(conn, words)]:
        clauses.append(sql)
        params += values
    where = " AND ".join(clauses) or "1"
    if sort == SortKey.CREATED:
        # One JSON array of ids, sorted here: reading many one-number rows costs more. Without
        # a filter the table is read in id order, so the sort finds it sorted already.
        source = "card" if search.terms else "card NOT INDEXED"
        (found,) = conn.execute(
            f"SELECT json_group_array(id) FROM {source} WHERE {where}", params
        ).fetchone()
        ids: list[int] = json.loads(found)
        ids.sort(reverse=descending)  # in place: the list is ours, a copy would cost more
        return ids
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


# The cards a word's matches are counted on, to test the rarest word first.
SAMPLE = 256


def _fewest_matches_first(
    conn: sqlite3.Connection, words: list[tuple[str, list[Any]]]
) -> list[tuple[str, list[Any]]]:
    """Word tests, the one that matches fewest of a sample of cards first.

    SQLite tests a card's words in the order written and stops at the first that fails, and
    each is two LIKEs over the card's text: with a word every card holds written first, every
    card is tested for every word.
    """
    if len(words) < 2:
        return words
    counts = [
        conn.execute(
            f"SELECT count(*) FROM (SELECT front, back FROM card LIMIT {SAMPLE}) WHERE {sql}",
            values,
        ).fetchone()[0]
        for sql, values in words
    ]
    return [words[n] for n in sorted(range(len(words)), key=counts.__getitem__)]


@dataclass(frozen=True)
class _Decks:
    """The names a deck: term is matched against: roadmap topics' and the learner's decks."""

    roadmaps: tuple[_RoadmapDecks, ...] = ()
    own: tuple[str, ...] = ()

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> _Decks:
        # > rather than !=: a range of the deck index, past the roadmap cards' empty decks.
        own = conn.execute("SELECT DISTINCT deck FROM card WHERE deck > ''").fetchall()
        return cls(tuple(_roadmap_decks(conn)), tuple(deck for (deck,) in own))


def _term_sql(term: Term, decks: _Decks, end_of_day: datetime, off: str) -> tuple[str, list[Any]]:
    """A term's SQL; ``off`` is "+" to keep SQLite off the deck and tags indexes (unary +)."""
    if term.kind == "word":
        pattern = f"%{_escape(term.value)}%"
        return "(front LIKE ? ESCAPE '\\' OR back LIKE ? ESCAPE '\\')", [pattern, pattern]
    if term.kind == "tag" and term.value == NO_TAGS:
        # Only empty or all-space tags sort before "!": a range of the tags index.
        return f"({off}tags < '!' AND trim(tags, ' ') = '')", []
    if term.kind == "tag":
        # LIKE ignores ASCII case, as lower() does. The first, quick test rules out most cards;
        # the second finds the whole tag.
        tag = _escape(term.value)
        return (
            "(tags LIKE ? ESCAPE '\\' AND (' ' || tags || ' ') LIKE ? ESCAPE '\\')",
            [f"%{tag}%", f"% {tag} %"],
        )
    if term.kind == "deck":
        return _deck_sql(term.value, decks, off)
    flags: dict[str, tuple[str, list[Any]]] = {
        "due": ("(last_review IS NOT NULL AND due < ?)", [stored_time(end_of_day)]),
        "new": ("(last_review IS NULL)", []),
        "suspended": ("(suspended = 1)", []),
    }
    return flags[term.value]


def _deck_sql(text: str, decks: _Decks, off: str) -> tuple[str, list[Any]]:
    """The cards of every deck whose name holds ``text``, by deck and by roadmap topic."""
    parts: list[str] = []
    values: list[Any] = []
    own = [deck for deck in decks.own if text in deck.lower()]
    if own:
        parts.append(f"{off}deck IN ({','.join('?' * len(own))})")
        values += own
    for roadmap in sorted(decks.roadmaps, key=lambda r: r.roadmap_id):
        ids = [topic for topic, name in roadmap.lowered if text in name]
        if ids:
            marks = ",".join("?" * len(ids))
            parts.append(f"({off}roadmap_id = ? AND {off}topic_id IN ({marks}))")
            values += [roadmap.roadmap_id, *ids]
    return f"({' OR '.join(parts) or '0'})", values


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
