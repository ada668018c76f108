"""Counting cards and answers: each deck's counts, cards due by day, answers and retention."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import Any

from studyplanner.core.cards.learner_day import learner_day
from studyplanner.core.cards.queue import CardCounts
from studyplanner.core.cards.ratings import State
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.errors import StorageError
from studyplanner.storage.reviews.connection import ReviewConnection
from studyplanner.storage.reviews.stored import day_starts, read_time, stored_time

# Every deck that has cards not suspended: a roadmap's topics, then the learner's own decks.
# Each step seeks the next roadmap or topic in an index, so this reads one entry a deck, not
# every card.
DECK_KEYS = """
WITH RECURSIVE
  roadmaps(r) AS (
    SELECT min(roadmap_id) FROM card
    UNION ALL
    SELECT (SELECT min(roadmap_id) FROM card WHERE roadmap_id > r) FROM roadmaps
    WHERE r IS NOT NULL),
  topics(r, t) AS (
    SELECT r, (SELECT min(topic_id) FROM card WHERE roadmap_id = r AND suspended = 0)
    FROM roadmaps WHERE r IS NOT NULL
    UNION ALL
    SELECT r, (SELECT min(topic_id) FROM card WHERE roadmap_id = r AND topic_id > t
      AND suspended = 0) FROM topics WHERE t IS NOT NULL)
