"""Reviewing cards: due cards in, answers out, each answer and its log in one transaction.

This is the app's hottest write path, so it uses the standard library's sqlite3 directly, with
the connection settings of every other connection. The tables are still the ones SQLModel
declares and Alembic creates.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.media import media_names
from studyplanner.core.cards.queue import (
    DailyLimits,
    DueCard,
    ReviewQueue,
    reviews_allowed,
)
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState
from studyplanner.core.planning.plan import MilestoneKind
from studyplanner.core.planning.week import DaysOff
from studyplanner.storage.errors import StorageError
from studyplanner.storage.reviews.counts import ReviewCounts
from studyplanner.storage.reviews.stored import CARD_COLUMNS, card_state
from studyplanner.storage.reviews.stored import kind_of as kind_of
from studyplanner.storage.reviews.stored import read_time as read_time
from studyplanner.storage.reviews.stored import scope_where as scope_where
from studyplanner.storage.reviews.stored import stored_time as stored_time
from studyplanner.storage.safety.backups import backup_folder, mark_changed
from studyplanner.storage.safety.faults import storage_failure
from studyplanner.storage.schema.codec import days_off_from_json

# In the two weeks before an exam, its cards come first in reviews.
EXAM_PRIORITY = timedelta(days=14)


@cache
def _backup_folder(path: Path) -> Path:
    """Where a change is marked for the next backup (asked for at every answer)."""
    return backup_folder(path.parent)


@dataclass(frozen=True)
class CardFace:
    """What the review screen shows of a card."""

    id: int
    front: str
    back: str
    roadmap_id: str
    topic_id: str
    media: dict[str, bytes] = field(default_factory=dict)  # the pictures its text shows


class Reviews(ReviewCounts):
    """One review's connection to the database: open it, review, close it."""

    @property
    def _changes(self) -> Path:
        return _backup_folder(self.path)

    # Building the queue

    def queue(
        self, scope: DeckScope, now: datetime, end_of_day: datetime, limits: DailyLimits
    ) -> ReviewQueue:
        """Today's cards in scope: learning steps, reviews and new cards, within the limits."""
        where, params = scope_where(scope)
        learning = self._cards(
            f"{where} AND state IN (?, ?) AND last_review IS NOT NULL AND due < ?",
            [*params, State.Learning.value, State.Relearning.value, stored_time(end_of_day)],
        )
        reviews = self._cards(
            f"{where} AND state = ? AND due < ?",
            [*params, State.Review.value, stored_time(end_of_day)],
        )
        start_of_day = end_of_day - timedelta(days=1)
        done = self._done_since(start_of_day)
        allowed = reviews_allowed(limits, done["review"], self.seconds_per_answer())
        new_left = max(0, limits.new_cards - done["new"])
        # In the two weeks before an exam its cards come first (and survive the daily limits).
        first = self._exam_card_ids(start_of_day.date())
        reviews.sort(key=lambda card: card.id not in first)
        new = self._new_cards(scope, new_left, first)
        return ReviewQueue.build(learning, reviews[:allowed], new, end_of_day)

    def _exam_card_ids(self, today: date) -> set[int]:
        """The cards of certifications whose exam falls within the next two weeks."""
        rows = self._query(
            "SELECT p.roadmap_id, m.ref_id, r.body FROM milestone m JOIN plan p "
            "ON p.id = m.plan_id JOIN roadmap r ON r.id = p.roadmap_id "
            "WHERE m.kind = ? AND m.day BETWEEN ? AND ?",
            (
                MilestoneKind.CERTIFICATION.value,
                today.isoformat(),
                (today + EXAM_PRIORITY).isoformat(),
            ),
        )
        pairs = set()
        for roadmap_id, cert_id, body in rows:
            for cert in json.loads(body).get("certifications", []):
                if cert.get("id") == cert_id:
                    pairs |= {(roadmap_id, t["id"]) for t in cert.get("preparation", [])}
        if not pairs:
            return set()
        values = ",".join(["(?, ?)"] * len(pairs))
        found = self._query(
            f"SELECT id FROM card WHERE (roadmap_id, topic_id) IN (VALUES {values})",
            [value for pair in sorted(pairs) for value in pair],
        )
        return {card_id for (card_id,) in found}

    def _cards(self, where: str, params: list[Any]) -> list[DueCard]:
        rows = self._query(f"SELECT {CARD_COLUMNS} FROM card WHERE {where} ORDER BY due", params)
        return [DueCard(row[0], card_state(row)) for row in rows]

    def _new_cards(
        self, scope: DeckScope, limit: int, first: set[int] | None = None
    ) -> list[DueCard]:
        """New cards whose topic has started (a session done) or has no sessions at all.

        Cards in ``first`` come before the others, whatever their order.
        """
        if limit == 0:
            return []
        where, params = scope_where(scope)
        waiting = self._topics_not_started()
        found: list[DueCard] = []
        if first:
            marks = ",".join("?" * len(first))
            ahead = self._query(
                f"SELECT id, roadmap_id, topic_id FROM card WHERE {where} "
                f"AND last_review IS NULL AND id IN ({marks}) ORDER BY id",
                [*params, *sorted(first)],
            )
            found = [DueCard(i, CardState()) for i, r, t in ahead if (r, t) not in waiting][:limit]
        taken = {card.id for card in found}
        try:
            rows = self._conn.execute(
                f"SELECT id, roadmap_id, topic_id FROM card WHERE {where} "
                "AND last_review IS NULL ORDER BY id",
                params,
            )
            for card_id, roadmap, topic in rows:  # read only as far as the limit needs
                if len(found) >= limit:
                    break
                if (roadmap, topic) not in waiting and card_id not in taken:
                    found.append(DueCard(card_id, CardState()))
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path} cannot be read: {exc}") from exc
        return found

    def face(self, card_id: int) -> CardFace:
        """The text of a card."""
        rows = self._query(
            "SELECT id, front, back, roadmap_id, topic_id FROM card WHERE id = ?", (card_id,)
        )
        if not rows:
            raise KeyError(f"there is no card {card_id}")
        face = CardFace(*rows[0])
        names = sorted(media_names(f"{face.front}\n{face.back}"))
        if not names:
            return face
        marks = ", ".join("?" * len(names))
        found = self._query(f"SELECT name, data FROM media WHERE name IN ({marks})", names)
        return replace(face, media=dict(found))

    # Answering

    def answer(
        self,
        card: DueCard,
        rating: Rating,
        after: CardState,
        reviewed_at: datetime,
        duration_ms: int | None,
    ) -> int:
        """Save the card's new state and its review log together; return the log's id."""
        with self.transaction("Saving your answer"):
            return self.save_answer(card, rating, after, reviewed_at, duration_ms)

    def save_answer(
        self,
        card: DueCard,
        rating: Rating,
        after: CardState,
        reviewed_at: datetime,
        duration_ms: int | None,
    ) -> int:
        """Within ``transaction``: the card's new state and its review log; the log's id."""
        self._write_state(card.id, after)
        cursor = self._conn.execute(
            "INSERT INTO review (card_id, rating, reviewed_at, duration_ms, kind) "
            "VALUES (?, ?, ?, ?, ?)",
            (card.id, int(rating), stored_time(reviewed_at), duration_ms, kind_of(card.state)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def undo(self, card: DueCard, review_id: int) -> None:
        """Take an answer back: the card's old state returns and its log entry goes."""
        with self.transaction("Undoing the answer"):
            self.take_back(card, review_id)

    def take_back(self, card: DueCard, review_id: int) -> None:
        """Within ``transaction``: the card's old state back, its log entry gone."""
        self._write_state(card.id, card.state)
        self._conn.execute("DELETE FROM review WHERE id = ?", (review_id,))

    @contextmanager
    def transaction(self, action: str) -> Iterator[None]:
        """One change, committed whole or rolled back, with a failure told in plain words."""
        self.guard.before_write()
        try:
            # Every time: a backup made since the last answer has taken the mark away.
            mark_changed(self._changes)
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                yield
        except (sqlite3.Error, OSError) as exc:
            self.guard.after_failure(exc)
            raise storage_failure(action, self.path, exc) from exc

    def _write_state(self, card_id: int, state: CardState) -> None:
        self._conn.execute(
            "UPDATE card SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
            "last_review = ? WHERE id = ?",
            (
                state.state.value,
                state.step,
                state.stability,
                state.difficulty,
                stored_time(state.due),
                stored_time(state.last_review),
                card_id,
            ),
        )

    def overdue(self, start_of_day: datetime) -> list[DueCard]:
        """Review cards that fell due before today and are still waiting."""
        return self._cards(
            "suspended = 0 AND state = ? AND due < ?",
            [State.Review.value, stored_time(start_of_day)],
        )

    def set_due(self, dues: dict[int, datetime]) -> dict[int, datetime]:
        """Move cards to new due times in one transaction; returns their old due times."""
        with self.transaction("Rescheduling the cards"):
            ids = list(dues)
            old = {
                card_id: read_time(due)
                for card_id, due in self._conn.execute(
                    f"SELECT id, due FROM card WHERE id IN ({','.join('?' * len(ids))})", ids
                )
            }
            self._conn.executemany(
                "UPDATE card SET due = ? WHERE id = ?",
                [(stored_time(due), card_id) for card_id, due in dues.items()],
            )
        return {card_id: due for card_id, due in old.items() if due is not None}

    # Counting

    def due_today(
        self, scope: DeckScope, now: datetime, end_of_day: datetime, limits: DailyLimits
    ) -> int:
        """How many cards today's review of this scope would show."""
        return self.queue(scope, now, end_of_day, limits).remaining().total

    def days_off(self) -> DaysOff:
        """Every plan's days off together: no reviews are scheduled on them."""
        dates: set[date] = set()
        ranges: list[tuple[date, date]] = []
        for (settings,) in self._query("SELECT settings FROM plan"):
            off = days_off_from_json(settings)
            dates |= off.dates
            ranges.extend(off.ranges)
        return DaysOff(frozenset(dates), tuple(ranges))
