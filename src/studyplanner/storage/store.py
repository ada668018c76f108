"""The operations the app performs on its database, one transaction each.

Reads use the standard library's sqlite3. SQLModel loads at the first change, so opening the
app to its Today page costs neither its import time (0.3 s) nor its memory (50 MiB).
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fsrs import State

from studyplanner.core.cards.decks import Deck, DeckScope, deck_tree
from studyplanner.core.cards.queue import (
    DEFAULT_SECONDS_PER_ANSWER,
    CardCounts,
    DailyLimits,
    DueCard,
    end_of_day,
)
from studyplanner.core.cards.quiz import QuizCard, QuizMode
from studyplanner.core.cards.scheduling import CardState, ReviewSettings
from studyplanner.core.cards.search import CardSearch
from studyplanner.core.milestones.mastery import MasteryCriteria
from studyplanner.core.milestones.reports import MilestoneReport, milestone_reports
from studyplanner.core.planning.plan import (
    MilestoneKind,
    Plan,
    PlannedMilestone,
    PlannedSession,
    SessionStatus,
)
from studyplanner.core.planning.replan import forecast_plan
from studyplanner.core.planning.request import DayMinutes, PlanRequest
from studyplanner.core.roadmap.loader import bundled_roadmaps, load_roadmap_file
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.card_queries import CardRow, SortKey, deck_names, read_rows, search_ids
from studyplanner.storage.codec import fraction_from_json, request_from_json
from studyplanner.storage.engine import SCHEMA_HEAD, stored_revision
from studyplanner.storage.reviews import Reviews, read_time, scope_where
from studyplanner.storage.snapshot import read_snapshot
from studyplanner.storage.views import (
    CardStats,
    CardText,
    DeckChoice,
    MilestoneView,
    NewCard,
    PlanSummary,
    QuizScore,
    RoadmapEntry,
    SessionEdit,
    SessionView,
    StoredCard,
    StoredSession,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from studyplanner.storage.writes import Writes

DATABASE_NAME = "studyplanner.sqlite3"
SESSION_COLUMNS = (
    "key, topic_id, stage_id, title, day, minutes, start_time, certification_id, status, "
    "actual_minutes, locked"
)


class RoadmapConflictError(ValueError):
    """An imported roadmap would replace a bundled one."""


class Store:
    """The learner's database. Each method is one unit of work in its own transaction."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._engine = engine

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Open (creating or migrating as needed) the database in ``data_dir``."""
        path = data_dir / DATABASE_NAME
        if stored_revision(path) == SCHEMA_HEAD:
            return cls(path)  # current: nothing to create or migrate, so SQLAlchemy can wait
        from studyplanner.storage.engine import open_database

        return cls(path, open_database(path))

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine that changes go through, made at the first change."""
        if self._engine is None:
            from studyplanner.storage.engine import create_engine_for

            self._engine = create_engine_for(self.path)
        return self._engine

    def close(self) -> None:
        """Release every connection."""
        if self._engine is not None:
            self._engine.dispose()

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        return read_snapshot(self.path)

    @contextmanager
    def _write(self) -> Iterator[Writes]:
        from studyplanner.storage.writes import Writes

        with Writes.begin(self.engine) as writes:
            yield writes

    # Roadmaps

    def roadmaps(self) -> list[RoadmapEntry]:
        """Bundled roadmaps, then the learner's imported ones, by title."""
        entries = [RoadmapEntry(r, "bundled") for r in bundled_roadmaps()]
        with self._read() as conn:
            rows = conn.execute("SELECT body FROM roadmap WHERE origin = 'imported'").fetchall()
        imported = [Roadmap.model_validate_json(body) for (body,) in rows]
        entries += [RoadmapEntry(r, "imported") for r in sorted(imported, key=lambda r: r.title)]
        return entries

    def import_roadmap(self, path: Path) -> Roadmap:
        """Validate a roadmap file and keep it; a bad file raises and changes nothing."""
        roadmap = load_roadmap_file(path)
        if any(r.id == roadmap.id for r in bundled_roadmaps()):
            raise RoadmapConflictError(
                f"{path.name}: a bundled roadmap already has the id '{roadmap.id}'; "
                "give your roadmap another id"
            )
        with self._write() as writes:
            writes.put_roadmap(roadmap, "imported")
        return roadmap

    # Plans

    def create_plan(self, name: str, request: PlanRequest, plan: Plan, now: datetime) -> int:
        """Store a new plan with its sessions, milestones and the roadmap's cards."""
        bundled = any(r.id == request.roadmap.id for r in bundled_roadmaps())
        with self._write() as writes:
            return writes.create_plan(
                name, request, plan, "bundled" if bundled else "imported", now
            )

    def plans(self) -> list[PlanSummary]:
        """Every plan, newest first."""
        with self._read() as conn:
            plans = conn.execute(
                "SELECT id, name, roadmap_id, start_date, strict_mastery FROM plan ORDER BY id DESC"
            ).fetchall()
            totals = {
                plan_id: (count, minutes, last)
                for plan_id, count, minutes, last in conn.execute(
                    "SELECT plan_id, count(id), sum(minutes), max(day) FROM study_session "
                    "GROUP BY plan_id"
                )
            }
            milestone_ends = dict(
                conn.execute("SELECT plan_id, max(day) FROM milestone GROUP BY plan_id").fetchall()
            )
        summaries = []
        for plan_id, name, roadmap_id, start, strict in plans:
            count, minutes, last = totals.get(plan_id, (0, 0, None))
            ends = [d for d in (last, milestone_ends.get(plan_id), start) if d]
            summaries.append(
                PlanSummary(
                    plan_id,
                    name,
                    roadmap_id,
                    date.fromisoformat(start),
                    date.fromisoformat(max(ends)),  # ISO dates sort as text
                    count,
                    minutes,
                    bool(strict),
                )
            )
        return summaries

    def sessions_between(self, plan_id: int, first: date, last: date) -> list[SessionView]:
        """A plan's sessions from ``first`` to ``last`` inclusive, in date order."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, day, title, stage_id, minutes, start_time, status, key, topic_id, "
                "locked, actual_minutes FROM study_session "
                "WHERE plan_id = ? AND day BETWEEN ? AND ? ORDER BY day, seq",
                (plan_id, first.isoformat(), last.isoformat()),
            ).fetchall()
        return [
            SessionView(
                row_id,
                date.fromisoformat(day),
                title,
                stage_id,
                minutes,
                _time(start_time),
                status,
                key,
                topic_id,
                bool(locked),
                actual,
            )
            for (
                row_id,
                day,
                title,
                stage_id,
                minutes,
                start_time,
                status,
                key,
                topic_id,
                locked,
                actual,
            ) in rows
        ]

    def milestones(self, plan_id: int) -> list[MilestoneView]:
        """A plan's milestones in date order."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT day, title, kind FROM milestone WHERE plan_id = ? ORDER BY day",
                (plan_id,),
            ).fetchall()
        return [MilestoneView(date.fromisoformat(day), title, kind) for day, title, kind in rows]

    def plan_roadmap(self, plan_id: int) -> Roadmap:
        """The roadmap a plan was made from, as stored with it."""
        return self.plan_request(plan_id).roadmap

    def plan_request(self, plan_id: int) -> PlanRequest:
        """The request a plan was made from, as it stands now."""
        with self._read() as conn:
            body, start, pace, settings = _plan_row(
                conn,
                "SELECT r.body, p.start_date, p.pace, p.settings FROM plan p "
                "JOIN roadmap r ON r.id = p.roadmap_id WHERE p.id = ?",
                plan_id,
            )
        roadmap = Roadmap.model_validate_json(body)
        return request_from_json(roadmap, date.fromisoformat(start), pace, settings)

    def plan_state(self, plan_id: int) -> Plan:
        """A stored plan with every session's status, as re-planning takes it."""
        with self._read() as conn:
            roadmap_id, start, pace, settings = _plan_row(
                conn,
                "SELECT roadmap_id, start_date, pace, settings FROM plan WHERE id = ?",
                plan_id,
            )
            sessions = conn.execute(
                f"SELECT {SESSION_COLUMNS} FROM study_session WHERE plan_id = ? ORDER BY day, seq",
                (plan_id,),
            ).fetchall()
            milestones = conn.execute(
                "SELECT key, kind, ref_id, stage_id, title, day FROM milestone "
                "WHERE plan_id = ? ORDER BY day, key",
                (plan_id,),
            ).fetchall()
        return Plan(
            roadmap_id=roadmap_id,
            start=date.fromisoformat(start),
            fraction=fraction_from_json(settings, pace),
            sessions=tuple(_planned_session(row) for row in sessions),
            milestones=tuple(
                PlannedMilestone(key, MilestoneKind(kind), ref, stage, title, date.fromisoformat(d))
                for key, kind, ref, stage, title, d in milestones
            ),
            spans=(),
        )

    def apply_plan(self, plan_id: int, request: PlanRequest, plan: Plan) -> dict[str, str]:
        """Replace a plan's schedule with a re-plan, matching sessions by key.

        A session that keeps its key keeps its row, and with it its id and notes. Returns the
        notes of the sessions it removed, by key, so that an undo can put them back.
        """
        with self._write() as writes:
            return writes.apply_plan(plan_id, request, plan)

    def restore_notes(self, plan_id: int, notes: dict[str, str]) -> None:
        """Put notes back on the sessions that have these keys."""
        with self._write() as writes:
            writes.restore_notes(plan_id, notes)

    def missed_sessions(self, plan_id: int, today: date) -> int:
        """Sessions before ``today`` that were neither done nor skipped."""
        with self._read() as conn:
            (count,) = conn.execute(
                "SELECT count(*) FROM study_session WHERE plan_id = ? AND day < ? AND status = ?",
                (plan_id, today.isoformat(), SessionStatus.PLANNED.value),
            ).fetchone()
        return int(count)

    def session_edit(self, plan_id: int, key: str) -> SessionEdit:
        """The editable state of a session."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT day, status, actual_minutes, locked, notes, seq FROM study_session "
                "WHERE plan_id = ? AND key = ?",
                (plan_id, key),
            ).fetchone()
        if row is None:
            raise KeyError(f"plan {plan_id} has no session '{key}'")
        day, status, actual, locked, notes, seq = row
        return SessionEdit(
            date.fromisoformat(day), SessionStatus(status), actual, bool(locked), notes, seq
        )

    def set_session(self, plan_id: int, key: str, edit: SessionEdit) -> None:
        """Give a session this state: a move, a mark, a lock or a note, in one transaction."""
        with self._write() as writes:
            writes.set_session(plan_id, key, edit)

    def delete_session(self, plan_id: int, key: str) -> StoredSession:
        """Remove a session; the returned copy can put it back."""
        with self._write() as writes:
            return writes.delete_session(plan_id, key)

    def restore_session(self, plan_id: int, stored: StoredSession) -> None:
        """Put a deleted session back as it was."""
        with self._write() as writes:
            writes.restore_session(plan_id, stored)

    def update_session(
        self,
        plan_id: int,
        key: str,
        *,
        status: SessionStatus | None = None,
        actual_minutes: int | None = None,
        locked: bool | None = None,
    ) -> None:
        """Mark a session done or skipped, record its minutes, or lock it."""
        with self._write() as writes:
            writes.update_session(plan_id, key, status, actual_minutes, locked)

    def reviews(self) -> Reviews:
        """A connection for one review of cards; close it when the review ends."""
        return Reviews(self.path)

    def decks(self, now: datetime) -> tuple[Deck, ...]:
        """The deck tree of every roadmap with cards, with today's counts."""
        reviews = self.reviews()
        try:
            counts = reviews.deck_counts(now, end_of_day(now))
        finally:
            reviews.close()
        with self._read() as conn:
            bodies = conn.execute(
                "SELECT body FROM roadmap WHERE id IN (SELECT DISTINCT roadmap_id FROM card) "
                "ORDER BY title"
            ).fetchall()
        return deck_tree([Roadmap.model_validate_json(body) for (body,) in bodies], counts)

    def cards_due_today(self, now: datetime, limits: DailyLimits) -> CardCounts:
        """What a review of every deck would show today, within the daily limits."""
        reviews = self.reviews()
        try:
            return reviews.queue(DeckScope(), now, end_of_day(now), limits).remaining()
        finally:
            reviews.close()

    # Cards

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

    def add_card(self, card: NewCard, now: datetime) -> int:
        """Add a card of the learner's own; it starts as a new card."""
        with self._write() as writes:
            return writes.add_card(card, now)

    def deck_cards(self, scope: DeckScope) -> list[tuple[CardText, str]]:
        """The text of every card in a deck (suspended ones too), with an id that stays put."""
        where, params = scope_where(scope, include_suspended=True)
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT front, back, tags, coalesce(roadmap_id, deck), key FROM card "
                f"WHERE {where} ORDER BY id",
                params,
            ).fetchall()
        return [(CardText(f, b, t), f"{owner}/{key}") for f, b, t, owner, key in rows]

    def quiz_cards(self, scope: DeckScope) -> tuple[list[QuizCard], list[QuizCard]]:
        """The cards a quiz of this deck asks, and the wider pool its wrong answers come from."""
        pool_scope = DeckScope(scope.roadmap_id, None, scope.deck)
        with self._read() as conn:
            return _quiz_cards(conn, scope), _quiz_cards(conn, pool_scope)

    def save_quiz(
        self, mode: QuizMode, scores: dict[tuple[str, str], tuple[int, int]], now: datetime
    ) -> None:
        """Keep a quiz's score, one row per topic it asked about."""
        with self._write() as writes:
            writes.add_quiz_scores(mode.value, scores, now)

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

    def import_cards(self, cards: list[NewCard], now: datetime) -> int:
        """Add many cards in one transaction: all of them, or none if anything fails."""
        with self._write() as writes:
            return writes.add_cards(cards, now)

    def deck_choice(self, name: str) -> DeckChoice:
        """The deck a name means: a roadmap topic with that full name, or a deck of its own."""
        wanted = " ".join(name.split())
        for choice in self.card_decks():
            if choice.label.casefold() == wanted.casefold():
                return choice
        return DeckChoice(wanted, deck=wanted)

    def edit_card(self, card_id: int, text: CardText) -> CardText:
        """Change a card's text and tags; returns the old ones, for undo."""
        with self._write() as writes:
            return writes.edit_card(card_id, text)

    def suspend_cards(self, card_ids: list[int], suspended: bool) -> None:
        """Take cards out of review, or put them back."""
        with self._write() as writes:
            writes.set_suspended(card_ids, suspended)

    def delete_cards(self, card_ids: list[int]) -> list[StoredCard]:
        """Delete cards with their history; the returned copies can restore them."""
        with self._write() as writes:
            return writes.delete_cards(card_ids)

    def restore_cards(self, cards: list[StoredCard]) -> None:
        """Put deleted cards back as they were."""
        with self._write() as writes:
            writes.restore_cards(cards)

    def review_forecast(self, now: datetime, days: int = 366) -> DayMinutes:
        """Minutes of review on each coming day, from FSRS's due dates and the learner's pace.

        Cards due (overdue ones count today) times the median seconds per answer, or
        ``DEFAULT_SECONDS_PER_ANSWER`` before there are any reviews.
        """
        reviews = self.reviews()
        try:
            counts = reviews.day_counts(now)
            overdue = len(reviews.overdue(end_of_day(now) - timedelta(days=1)))
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
            due = reviews.day_counts(now)
            overdue = len(reviews.overdue(start))
        finally:
            reviews.close()
        today = now.date()
        forecast = tuple(
            (day, due.get(day, 0) + (overdue if day == today else 0))
            for day in (today + timedelta(days=n) for n in range(30))
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

    # Milestones

    def milestone_reports(
        self, plan_id: int, now: datetime, settings: ReviewSettings, forecast: bool = True
    ) -> list[MilestoneReport]:
        """Every milestone of a plan, assessed today, with its forecast at the actual pace.

        ``forecast`` False skips the forecast (a re-plan of the rest), for a quick answer.
        """
        request = self.plan_request(plan_id)
        state = self.plan_state(plan_id)
        roadmap_id = request.roadmap.id
        with self._read() as conn:
            cards = _card_states(conn, roadmap_id)
            rules = _mastery_rules(conn, roadmap_id)
        quizzes = {
            topic: (score.right, score.total)
            for (roadmap, topic), score in self.quiz_scores().items()
            if roadmap == roadmap_id
        }
        at_pace = forecast_plan(request, state, now.date()) if forecast else None
        return milestone_reports(
            request.roadmap, state, at_pace, cards, quizzes, rules, now, settings
        )

    def set_strict_mastery(self, plan_id: int, strict: bool) -> None:
        """Hold each stage back until the one before it is mastered, or stop doing so."""
        with self._write() as writes:
            writes.set_strict_mastery(plan_id, strict)

    def mastery_rules(self, roadmap_id: str) -> dict[str, MasteryCriteria]:
        """The learner's mastery criteria: '' for the roadmap, else by milestone key."""
        with self._read() as conn:
            return _mastery_rules(conn, roadmap_id)

    def set_mastery_rule(
        self, roadmap_id: str, milestone_key: str, criteria: MasteryCriteria | None
    ) -> None:
        """Change the criteria of a roadmap ('') or a milestone; None restores the default."""
        with self._write() as writes:
            writes.set_mastery_rule(roadmap_id, milestone_key, criteria)

    def card_count(self) -> int:
        """How many flashcards the database holds."""
        with self._read() as conn:
            (count,) = conn.execute("SELECT count(*) FROM card").fetchone()
        return int(count)


def _mastery_rules(conn: sqlite3.Connection, roadmap_id: str) -> dict[str, MasteryCriteria]:
    """The learner's criteria for a roadmap ('' key) and its milestones."""
    rows = conn.execute(
        "SELECT milestone_key, reviewed_share, retrievability, quiz_score FROM mastery_rule "
        "WHERE roadmap_id = ?",
        (roadmap_id,),
    )
    return {key: MasteryCriteria(share, recall, quiz) for key, share, recall, quiz in rows}


def _card_states(conn: sqlite3.Connection, roadmap_id: str) -> dict[str, list[CardState]]:
    """The roadmap's cards that are not suspended, by topic."""
    by_topic: dict[str, list[CardState]] = defaultdict(list)
    rows = conn.execute(
        "SELECT topic_id, state, step, stability, difficulty, due, last_review FROM card "
        "WHERE roadmap_id = ? AND suspended = 0",
        (roadmap_id,),
    )
    for topic, state, step, stability, difficulty, due, last in rows:
        by_topic[topic].append(
            CardState(State(state), step, stability, difficulty, read_time(due), read_time(last))
        )
    return by_topic


def _quiz_cards(conn: sqlite3.Connection, scope: DeckScope) -> list[QuizCard]:
    where, params = scope_where(scope)
    rows = conn.execute(
        f"SELECT id, front, back, coalesce(roadmap_id, ''), "
        f"CASE WHEN roadmap_id IS NULL THEN deck ELSE topic_id END FROM card WHERE {where} "
        "ORDER BY id",
        params,
    )
    return [QuizCard(i, front, back, topic, roadmap) for i, front, back, roadmap, topic in rows]


def _aware(moment: datetime | None) -> datetime:
    assert moment is not None, "the column is NOT NULL"
    return moment


def _plan_row(conn: sqlite3.Connection, query: str, plan_id: int) -> Any:
    row = conn.execute(query, (plan_id,)).fetchone()
    if row is None:
        raise KeyError(f"there is no plan {plan_id}")
    return row


def _time(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


def _planned_session(row: tuple[Any, ...]) -> PlannedSession:
    key, topic, stage, title, day, minutes, start, certification, status, actual, locked = row
    return PlannedSession(
        key=key,
        topic_id=topic,
        stage_id=stage,
        title=title,
        day=date.fromisoformat(day),
        minutes=minutes,
        start_time=_time(start),
        certification_id=certification,
        status=SessionStatus(status),
        actual_minutes=actual,
        locked=bool(locked),
    )