SELECT r, t FROM topics WHERE t IS NOT NULL
UNION ALL
SELECT DISTINCT '', deck FROM card WHERE roadmap_id IS NULL AND suspended = 0
"""
# Read through the index of new cards only.
NEW_BY_DECK = (
    "SELECT roadmap_id, topic_id, deck, count(*) FROM card "
    "WHERE last_review IS NULL AND suspended = 0 GROUP BY roadmap_id, topic_id, deck"
)
# Learning steps and reviews due today, through the index of state and due time.
DUE_BY_DECK = (
    "SELECT roadmap_id, topic_id, deck, state = ?, count(*) FROM card "
    "WHERE state IN (?, ?, ?) AND suspended = 0 AND due < ? "
    "AND (state = ? OR last_review IS NOT NULL) GROUP BY 1, 2, 3, 4"
)
DUE_BETWEEN = "SELECT count(*) FROM card WHERE state = ? AND suspended = 0 AND due >= ? AND due < ?"
ANSWERS_BETWEEN = "SELECT count(*) FROM review WHERE reviewed_at >= ? AND reviewed_at < ?"


class ReviewCounts(ReviewConnection):
    """The counts a review, the deck tree, the forecast and the statistics show."""

    def deck_counts(self, now: datetime, end_of_day: datetime) -> dict[tuple[str, str], CardCounts]:
        """Cards due today and new cards waiting, before daily limits.

        Keyed by (roadmap, topic) for roadmap cards and by ("", deck) for the learner's decks.
        """
        waiting = self._topics_not_started()
        keys: list[tuple[str, str]] = [(r, t) for r, t in self._query(DECK_KEYS)]
        new: Counter[tuple[str, str]] = Counter()
        for roadmap, topic, deck, n in self._query(NEW_BY_DECK):
            new[_deck_key(roadmap, topic, deck)] += n
        learning: Counter[tuple[str, str]] = Counter()
        review: Counter[tuple[str, str]] = Counter()
        review_state = State.Review.value
        due = self._query(
            DUE_BY_DECK,
            (
                review_state,
                State.Learning.value,
                review_state,
                State.Relearning.value,
                stored_time(end_of_day),
                review_state,
            ),
        )
        for roadmap, topic, deck, is_review, n in due:
            (review if is_review else learning)[_deck_key(roadmap, topic, deck)] += n
        return {
            key: CardCounts(0 if key in waiting else new[key], learning[key], review[key])
            for key in keys
        }

    def day_counts(self, now: datetime, days: int | None = None) -> dict[date, int]:
        """Review cards due on each review day (in the zone of ``now``), from today on.

        With ``days``, only that many days from today are counted, each a range of an index.
        """
        if days is not None:
            today = learner_day(now, _zone(now))
            starts = day_starts(today, days, now.tzinfo)
            counts = self._count_by_day(DUE_BETWEEN, [State.Review.value], starts)
            return {today + timedelta(days=n): c for n, c in enumerate(counts) if c}
        rows = self._query(
            "SELECT substr(due, 1, 13), count(*) FROM card WHERE state = ? AND suspended = 0 "
            "AND due >= ? GROUP BY 1",
            (State.Review.value, stored_time(now - timedelta(days=1))),
        )
        return _by_local_day(rows, now)

    def overdue_count(self, start_of_day: datetime) -> int:
        """How many review cards fell due before today and are still waiting."""
        [(count,)] = self._query(
            "SELECT count(*) FROM card WHERE state = ? AND suspended = 0 AND due < ?",
            (State.Review.value, stored_time(start_of_day)),
        )
        return int(count)

    def answers_by_day(self, since: datetime) -> dict[date, int]:
        """How many answers were given on each review day (in the zone of ``since``) since then."""
        [(last,)] = self._query(
            "SELECT max(reviewed_at) FROM review WHERE reviewed_at >= ?", (stored_time(since),)
        )
        if last is None:
            return {}
        last_time = read_time(last)
        assert last_time is not None
        zone = _zone(since)
        first = learner_day(since, zone)
        days = (learner_day(last_time, zone) - first).days + 1
        starts = day_starts(first, days, since.tzinfo)
        starts[0] = stored_time(since) or ""
        counts = self._count_by_day(ANSWERS_BETWEEN, [], starts)
        return {first + timedelta(days=n): c for n, c in enumerate(counts) if c}

    def true_retention(self, since: datetime) -> tuple[int, int]:
        """Answers to cards in review since then that were not Again, and all such answers."""
        [(passed, total)] = self._query(
            "SELECT coalesce(sum(rating > 1), 0), count(*) FROM review "
            "WHERE kind = 'review' AND reviewed_at >= ?",
            (stored_time(since),),
        )
        return int(passed), int(total)

    def seconds_per_answer(self) -> float | None:
        """The learner's median time per answer over the last 1,000 answers, if any."""
        rows = self._query(
            "SELECT duration_ms FROM review WHERE duration_ms IS NOT NULL "
            "ORDER BY id DESC LIMIT 1000"
        )
        if not rows:
            return None
        times = sorted(ms for (ms,) in rows)
        return float(times[len(times) // 2]) / 1000

    def _count_by_day(self, sql: str, params: list[Any], starts: list[str]) -> list[int]:
        """``sql``'s count between each pair of consecutive ``starts``, one range a day."""
        try:
            return [
                self._conn.execute(sql, [*params, start, end]).fetchone()[0]
                for start, end in pairwise(starts)
            ]
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path} cannot be read: {exc}") from exc

    def _topics_not_started(self) -> set[tuple[str, str]]:
        rows = self._query(
            "SELECT p.roadmap_id, s.topic_id FROM study_session s JOIN plan p "
            "ON p.id = s.plan_id GROUP BY 1, 2 HAVING max(s.status = ?) = 0",
            (SessionStatus.DONE.value,),
        )
        return {(roadmap, topic) for roadmap, topic in rows}

    def _done_since(self, start: datetime) -> Counter[str]:
        rows = self._query(
            "SELECT kind, count(*) FROM review WHERE reviewed_at >= ? GROUP BY kind",
            (stored_time(start),),
        )
        return Counter(dict(rows))


def _deck_key(roadmap: str | None, topic: str, deck: str) -> tuple[str, str]:
    return ("", deck) if roadmap is None else (roadmap, topic)


def _by_local_day(hours: list[Any], now: datetime) -> dict[date, int]:
    """Counts by UTC hour ("YYYY-MM-DD HH") put on the review days of ``now``'s zone.

    Exact across daylight saving, and SQL parses no date per row.
    """
    counts: Counter[date] = Counter()
    zone = _zone(now)
    for hour, n in hours:
        moment = datetime.strptime(hour, "%Y-%m-%d %H").replace(tzinfo=UTC)
        counts[learner_day(moment, zone)] += n
    return dict(counts)


def _zone(moment: datetime) -> tzinfo:
    """The zone a moment's review days are counted in: its own."""
    assert moment.tzinfo is not None, "review days need the learner's time zone"
    return moment.tzinfo
