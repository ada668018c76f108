"""The store's flashcards: decks, counts, the browser's edits, quizzes and statistics."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from studyplanner.core.cards.decks import Deck, DeckScope, deck_tree
from studyplanner.core.cards.history import PastReview
from studyplanner.core.cards.queue import (
    DEFAULT_SECONDS_PER_ANSWER,
    CardCounts,
    DailyLimits,
    DueCard,
    end_of_day,
)
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.storage.queries.card_queries import (
    DECK_SEPARATOR,
    CardRow,
    SortKey,
    deck_names,
    deck_parts,
    read_rows,
    search_ids,
)
from studyplanner.storage.queries.views import (
    CardStats,
    CardText,
    DeckChoice,
    KnownCard,
    ListedCard,
    QuizScore,
)
from studyplanner.storage.reviews.stored import CARD_COLUMNS, card_state, read_time, scope_where
from studyplanner.storage.schema.roadmap_json import roadmap_from_json
from studyplanner.storage.store_base import StoreBase

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Collection, Iterator, Sequence

    from studyplanner.core.cards.quiz import QuizCard
    from studyplanner.core.cards.search import CardSearch
    from studyplanner.core.planning.request import DayMinutes
    from studyplanner.core.roadmap.model import Roadmap

# The statistics' forecast of cards due, from today.
FORECAST_DAYS = 30


# A card as notes travel (see KnownCard): its id, text, note id, last change and suspension;
# then its schedule, which matching notes to cards for an import does not need.
_MATCHED = (
    "id, front, back, tags, coalesce(guid, coalesce(roadmap_id, deck) || '/' || key), "
    "coalesce(modified_at, created_at), suspended"
)
_KNOWN = f"{_MATCHED}, {CARD_COLUMNS}"
_CHUNK = 500  # values in one IN (...): under SQLite's limit of bound parameters


def _rows_in(conn: sqlite3.Connection, sql: str, values: Sequence[Any]) -> Iterator[Any]:
    """The rows of ``sql``, whose ``{marks}`` is an IN list, for every value, chunk by chunk."""
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)


def _known(row: tuple[Any, ...]) -> KnownCard:
    card_id, front, back, tags, guid, changed, suspended = row[:7]
    # Never answered: new (and a match for an import reads no schedule).
    state = None if len(row) == 7 or row[-1] is None else card_state(row[7:])
    text = CardText(front, back, tags)
    return KnownCard(card_id, text, guid, read_time(changed), state, bool(suspended))


def _listed(row: tuple[Any, ...], names: dict[tuple[str, str], str]) -> ListedCard:
    card_id, roadmap, topic, deck, guid, state, last, due, stability, difficulty = row[:10]
    suspended, reps, lapses = row[10:]
    name = deck or names.get((roadmap, topic), f"{roadmap}{DECK_SEPARATOR}{topic}")
    kind = "new" if last is None else State(state).name.lower()
    return ListedCard(
        card_id,
        name,
        guid,
        kind,
        read_time(due),
        stability,
        difficulty,
        reps,
        lapses,
        bool(suspended),
    )


class CardStore(StoreBase):
    """Everything about cards that is not the hot path of a review (see reviews.py)."""

    def decks(self, now: datetime) -> tuple[Deck, ...]:
        """The deck tree of every roadmap with cards, with today's counts."""
        reviews = self.reviews()
        try:
            counts = reviews.deck_counts(now, end_of_day(now))
        finally:
            reviews.close()
        ids = sorted({roadmap for roadmap, _topic in counts if roadmap})
        with self._read() as conn:
            bodies = conn.execute(
                f"SELECT body FROM roadmap WHERE id IN ({','.join('?' * len(ids))}) ORDER BY title",
                ids,
            ).fetchall()
        return deck_tree([_roadmap(body) for (body,) in bodies], counts)

    def cards_due_today(self, now: datetime, limits: DailyLimits) -> CardCounts:
        """What a review of every deck would show today, within the daily limits."""
        reviews = self.reviews()
        try:
            return reviews.queue(DeckScope(), now, end_of_day(now), limits).remaining()
        finally:
            reviews.close()

    def search_cards(
        self, search: CardSearch, sort: SortKey, descending: bool, now: datetime
    ) -> list[int]:
        """The ids of the cards a browser search finds, in order."""
        with self._read() as conn:
            return search_ids(conn, search, sort, descending, end_of_day(now))

    def card_rows(self, card_ids: list[int]) -> dict[int, CardRow]:
        """The browser's rows for these cards."""
        with self._read() as conn:
            return read_rows(conn, card_ids, deck_names(conn))

    def card_decks(self) -> list[DeckChoice]:
        """Where a new card can go: each stored roadmap's topics, then the learner's own decks."""
        with self._read() as conn:
            names = deck_names(conn)
            own = [d for (d,) in conn.execute("SELECT DISTINCT deck FROM card WHERE deck != ''")]
        topics = [
            DeckChoice(name, roadmap, topic)
            for (roadmap, topic), name in sorted(names.items(), key=lambda item: item[1])
        ]
        return topics + [DeckChoice(deck, deck=deck) for deck in sorted(own)]

    def deck_cards(self, scope: DeckScope) -> list[KnownCard]:
        """Every card in a deck (suspended ones too), with its note id and its last change."""
        where, params = scope_where(scope, include_suspended=True)
        with self._read() as conn:
            rows = conn.execute(f"SELECT {_KNOWN} FROM card WHERE {where} ORDER BY id", params)
            return [_known(row) for row in rows]

    def card_decks_by_id(self, card_ids: list[int]) -> dict[int, tuple[str, ...]]:
        """Each card's deck as the parts of its name: roadmap, stage, topic; or its own deck."""
        with self._read() as conn:
            parts = deck_parts(conn)
            sql = "SELECT id, roadmap_id, topic_id, deck FROM card WHERE id IN ({marks})"
            return {
                card_id: parts.get((roadmap, topic), (roadmap, topic)) if roadmap else (deck,)
                for card_id, roadmap, topic, deck in _rows_in(conn, sql, card_ids)
            }

    def card_histories(self, card_ids: list[int]) -> dict[int, tuple[PastReview, ...]]:
        """Every answer of these cards, oldest first, by card."""
        found: dict[int, list[PastReview]] = {}
        sql = (
            "SELECT card_id, reviewed_at, rating, duration_ms, kind FROM review "
            "WHERE card_id IN ({marks}) ORDER BY card_id, id"
        )
        with self._read() as conn:
            for card_id, at, rating, duration, kind in _rows_in(conn, sql, card_ids):
                when = read_time(at)
                assert when is not None, "the column is NOT NULL"
                found.setdefault(card_id, []).append(
                    PastReview(when, Rating(rating), duration, kind)
                )
        return {card_id: tuple(pasts) for card_id, pasts in found.items()}

    def card_listing(self, scope: DeckScope) -> list[ListedCard]:
        """Every card of a deck (suspended ones too) with its schedule and counts, by id."""
        where, params = scope_where(scope, include_suspended=True)
        with self._read() as conn:
            names = deck_names(conn)
            rows = conn.execute(
                "SELECT id, roadmap_id, topic_id, deck, "
                "coalesce(guid, coalesce(roadmap_id, deck) || '/' || key), state, last_review, "
                "due, stability, difficulty, suspended, "
                "(SELECT count(*) FROM review WHERE card_id = card.id), "
                "(SELECT count(*) FROM review WHERE card_id = card.id AND rating = ? "
                "AND kind = 'review') "
                f"FROM card WHERE {where} ORDER BY id",
                [Rating.Again.value, *params],
            )
            return [_listed(row, names) for row in rows]

    def cards_known_as(self, guids: Collection[str]) -> dict[str, KnownCard]:
        """The stored cards that notes with these ids are: imported from them, or exported.

        A card imported from a note keeps its GUID; a card exported under ``owner/key`` comes
        back under that id (an owner may hold slashes, a key never does).
        """
        wanted = set(guids)
        found: dict[str, KnownCard] = {}
        keys = {guid.rpartition("/")[2] for guid in wanted if "/" in guid}
        with self._read() as conn:
            for column, values in (("guid", sorted(wanted)), ("key", sorted(keys))):
                sql = f"SELECT {_MATCHED} FROM card WHERE {column} IN ({{marks}})"
                for row in _rows_in(conn, sql, values):
                    card = _known(row)
                    if card.guid in wanted:
                        found.setdefault(card.guid, card)
        return found

    def media(self, names: Collection[str]) -> dict[str, bytes]:
        """The kept media files of these names (the names not kept are left out)."""
        with self._read() as conn:
            sql = "SELECT name, data FROM media WHERE name IN ({marks})"
            return dict(_rows_in(conn, sql, sorted(set(names))))

    def quiz_cards(self, scope: DeckScope) -> tuple[list[QuizCard], list[QuizCard]]:
        """The cards a quiz of this deck asks, and the wider pool its wrong answers come from."""
        pool_scope = DeckScope(scope.roadmap_id, None, scope.deck)
        with self._read() as conn:
            return _quiz_cards(conn, scope), _quiz_cards(conn, pool_scope)

    def quiz_scores(self) -> dict[tuple[str, str], QuizScore]:
        """The latest quiz score of every (roadmap, topic) quizzed so far."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT coalesce(roadmap_id, ''), CASE WHEN roadmap_id IS NULL THEN deck "
                "ELSE topic_id END, correct, total, max(taken_at) FROM quiz_result GROUP BY 1, 2"
            ).fetchall()
        return {
            (roadmap, topic): QuizScore(right, total, _aware(read_time(taken)))
            for roadmap, topic, right, total, taken in rows
        }

    def deck_choice(self, name: str) -> DeckChoice:
        """The deck a name means: a roadmap topic with that full name, or a deck of its own."""
        wanted = " ".join(name.split())
        for choice in self.card_decks():
            if choice.label.casefold() == wanted.casefold():
                return choice
        return DeckChoice(wanted, deck=wanted)

    def review_forecast(self, now: datetime, days: int = 366) -> DayMinutes:
        """Minutes of review on each coming day, from FSRS's due dates and the learner's pace.

        Cards due (overdue ones count today) times the median seconds per answer, or
        ``DEFAULT_SECONDS_PER_ANSWER`` before there are any reviews.
        """
        reviews = self.reviews()
        try:
            counts = reviews.day_counts(now, days)
            overdue = reviews.overdue_count(end_of_day(now) - timedelta(days=1))
            pace = reviews.seconds_per_answer() or DEFAULT_SECONDS_PER_ANSWER
        finally:
            reviews.close()
        today = now.date()
        counts[today] = counts.get(today, 0) + overdue
        last = today + timedelta(days=days)
        return tuple(
            (day, math.ceil(count * pace / 60))
            for day, count in sorted(counts.items())
            if today <= day < last and count
        )

    def card_stats(self, now: datetime) -> CardStats:
        """Answers per day over a year, true retention over 30 days, and cards due per day.

        The forecast covers the next 30 days; overdue cards count today.
        """
        start = end_of_day(now) - timedelta(days=1)
        reviews = self.reviews()
        try:
            answers = reviews.answers_by_day(start - timedelta(days=364))
            retention = reviews.true_retention(start - timedelta(days=29))
            due = reviews.day_counts(now, FORECAST_DAYS)
            overdue = reviews.overdue_count(start)
        finally:
            reviews.close()
        today = start.date()  # the review day: just after midnight, still yesterday's
        forecast = tuple(
            (day, due.get(day, 0) + (overdue if day == today else 0))
            for day in (today + timedelta(days=n) for n in range(FORECAST_DAYS))
        )
        return CardStats(answers, retention, forecast)

    def overdue_cards(self, now: datetime) -> list[DueCard]:
        """Review cards due before today, in every deck."""
        reviews = self.reviews()
        try:
            return reviews.overdue(end_of_day(now) - timedelta(days=1))
        finally:
            reviews.close()

    def reschedule_cards(self, dues: dict[int, datetime]) -> dict[int, datetime]:
        """Give cards new due times together; returns the old ones, for undo."""
        reviews = self.reviews()
        try:
            return reviews.set_due(dues)
        finally:
            reviews.close()

    def card_count(self) -> int:
        """How many flashcards the database holds."""
        with self._read() as conn:
            (count,) = conn.execute("SELECT count(*) FROM card").fetchone()
        return int(count)


def _quiz_cards(conn: sqlite3.Connection, scope: DeckScope) -> list[QuizCard]:
    from studyplanner.core.cards.quiz import QuizCard  # with the first quiz: not on the start

    where, params = scope_where(scope)
    rows = conn.execute(
        f"SELECT id, front, back, coalesce(roadmap_id, ''), "
        f"CASE WHEN roadmap_id IS NULL THEN deck ELSE topic_id END FROM card WHERE {where} "
        "ORDER BY id",
        params,
    )
    return [QuizCard(i, front, back, topic, roadmap) for i, front, back, roadmap, topic in rows]


@lru_cache(maxsize=16)
def _roadmap(body: str) -> Roadmap:
    """A stored roadmap, validated once for each text it has had (the model is frozen)."""
    return roadmap_from_json(body)


def _aware(moment: datetime | None) -> datetime:
    assert moment is not None, "the column is NOT NULL"
    return moment
