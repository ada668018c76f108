"""The store's changes, through SQLModel, each inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import Engine, insert, update
from sqlmodel import Session, col, func, select

from studyplanner.core.milestones.mastery import MasteryCriteria
from studyplanner.core.planning.plan import (
    MilestoneKind,
    Plan,
    PlannedMilestone,
    PlannedSession,
    SessionStatus,
)
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.queries.views import (
    CardText,
    NewCard,
    SessionEdit,
    StoredCard,
    StoredSession,
)
from studyplanner.storage.schema.codec import request_to_json
from studyplanner.storage.schema.tables import (
    CardRecord,
    MasteryRuleRecord,
    MilestoneRecord,
    PlanRecord,
    QuizResultRecord,
    ReviewRecord,
    RoadmapRecord,
    SessionRecord,
)


class Writes:
    """One unit of work: every change made through it commits together, or not at all."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @classmethod
    @contextmanager
    def begin(cls, engine: Engine) -> Iterator[Writes]:
        """A transaction, committed when the block ends and rolled back if it raises."""
        with Session(engine) as session, session.begin():
            yield cls(session)

    def put_roadmap(self, roadmap: Roadmap, origin: str) -> None:
        """Keep a roadmap, replacing the stored copy with the same id."""
        record = self.session.get(RoadmapRecord, roadmap.id) or RoadmapRecord(
            id=roadmap.id, title="", source="", year=0, origin=origin, body=""
        )
        record.title = roadmap.title
        record.source = roadmap.source.name
        record.year = roadmap.year
        record.revision = roadmap.revision
        record.origin = origin
        record.body = roadmap.model_dump_json()
        self.session.add(record)

    def create_plan(
        self, name: str, request: PlanRequest, plan: Plan, origin: str, now: datetime
    ) -> int:
        """Store a new plan with its roadmap, sessions, milestones and the roadmap's cards."""
        roadmap = request.roadmap
        self.put_roadmap(roadmap, origin)
        self.session.flush()  # no ORM relationships order the inserts, so the roadmap goes first
        record = PlanRecord(
            name=name,
            roadmap_id=roadmap.id,
            roadmap_revision=roadmap.revision,
            start_date=request.start,
            pace=request.pace.value,
            settings=request_to_json(request, plan.fraction),
            created_at=now,
        )
        self.session.add(record)
        self.session.flush()
        assert record.id is not None
        # Bulk inserts: a plan holds thousands of sessions, and ORM objects cost 30x more.
        # A plan of known topics only has no sessions, and an empty bulk insert would insert
        # one row of defaults.
        sessions = [session_row(record.id, n, s) for n, s in enumerate(plan.sessions)]
        if sessions:
            self.session.execute(insert(SessionRecord), sessions)
        milestones = [milestone_row(record.id, m) for m in plan.milestones]
        if milestones:
            self.session.execute(insert(MilestoneRecord), milestones)
        self._add_missing_cards(roadmap, now)
        return record.id

    def apply_plan(self, plan_id: int, request: PlanRequest, plan: Plan) -> dict[str, str]:
        """Replace a plan's schedule by session key; return the removed sessions' notes."""
        record = self._plan(plan_id)
        record.settings = request_to_json(request, plan.fraction)
        record.pace = request.pace.value
        self.session.add(record)
        removed = self._sync_by_key(
            SessionRecord,
            plan_id,
            {s.key: session_row(plan_id, n, s) for n, s in enumerate(plan.sessions)},
        )
        self._sync_by_key(
            MilestoneRecord,
            plan_id,
            {m.key: milestone_row(plan_id, m) for m in plan.milestones},
            keep=lambda record: MilestoneKind(record.kind).by_learner,  # re-planning keeps them
        )
        return {r.key: r.notes for r in removed if r.notes}

    def plan_settings(self, plan_id: int) -> tuple[str, str]:
        """A plan's stored request and pace, as kept, for an undo to put back."""
        record = self._plan(plan_id)
        return record.settings, record.pace

    def set_plan_settings(self, plan_id: int, settings: str, pace: str) -> None:
        """Put back a plan's request and pace as they were kept."""
        record = self._plan(plan_id)
        record.settings, record.pace = settings, pace
        self.session.add(record)

    def restore_notes(self, plan_id: int, notes: dict[str, str]) -> None:
        """Put notes back on the sessions that have these keys."""
        for key, text in notes.items():
            row = self._find_session(plan_id, key)
            if row is not None:
                row.notes = text
                self.session.add(row)

    def set_session(self, plan_id: int, key: str, edit: SessionEdit) -> None:
        """Give a session this state: a move, a mark, a lock or a note."""
        row = self._session(plan_id, key)
        if edit.seq is not None:
            row.seq = edit.seq
        elif row.day != edit.day:
            last = self.session.exec(
                select(func.max(SessionRecord.seq)).where(SessionRecord.plan_id == plan_id)
            ).one()
            row.seq = (last or 0) + 1  # a moved session goes after the day's others
        row.day = edit.day
        row.status = edit.status.value
        row.actual_minutes = edit.actual_minutes
        row.locked = edit.locked
        row.notes = edit.notes
        self.session.add(row)

    def update_session(
        self,
        plan_id: int,
        key: str,
        status: SessionStatus | None,
        actual_minutes: int | None,
        locked: bool | None,
    ) -> None:
        """Change the given fields of a session; None leaves a field as it is."""
        row = self._session(plan_id, key)
        if status is not None:
            row.status = status.value
        if actual_minutes is not None:
            row.actual_minutes = actual_minutes
        if locked is not None:
            row.locked = locked
        self.session.add(row)

    def delete_session(self, plan_id: int, key: str) -> StoredSession:
        """Remove a session; the returned copy can put it back."""
        row = self._session(plan_id, key)
        kept = StoredSession(planned_session(row), row.notes, row.seq)
        self.session.delete(row)
        return kept

    def restore_session(self, plan_id: int, stored: StoredSession) -> None:
        """Put a deleted session back as it was."""
        row = {**session_row(plan_id, stored.seq, stored.session), "notes": stored.notes}
        self.session.execute(insert(SessionRecord), [row])

    def add_card(self, card: NewCard, now: datetime) -> int:
        """A new card, scheduled as new; its key is made unique from the time and a counter."""
        record = CardRecord(
            roadmap_id=card.roadmap_id,
            topic_id=card.topic_id,
            deck=card.deck,
            key=f"own-{now:%Y%m%d%H%M%S%f}-{uuid4().hex[:8]}",
            front=card.text.front,
            back=card.text.back,
            tags=card.text.tags,
            created_at=now.astimezone(UTC),
        )
        self.session.add(record)
        self.session.flush()
        assert record.id is not None
        return record.id

    def add_cards(self, cards: list[NewCard], now: datetime) -> int:
        """Many new cards in one insert; returns how many."""
        created = now.astimezone(UTC)
        stamp = f"{now:%Y%m%d%H%M%S%f}-{uuid4().hex[:8]}"
        rows = [
            {
                "roadmap_id": card.roadmap_id,
                "topic_id": card.topic_id,
                "deck": card.deck,
                "key": f"own-{stamp}-{n}",
                "front": card.text.front,
                "back": card.text.back,
                "tags": card.text.tags,
                "created_at": created,
            }
            for n, card in enumerate(cards)
        ]
        if rows:
            self.session.execute(insert(CardRecord), rows)
        return len(rows)

    def add_quiz_scores(
        self, mode: str, scores: dict[tuple[str, str], tuple[int, int]], now: datetime
    ) -> None:
        """One quiz's score, a row per (roadmap, topic); own decks have no roadmap."""
        rows = [
            {
                "roadmap_id": roadmap or None,
                "topic_id": topic if roadmap else "",
                "deck": "" if roadmap else topic,
                "mode": mode,
                "taken_at": now.astimezone(UTC),
                "correct": right,
                "total": total,
            }
            for (roadmap, topic), (right, total) in scores.items()
        ]
        if rows:
            self.session.execute(insert(QuizResultRecord), rows)

    def set_strict_mastery(self, plan_id: int, strict: bool) -> None:
        """Turn strict mode on or off for a plan."""
        record = self._plan(plan_id)
        record.strict_mastery = strict
        self.session.add(record)

    def add_own_milestone(
        self,
        plan_id: int,
        title: str,
        day: date,
        criteria: str,
        key: str | None = None,
        renews: str = "",
    ) -> str:
        """A milestone of the learner's own, or the renewal of certification ``renews``."""
        kind = MilestoneKind.RENEWAL if renews else MilestoneKind.OWN
        record = MilestoneRecord(
            plan_id=plan_id,
            key=key or f"{kind.value}:{uuid4().hex[:12]}",
            kind=kind.value,
            ref_id=renews,
            title=title,
            day=day,
            criteria=criteria,
        )
        self.session.add(record)
        return record.key

    def set_milestone_state(self, plan_id: int, key: str, state: str) -> str:
        """Mark a milestone of the learner's own reached or not; returns the old state."""
        record = self._own_milestone(plan_id, key)
        before, record.state = record.state, state
        self.session.add(record)
        return before

    def delete_own_milestone(self, plan_id: int, key: str) -> dict[str, Any]:
        """Remove a milestone of the learner's own; the returned row can put it back."""
        record = self._own_milestone(plan_id, key)
        row = record.model_dump()
        self.session.delete(record)
        return row

    def restore_milestone(self, row: dict[str, Any]) -> None:
        """Put a deleted milestone back as it was."""
        self.session.execute(insert(MilestoneRecord), [row])

    def _own_milestone(self, plan_id: int, key: str) -> MilestoneRecord:
        record = self.session.exec(
            select(MilestoneRecord)
            .where(MilestoneRecord.plan_id == plan_id)
            .where(MilestoneRecord.key == key)
            .where(
                col(MilestoneRecord.kind).in_(
                    [MilestoneKind.OWN.value, MilestoneKind.RENEWAL.value]
                )
            )
        ).first()
        if record is None:
            raise KeyError(f"plan {plan_id} has no milestone of its own called '{key}'")
        return record

    def set_mastery_rule(
        self, roadmap_id: str, milestone_key: str, criteria: MasteryCriteria | None
    ) -> None:
        """Keep criteria for a roadmap ('') or a milestone; None goes back to the default."""
        record = self.session.exec(
            select(MasteryRuleRecord)
            .where(MasteryRuleRecord.roadmap_id == roadmap_id)
            .where(MasteryRuleRecord.milestone_key == milestone_key)
        ).first()
        if criteria is None:
            if record is not None:
                self.session.delete(record)
            return
        record = record or MasteryRuleRecord(
            roadmap_id=roadmap_id,
            milestone_key=milestone_key,
            reviewed_share=0,
            retrievability=0,
            quiz_score=0,
        )
        record.reviewed_share = criteria.reviewed_share
        record.retrievability = criteria.retrievability
        record.quiz_score = criteria.quiz_score
        self.session.add(record)

    def edit_card(self, card_id: int, text: CardText) -> CardText:
        """Change a card's text and tags; return what it said before."""
        record = self._card(card_id)
        before = CardText(record.front, record.back, record.tags)
        record.front, record.back, record.tags = text.front, text.back, text.tags
        self.session.add(record)
        return before

    def set_suspended(self, card_ids: list[int], suspended: bool) -> None:
        """Suspend cards (they leave every review) or bring them back."""
        self.session.execute(
            update(CardRecord).where(col(CardRecord.id).in_(card_ids)).values(suspended=suspended)
        )

    def delete_cards(self, card_ids: list[int]) -> list[StoredCard]:
        """Remove cards and their review history; the copies returned can put them back."""
        kept = []
        for card_id in card_ids:
            record = self._card(card_id)
            reviews = self.session.exec(
                select(ReviewRecord).where(ReviewRecord.card_id == card_id)
            ).all()
            kept.append(StoredCard(record.model_dump(), [r.model_dump() for r in reviews]))
            self.session.delete(record)  # the reviews go with it (ON DELETE CASCADE)
        return kept

    def restore_cards(self, cards: list[StoredCard]) -> None:
        """Put deleted cards back, with their ids and review history."""
        self.session.execute(insert(CardRecord), [c.card for c in cards])
        reviews = [r for c in cards for r in c.reviews]
        if reviews:
            self.session.execute(insert(ReviewRecord), reviews)

    def _card(self, card_id: int) -> CardRecord:
        record = self.session.get(CardRecord, card_id)
        if record is None:
            raise KeyError(f"there is no card {card_id}")
        return record

    def _add_missing_cards(self, roadmap: Roadmap, now: datetime) -> None:
        """Add the roadmap's cards that are not stored yet; stored ones keep their history."""
        have = set(
            self.session.exec(select(CardRecord.key).where(CardRecord.roadmap_id == roadmap.id))
        )
        self.session.add_all(
            CardRecord(
                roadmap_id=roadmap.id,
                key=card.id,
                topic_id=topic.id,
                front=card.front,
                back=card.back,
                tags=" ".join(card.tags),
                created_at=now.astimezone(UTC),
            )
            for topic, card in roadmap.cards()
            if card.id not in have
        )

    def _plan(self, plan_id: int) -> PlanRecord:
        plan = self.session.get(PlanRecord, plan_id)
        if plan is None:
            raise KeyError(f"there is no plan {plan_id}")
        return plan

    def _find_session(self, plan_id: int, key: str) -> SessionRecord | None:
        return self.session.exec(
            select(SessionRecord)
            .where(SessionRecord.plan_id == plan_id)
            .where(SessionRecord.key == key)
        ).first()

    def _session(self, plan_id: int, key: str) -> SessionRecord:
        row = self._find_session(plan_id, key)
        if row is None:
            raise KeyError(f"plan {plan_id} has no session '{key}'")
        return row

    def _sync_by_key(
        self,
        table: type[SessionRecord | MilestoneRecord],
        plan_id: int,
        rows: dict[str, dict[str, Any]],
        keep: Callable[[Any], bool] = lambda _record: False,
    ) -> list[Any]:
        """Update rows whose key stays, insert new keys, delete keys that are gone (returned).

        Rows that ``keep`` accepts are left as they are.
        """
        found: list[Any] = [
            r
            for r in self.session.exec(select(table).where(table.plan_id == plan_id))
            if not keep(r)
        ]
        existing = {r.key: r for r in found}
        removed = []
        for key, record in existing.items():
            if key not in rows:
                removed.append(record)
                self.session.delete(record)
            else:
                for field, value in rows[key].items():
                    setattr(record, field, value)
                self.session.add(record)
        self.session.flush()
        new = [row for key, row in rows.items() if key not in existing]
        if new:
            self.session.execute(insert(table), new)
        return removed


