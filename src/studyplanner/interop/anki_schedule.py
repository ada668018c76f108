"""The schedule of an Anki package's cards: each note's first card's state, and its answers.

Read from the collection the package reader has opened and checked (see apkg.py), with an
authoriser of its own that lets the queries read the plain columns named here and nothing
else. A collection without them (genanki's, say, or an old one) gives no schedule: its cards
arrive new. Values are taken only where they are sane; anything else leaves that card new.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from studyplanner.core.cards.history import PastReview
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState, ReviewSettings, answer

COLUMNS = {
    "cards": ("id", "nid", "ord", "type", "queue", "due", "ivl", "left", "data"),
    "revlog": ("id", "cid", "ease", "time", "type"),
    "col": ("crt",),
}
# Anki's card types and queues.
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
SUSPENDED = -1
# Its review log's kinds: learning, review, relearning, filtered (cramming or early); manual
# and rescheduling entries (4, 5) carry no answer.
LOGGED = {0: "learning", 1: "review", 2: "relearning", 3: "review"}
LEARNING_STEPS = 2  # Anki's and FSRS's default learning steps (1 and 10 minutes)
MAX_REVIEWS = 5_000_000
MAX_SECONDS = 253_402_300_799  # the end of the year 9999
MAX_STABILITY = 1_000_000.0
MAX_DEFAULT_CHARS = 100  # Anki's tables have short defaults or none


def read_schedules(conn: sqlite3.Connection, note_ids: Iterable[int]) -> dict[int, Scheduled]:
    """Each note's first card's schedule, by note id; empty where the collection has none."""
    if not _has_columns(conn):
        return {}
    conn.set_authorizer(_schedule_columns_only)
    try:
        wanted = set(note_ids)
        crt_row = conn.execute("SELECT crt FROM col LIMIT 1").fetchone()
        crt = crt_row[0] if crt_row and isinstance(crt_row[0], int) else None
        cards: dict[int, tuple[int, tuple[object, ...]]] = {}
        for row in conn.execute(
            "SELECT id, nid, ord, type, queue, due, ivl, left, data FROM cards ORDER BY nid, ord"
        ):
            card_id, note_id = row[0], row[1]
            if note_id in wanted and note_id not in cards and isinstance(card_id, int):
                cards[note_id] = (card_id, row[3:])
        history = _history(conn, {card_id for card_id, _ in cards.values()})
    finally:
        conn.set_authorizer(None)
    return {
        note_id: _scheduled(fields, history.get(card_id, ()), crt)
        for note_id, (card_id, fields) in cards.items()
    }


class Scheduled:
    """A card's state as Anki left it (None: new), whether it is suspended, and its answers."""

    __slots__ = ("history", "state", "suspended")

    def __init__(
        self, state: CardState | None, suspended: bool, history: tuple[PastReview, ...]
    ) -> None:
        self.state, self.suspended, self.history = state, suspended, history


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
    memory = _memory(data)
    last = memory[2] or (history[-1].at if history else None)
    if kind not in (LEARNING, REVIEW, RELEARNING) or last is None:
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


def _has_columns(conn: sqlite3.Connection) -> bool:
    """Whether every column read is there, plain: no computed column, no long default."""
    for table, columns in COLUMNS.items():
        plain = {
            _name(name)
            for _, name, _, _, default, _, hidden in conn.execute(f"PRAGMA table_xinfo({table})")
            if not hidden and (default is None or len(default) <= MAX_DEFAULT_CHARS)
        }
        if not set(columns) <= plain:
            return False
    return True


def _name(name: object) -> str:
    """A column's name in lower case (the reader's connection gives text as bytes)."""
    return (name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)).lower()


def _schedule_columns_only(
    action: int, table: str | None, column: str | None, _database: str | None, _by: str | None
) -> int:
    """The schedule queries' authoriser: the columns in COLUMNS, nothing else."""
    if action == sqlite3.SQLITE_SELECT:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_READ and (column or "").lower() in COLUMNS.get(
        (table or "").lower(), ()
    ):
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY
