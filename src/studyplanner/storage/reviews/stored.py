"""How cards and reviews are stored: times as text, states from rows, a deck as SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.learner_day import DAY_START_HOUR
from studyplanner.core.cards.ratings import State
from studyplanner.core.cards.scheduling import CardState

# How SQLAlchemy stores a DateTime in SQLite; both paths read and write the same text.
TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
CARD_COLUMNS = "id, state, step, stability, difficulty, due, last_review"


def scope_where(scope: DeckScope, include_suspended: bool = False) -> tuple[str, list[Any]]:
    """The SQL condition on ``card`` for a deck, and its parameters."""
    clauses: list[str] = [] if include_suspended else ["suspended = 0"]
    params: list[Any] = []
    if scope.roadmap_id is not None:
        clauses.append("roadmap_id = ?")
        params.append(scope.roadmap_id)
    if scope.topic_ids is not None:
        clauses.append(f"topic_id IN ({','.join('?' * len(scope.topic_ids))})")
        params.extend(sorted(scope.topic_ids))
    if scope.deck is not None:  # and its subdecks: "A::B" for "A" (":;" is just after "::")
        clauses.append("roadmap_id IS NULL AND (deck = ? OR (deck >= ? AND deck < ?))")
        params += [scope.deck, f"{scope.deck}::", f"{scope.deck}:;"]
    return " AND ".join(clauses) or "1", params


def stored_time(moment: datetime | None) -> str | None:
    """An aware time as the naive UTC text the card and review tables hold."""
    return None if moment is None else moment.astimezone(UTC).strftime(TIME_FORMAT)


def read_time(text: str | None) -> datetime | None:
    """Stored naive UTC text back as an aware time."""
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def kind_of(card: CardState) -> str:
    """What the review log calls an answer to a card in this state."""
    return "new" if card.is_new else card.state.name.lower()


def card_state(row: tuple[Any, ...]) -> CardState:
    """A card's state from a row of ``CARD_COLUMNS``."""
    _id, state, step, stability, difficulty, due, last_review = row
    return CardState(
        State(state), step, stability, difficulty, read_time(due), read_time(last_review)
    )


def day_starts(
    first: date, days: int, zone: tzinfo | None, hour: int = DAY_START_HOUR
) -> list[str]:
    """The stored times at which ``days + 1`` review days from ``first`` start (in ``zone``).

    A review day starts at 4 a.m. (see core/cards/learner_day.py). Consecutive pairs bound
    each day, so counting by day is a range of an index per day.
    """
    return [
        stored_time(datetime.combine(first + timedelta(days=n), time(hour), tzinfo=zone)) or ""
        for n in range(days + 1)
    ]