def session_row(plan_id: int, seq: int, s: PlannedSession) -> dict[str, Any]:
    """A session as the columns of its table."""
    return {
        "plan_id": plan_id,
        "seq": seq,
        "key": s.key,
        "topic_id": s.topic_id,
        "stage_id": s.stage_id,
        "certification_id": s.certification_id,
        "title": s.title,
        "day": s.day,
        "start_time": s.start_time,
        "minutes": s.minutes,
        "status": s.status.value,
        "actual_minutes": s.actual_minutes,
        "locked": s.locked,
    }


def milestone_row(plan_id: int, m: PlannedMilestone) -> dict[str, Any]:
    """A milestone as the columns of its table."""
    return {
        "plan_id": plan_id,
        "key": m.key,
        "kind": m.kind.value,
        "ref_id": m.ref_id,
        "stage_id": m.stage_id,
        "title": m.title,
        "day": m.day,
    }


def planned_session(r: SessionRecord) -> PlannedSession:
    """A stored session row back as the planner's session."""
    return PlannedSession(
        key=r.key,
        topic_id=r.topic_id,
        stage_id=r.stage_id,
        title=r.title,
        day=r.day,
        minutes=r.minutes,
        start_time=r.start_time,
        certification_id=r.certification_id,
        status=SessionStatus(r.status),
        actual_minutes=r.actual_minutes,
        locked=r.locked,
    )
