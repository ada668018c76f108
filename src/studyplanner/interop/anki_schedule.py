"""The schedules of an Anki package's cards, read and written: state, due, memory, answers.

Read from the collection the package reader has opened and checked (see apkg.py), with an
authoriser of its own that lets the queries read the plain columns named here and nothing
else. A collection without them (genanki's, say, or an old one) gives no schedule: its cards
arrive new. Values are taken only where they are sane; anything else leaves that card new.
Written into the collection genanki builds for an export, as Anki's importer reads them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from studyplanner.core.cards.history import PastReview
from studyplanner.core.cards.learner_day import learner_day
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState, ReviewSettings, answer
from studyplanner.interop.anki_collection import has_columns, reading_only

if TYPE_CHECKING:
    from studyplanner.interop.anki_text import ExchangeCard

COLUMNS = {
    "cards": ("id", "nid", "ord", "type", "queue", "due", "ivl", "left", "data"),
    "revlog": ("id", "cid", "ease", "time", "type"),
    "col": ("crt",),
}
DECK = {"cards": ("did",)}
# Anki's card types and queues.
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
SUSPENDED = -1
# Its review log's kinds: learning, review, relearning, filtered (cramming or early); manual
# and rescheduling entries (4, 5) carry no answer.
LOGGED = {0: "learning", 1: "review", 2: "relearning", 3: "review"}
ANKI_KIND = {"new": 0, "learning": 0, "review": 1, "relearning": 2}
LEARNING_STEPS = 2  # Anki's and FSRS's default learning steps (1 and 10 minutes)
MAX_REVIEWS = 5_000_000
MAX_SECONDS = 253_402_300_799  # the end of the year 9999
MAX_STABILITY = 1_000_000.0
MAX_ORDINAL = 1_000  # a card's template, or its cloze deletion's number less one


def read_schedules(
    conn: sqlite3.Connection, note_ids: Iterable[int]
) -> dict[int, list[tuple[int, Scheduled]]]:
    """Each note's cards as (ordinal, schedule) in order, by note id; empty where none is kept."""
    if not has_columns(conn, COLUMNS):
        return {}
    deck = "did" if has_columns(conn, DECK) else "NULL"  # which deck it is in, where kept
    with reading_only(conn, {**COLUMNS, "cards": (*COLUMNS["cards"], *DECK["cards"])}):
        wanted = set(note_ids)
        crt_row = conn.execute("SELECT crt FROM col LIMIT 1").fetchone()
        crt = crt_row[0] if crt_row and isinstance(crt_row[0], int) else None
        cards: dict[int, list[tuple[int, int, object, tuple[object, ...]]]] = {}
        for row in conn.execute(
            f"SELECT id, nid, ord, {deck}, type, queue, due, ivl, left, data FROM cards "
            "ORDER BY nid, ord"
        ):
            card_id, note_id, ordinal, deck_id = row[0], row[1], row[2], row[3]
            if note_id not in wanted or not isinstance(card_id, int):
                continue
            if isinstance(ordinal, int) and 0 <= ordinal < MAX_ORDINAL:
                cards.setdefault(note_id, []).append((ordinal, card_id, deck_id, row[4:]))
        history = _history(conn, {card_id for found in cards.values() for _, card_id, *_ in found})
    return {
        note_id: [
            (
                ordinal,
                replace(
                    _scheduled(fields, history.get(card_id, ()), crt),
                    deck_id=deck_id if isinstance(deck_id, int) else None,
                ),
            )
            for ordinal, card_id, deck_id, fields in found
        ]
        for note_id, found in cards.items()
    }


@dataclass(frozen=True, slots=True)
class Scheduled:
    """A card as Anki left it; the state is None for a new card."""

    state: CardState | None
    suspended: bool
    history: tuple[PastReview, ...]
    deck_id: int | None = None  # the Anki deck it is in


def write_schedules(conn: sqlite3.Connection, cards: Iterable[ExchangeCard], now: datetime) -> None:
    """Give each note's card in a collection genanki wrote its card's schedule and answers.

    Written as Anki keeps them: a review's due day counted from the collection's creation in
    review days of ``now``'s zone (Anki's importer moves it to its own day count), a learning
    step's due time in seconds, FSRS's memory in ``data``, and the answers in the review log.
    """
    zone = now.tzinfo or UTC
    (crt, conf) = conn.execute("SELECT crt, conf FROM col").fetchone()
    # Without it Anki takes the log for its first scheduler's and moves learning answers up a
    # button (its Good in learning was 2 there).
    conn.execute("UPDATE col SET conf = ?", (json.dumps({**json.loads(conf), "schedVer": 2}),))
    created = learner_day(datetime.fromtimestamp(crt, UTC), zone)
    card_ids = dict(conn.execute("SELECT n.guid, c.id FROM notes n JOIN cards c ON c.nid = n.id"))
    used: set[int] = set()
    for card in cards:
        card_id = card_ids.get(card.guid)
        if card_id is None or (card.state is None and not card.suspended and not card.history):
            continue
        kind, queue, due, interval, left = _anki_card(card.state, created, zone)
        lapses = sum(1 for p in card.history if p.rating == Rating.Again and p.kind == "review")
        conn.execute(
            "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, reps = ?, lapses = ?, "
            "left = ?, data = ? WHERE id = ?",
            (
                kind,
                SUSPENDED if card.suspended else queue,
                due,
                interval,
                len(card.history),
                lapses,
                left,
                _data(card.state),
                card_id,
            ),
        )
        for past in card.history:
            log_id = int(past.at.timestamp() * 1000)
            while log_id in used:  # the log's id is its time in ms, and must be unique
                log_id += 1
            used.add(log_id)
            conn.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                "VALUES (?, ?, -1, ?, 0, 0, 0, ?, ?)",
                (log_id, card_id, int(past.rating), past.duration_ms or 0, ANKI_KIND[past.kind]),
            )


def _anki_card(
    state: CardState | None, created: date, zone: tzinfo
) -> tuple[int, int, int, int, int]:
    """Anki's type, queue, due, interval and steps left for a card in this state."""
    if state is None or state.is_new or state.due is None or state.last_review is None:
        return NEW, NEW, 0, 0, 0
    if state.state == State.Review:
        due_day = learner_day(state.due, zone)
        interval = (due_day - learner_day(state.last_review, zone)).days
        return REVIEW, REVIEW, (due_day - created).days, max(interval, 1), 0
    seconds = int(state.due.timestamp())
    if state.state == State.Relearning:
        return RELEARNING, LEARNING, seconds, 1, 1
    return LEARNING, LEARNING, seconds, 0, max(LEARNING_STEPS - (state.step or 0), 1)


def _data(state: CardState | None) -> str:
    """Anki's ``data`` for a card: FSRS's memory and the last review's time, where known."""
    if state is None or state.stability is None or state.difficulty is None:
        return ""
    memory: dict[str, object] = {"s": round(state.stability, 4), "d": round(state.difficulty, 3)}
    if state.last_review is not None:
        memory["lrt"] = int(state.last_review.timestamp())
    return json.dumps(memory)


def _history(conn: sqlite3.Connection, card_ids: set[int]) -> dict[int, tuple[PastReview, ...]]:
    found: dict[int, list[PastReview]] = {}
    count = 0
    for log_id, card_id, ease, took, kind in conn.execute(
        "SELECT id, cid, ease, time, type FROM revlog ORDER BY cid, id"
    ):
        count += 1
        if count > MAX_REVIEWS:
            raise ValueError(f"the review log has more than {MAX_REVIEWS:,} entries")
        if card_id not in card_ids or ease not in (1, 2, 3, 4) or kind not in LOGGED:
            continue
        at = _time(log_id // 1000 if isinstance(log_id, int) else None)
        if at is None:
            continue
        past = found.setdefault(card_id, [])
        logged = "new" if not past and kind == 0 else LOGGED[kind]
        duration = took if isinstance(took, int) and 0 <= took < 86_400_000 else None
        past.append(PastReview(at, Rating(ease), duration, logged))
    return {card_id: tuple(past) for card_id, past in found.items()}


def _scheduled(
    fields: tuple[object, ...], history: tuple[PastReview, ...], crt: object
) -> Scheduled:
    kind, queue, due, interval, left, data = fields
    suspended = queue == SUSPENDED
    if kind not in (LEARNING, REVIEW, RELEARNING):  # new: its data holds no memory to read
        return Scheduled(None, suspended, history)
    memory = _memory(data)
    last = memory[2] or (history[-1].at if history else None)
    if last is None:
        return Scheduled(None, suspended, history)
    stability, difficulty = memory[0], memory[1]
    if stability is None or difficulty is None:
        stability, difficulty = _replayed(history)
    if stability is None or difficulty is None:
        return Scheduled(None, suspended, history)
    if kind == REVIEW:
        days = due if isinstance(due, int) else None
        start = _time(crt) if isinstance(crt, int) else None
        when = None
        if days is not None and start is not None and abs(days) < 100_000:
            when = start + timedelta(days=days)
        if when is None and isinstance(interval, int) and 0 < interval < 100_000:
            when = last + timedelta(days=interval)
        state = CardState(State.Review, None, stability, difficulty, when or last, last)
    else:
        remaining = left % 1000 if isinstance(left, int) and left >= 0 else 0
        step = max(0, LEARNING_STEPS - remaining) if kind == LEARNING else 0
        when = _time(due) if isinstance(due, int) else None
        fsrs_state = State.Learning if kind == LEARNING else State.Relearning
        state = CardState(fsrs_state, step, stability, difficulty, when or last, last)
    return Scheduled(state, suspended, history)


def _memory(data: object) -> tuple[float | None, float | None, datetime | None]:
    """FSRS's stability and difficulty and the last review's time from a card's ``data``."""
    try:
        found = json.loads(data) if isinstance(data, str | bytes) and data else {}
    except ValueError:
        return None, None, None
    if not isinstance(found, dict):
        return None, None, None
    s, d, lrt = found.get("s"), found.get("d"), found.get("lrt")
    stability = float(s) if isinstance(s, int | float) and 0 < s <= MAX_STABILITY else None
    difficulty = float(d) if isinstance(d, int | float) and 1 <= d <= 10 else None
    return stability, difficulty, _time(lrt) if isinstance(lrt, int) else None


def _replayed(history: tuple[PastReview, ...]) -> tuple[float | None, float | None]:
    """The memory state FSRS gives the card's answers, for a collection that kept none."""
    state = CardState()
    for past in history:
        state = answer(state, past.rating, past.at, ReviewSettings())
    return state.stability, state.difficulty


def _time(seconds: object) -> datetime | None:
    if not isinstance(seconds, int) or not 0 < seconds < MAX_SECONDS:
        return None
    return datetime.fromtimestamp(seconds, UTC)
