"""The operations the app performs on its database, one transaction each."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert
from sqlmodel import Session, col, func, select

from studyplanner.core.planning.plan import (
    MilestoneKind,
    Plan,
    PlannedMilestone,
    PlannedSession,
    SessionStatus,
)
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.roadmap.loader import bundled_roadmaps, load_roadmap_file
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.codec import fraction_from_json, request_from_json, request_to_json
from studyplanner.storage.engine import open_database
from studyplanner.storage.tables import (
    CardRecord,
    MilestoneRecord,
    PlanRecord,
    RoadmapRecord,
    SessionRecord,
)

DATABASE_NAME = "studyplanner.sqlite3"


class RoadmapConflictError(ValueError):
    """An imported roadmap would replace a bundled one."""


@dataclass(frozen=True)
class RoadmapEntry:
    """A roadmap the learner can plan from."""

    roadmap: Roadmap
    origin: str


@dataclass(frozen=True)
class PlanSummary:
    """A stored plan, as lists show it."""

    id: int
    name: str
    roadmap_id: str
    start: date
    finish: date
    sessions: int
    minutes: int


@dataclass(frozen=True)
class SessionView:
    """A stored session, as the calendar shows it."""

    id: int
    day: date
    title: str
    stage_id: str
    minutes: int
    start_time: time | None
    status: str
    key: str = ""
    topic_id: str = ""
    locked: bool = False
    actual_minutes: int | None = None

    @property
    def done_minutes(self) -> int:
        """Minutes of study this session accounts for, once done."""
        if self.status != SessionStatus.DONE:
            return 0
        return self.minutes if self.actual_minutes is None else self.actual_minutes


@dataclass(frozen=True)
class SessionEdit:
    """Everything a learner can change about a session; undo puts the old one back."""

    day: date
    status: SessionStatus
    actual_minutes: int | None
    locked: bool
    notes: str
    # The session's place among the day's sessions: None puts a moved session last, and undo
    # gives back the place it had.
    seq: int | None = None


@dataclass(frozen=True)
class StoredSession:
    """A whole session row, enough to put a deleted session back."""

    session: PlannedSession
    notes: str
    seq: int


@dataclass(frozen=True)
class MilestoneView:
    """A stored milestone."""

    day: date
    title: str
    kind: str


class Store:
    """The learner's database. Each method is one unit of work in its own session."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Open (creating or migrating as needed) the database in ``data_dir``."""
        path = data_dir / DATABASE_NAME
        return cls(open_database(path), path)

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    @contextmanager
    def _unit(self) -> Iterator[Session]:
        with Session(self.engine) as session, session.begin():
            yield session

    # Roadmaps

    def roadmaps(self) -> list[RoadmapEntry]:
        """Bundled roadmaps, then the learner's imported ones, by title."""
        entries = [RoadmapEntry(r, "bundled") for r in bundled_roadmaps()]
        with self._unit() as session:
            rows = session.exec(
                select(RoadmapRecord).where(RoadmapRecord.origin == "imported")
            ).all()
            imported = [Roadmap.model_validate_json(r.body) for r in rows]
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
        with self._unit() as session:
            _put_roadmap(session, roadmap, "imported")
        return roadmap

    # Plans

    def create_plan(self, name: str, request: PlanRequest, plan: Plan, now: datetime) -> int:
        """Store a new plan with its sessions, milestones and the roadmap's cards."""
        roadmap = request.roadmap
        with self._unit() as session:
            bundled = any(r.id == roadmap.id for r in bundled_roadmaps())
            _put_roadmap(session, roadmap, "bundled" if bundled else "imported")
            session.flush()  # no ORM relationships order the inserts, so the roadmap goes first
            record = PlanRecord(
                name=name,
                roadmap_id=roadmap.id,
                roadmap_revision=roadmap.revision,
                start_date=request.start,
                pace=request.pace.value,
                settings=request_to_json(request, plan.fraction),
                created_at=now,
            )
            session.add(record)
            session.flush()
            assert record.id is not None
            # Bulk inserts: a plan holds thousands of sessions, and ORM objects cost 30x more.
            session.execute(
                insert(SessionRecord),
                [_session_row(record.id, n, s) for n, s in enumerate(plan.sessions)],
            )
            session.execute(
                insert(MilestoneRecord), [_milestone_row(record.id, m) for m in plan.milestones]
            )
            _add_missing_cards(session, roadmap)
            return record.id

    def plans(self) -> list[PlanSummary]:
        """Every plan, newest first."""
        with self._unit() as session:
            plans = session.exec(select(PlanRecord).order_by(col(PlanRecord.id).desc())).all()
            totals = {
                plan_id: (count, minutes, last)
                for plan_id, count, minutes, last in session.exec(
                    select(
                        SessionRecord.plan_id,
                        func.count(col(SessionRecord.id)),
                        func.sum(SessionRecord.minutes),
                        func.max(SessionRecord.day),
                    ).group_by(col(SessionRecord.plan_id))
                )
            }
            milestone_ends = dict(
                session.exec(
                    select(MilestoneRecord.plan_id, func.max(MilestoneRecord.day)).group_by(
                        col(MilestoneRecord.plan_id)
                    )
                ).all()
            )
            summaries = []
            for plan in plans:
                assert plan.id is not None
                count, minutes, last = totals.get(plan.id, (0, 0, None))
                ends = [d for d in (last, milestone_ends.get(plan.id), plan.start_date) if d]
                summaries.append(
                    PlanSummary(
                        plan.id,
                        plan.name,
                        plan.roadmap_id,
                        plan.start_date,
                        max(ends),
                        count,
                        minutes,
                    )
                )
        return summaries

    def sessions_between(self, plan_id: int, first: date, last: date) -> list[SessionView]:
        """A plan's sessions from ``first`` to ``last`` inclusive, in date order."""
        with self._unit() as session:
            rows = session.exec(
                select(SessionRecord)
                .where(SessionRecord.plan_id == plan_id)
                .where(col(SessionRecord.day).between(first, last))
                .order_by(col(SessionRecord.day), col(SessionRecord.seq))
            ).all()
            return [
                SessionView(
                    r.id or 0,
                    r.day,
                    r.title,
                    r.stage_id,
                    r.minutes,
                    r.start_time,
                    r.status,
                    r.key,
                    r.topic_id,
                    r.locked,
                    r.actual_minutes,
                )
                for r in rows
            ]

    def milestones(self, plan_id: int) -> list[MilestoneView]:
        """A plan's milestones in date order."""
        with self._unit() as session:
            rows = session.exec(
                select(MilestoneRecord)
                .where(MilestoneRecord.plan_id == plan_id)
                .order_by(col(MilestoneRecord.day))
            ).all()
            return [MilestoneView(r.day, r.title, r.kind) for r in rows]

    def plan_roadmap(self, plan_id: int) -> Roadmap:
        """The roadmap a plan was made from, as stored with it."""
        with self._unit() as session:
            plan = session.get(PlanRecord, plan_id)
            if plan is None:
                raise KeyError(plan_id)
            record = session.get(RoadmapRecord, plan.roadmap_id)
            assert record is not None  # the foreign key guarantees it
            return Roadmap.model_validate_json(record.body)

    def plan_request(self, plan_id: int) -> PlanRequest:
        """The request a plan was made from, as it stands now."""
        with self._unit() as session:
            plan = _plan_record(session, plan_id)
            record = session.get(RoadmapRecord, plan.roadmap_id)
            assert record is not None  # the foreign key guarantees it
            roadmap = Roadmap.model_validate_json(record.body)
            return request_from_json(roadmap, plan.start_date, plan.pace, plan.settings)

    def plan_state(self, plan_id: int) -> Plan:
        """A stored plan with every session's status, as re-planning takes it."""
        with self._unit() as session:
            plan = _plan_record(session, plan_id)
            sessions = session.exec(
                select(SessionRecord)
                .where(SessionRecord.plan_id == plan_id)
                .order_by(col(SessionRecord.day), col(SessionRecord.seq))
            ).all()
            milestones = session.exec(
                select(MilestoneRecord)
                .where(MilestoneRecord.plan_id == plan_id)
                .order_by(col(MilestoneRecord.day), col(MilestoneRecord.key))
            ).all()
            return Plan(
                roadmap_id=plan.roadmap_id,
                start=plan.start_date,
                fraction=fraction_from_json(plan.settings, plan.pace),
                sessions=tuple(_planned_session(r) for r in sessions),
                milestones=tuple(
                    PlannedMilestone(
                        m.key, MilestoneKind(m.kind), m.ref_id, m.stage_id, m.title, m.day
                    )
                    for m in milestones
                ),
                spans=(),
            )

    def apply_plan(self, plan_id: int, request: PlanRequest, plan: Plan) -> dict[str, str]:
        """Replace a plan's schedule with a re-plan, matching sessions by key.

        A session that keeps its key keeps its row, and with it its id and notes. Returns the
        notes of the sessions it removed, by key, so that an undo can put them back.
        """
        with self._unit() as session:
            record = _plan_record(session, plan_id)
            record.settings = request_to_json(request, plan.fraction)
            record.pace = request.pace.value
            session.add(record)
            removed = _sync_by_key(
                session,
                SessionRecord,
                plan_id,
                {s.key: _session_row(plan_id, n, s) for n, s in enumerate(plan.sessions)},
            )
            _sync_by_key(
                session,
                MilestoneRecord,
                plan_id,
                {m.key: _milestone_row(plan_id, m) for m in plan.milestones},
            )
            return {r.key: r.notes for r in removed if r.notes}

    def restore_notes(self, plan_id: int, notes: dict[str, str]) -> None:
        """Put notes back on the sessions that have these keys."""
        with self._unit() as session:
            for key, text in notes.items():
                row = session.exec(
                    select(SessionRecord)
                    .where(SessionRecord.plan_id == plan_id)
                    .where(SessionRecord.key == key)
                ).first()
                if row is not None:
                    row.notes = text
                    session.add(row)

    def missed_sessions(self, plan_id: int, today: date) -> int:
        """Sessions before ``today`` that were neither done nor skipped."""
        with self._unit() as session:
            return session.exec(
                select(func.count(col(SessionRecord.id)))
                .where(SessionRecord.plan_id == plan_id)
                .where(SessionRecord.day < today)
                .where(SessionRecord.status == SessionStatus.PLANNED.value)
            ).one()

    def session_edit(self, plan_id: int, key: str) -> SessionEdit:
        """The editable state of a session."""
        with self._unit() as session:
            row = _session_record(session, plan_id, key)
            return SessionEdit(
                row.day,
                SessionStatus(row.status),
                row.actual_minutes,
                row.locked,
                row.notes,
                row.seq,
            )

    def set_session(self, plan_id: int, key: str, edit: SessionEdit) -> None:
        """Give a session this state: a move, a mark, a lock or a note, in one transaction."""
        with self._unit() as session:
            row = _session_record(session, plan_id, key)
            if edit.seq is not None:
                row.seq = edit.seq
            elif row.day != edit.day:
                last = session.exec(
                    select(func.max(SessionRecord.seq)).where(SessionRecord.plan_id == plan_id)
                ).one()
                row.seq = (last or 0) + 1  # a moved session goes after the day's others
            row.day = edit.day
            row.status = edit.status.value
            row.actual_minutes = edit.actual_minutes
            row.locked = edit.locked
            row.notes = edit.notes
            session.add(row)

    def delete_session(self, plan_id: int, key: str) -> StoredSession:
        """Remove a session; the returned copy can put it back."""
        with self._unit() as session:
            row = _session_record(session, plan_id, key)
            kept = StoredSession(_planned_session(row), row.notes, row.seq)
            session.delete(row)
            return kept

    def restore_session(self, plan_id: int, stored: StoredSession) -> None:
        """Put a deleted session back as it was."""
        with self._unit() as session:
            row = {**_session_row(plan_id, stored.seq, stored.session), "notes": stored.notes}
            session.execute(insert(SessionRecord), [row])

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
        with self._unit() as session:
            row = _session_record(session, plan_id, key)
            if status is not None:
                row.status = status.value
            if actual_minutes is not None:
                row.actual_minutes = actual_minutes
            if locked is not None:
                row.locked = locked
            session.add(row)

    def card_count(self) -> int:
        """How many flashcards the database holds."""
        with self._unit() as session:
            return session.exec(select(func.count(col(CardRecord.id)))).one()


def _put_roadmap(session: Session, roadmap: Roadmap, origin: str) -> None:
    record = session.get(RoadmapRecord, roadmap.id) or RoadmapRecord(
        id=roadmap.id, title="", source="", year=0, origin=origin, body=""
    )
    record.title = roadmap.title
    record.source = roadmap.source.name
    record.year = roadmap.year
    record.revision = roadmap.revision
    record.origin = origin
    record.body = roadmap.model_dump_json()
    session.add(record)


def _add_missing_cards(session: Session, roadmap: Roadmap) -> None:
    """Add the roadmap's cards that are not stored yet; stored ones keep their history."""
    have = set(session.exec(select(CardRecord.key).where(CardRecord.roadmap_id == roadmap.id)))
    session.add_all(
        CardRecord(
            roadmap_id=roadmap.id,
            key=card.id,
            topic_id=topic.id,
            front=card.front,
            back=card.back,
            tags=" ".join(card.tags),
        )
        for topic, card in roadmap.cards()
        if card.id not in have
    )


def _plan_record(session: Session, plan_id: int) -> PlanRecord:
    plan = session.get(PlanRecord, plan_id)
    if plan is None:
        raise KeyError(f"there is no plan {plan_id}")
    return plan


def _session_record(session: Session, plan_id: int, key: str) -> SessionRecord:
    row = session.exec(
        select(SessionRecord)
        .where(SessionRecord.plan_id == plan_id)
        .where(SessionRecord.key == key)
    ).first()
    if row is None:
        raise KeyError(f"plan {plan_id} has no session '{key}'")
    return row


def _session_row(plan_id: int, seq: int, s: PlannedSession) -> dict[str, Any]:
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


def _milestone_row(plan_id: int, m: PlannedMilestone) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "key": m.key,
        "kind": m.kind.value,
        "ref_id": m.ref_id,
        "stage_id": m.stage_id,
        "title": m.title,
        "day": m.day,
    }


def _planned_session(r: SessionRecord) -> PlannedSession:
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


def _sync_by_key(
    session: Session,
    table: type[SessionRecord | MilestoneRecord],
    plan_id: int,
    rows: dict[str, dict[str, Any]],
) -> list[Any]:
    """Update rows whose key stays, insert new keys, delete keys that are gone (returned)."""
    found: list[Any] = list(session.exec(select(table).where(table.plan_id == plan_id)))
    existing = {r.key: r for r in found}
    removed = []
    for key, record in existing.items():
        if key not in rows:
            removed.append(record)
            session.delete(record)
        else:
            for field, value in rows[key].items():
                setattr(record, field, value)
            session.add(record)
    session.flush()
    new = [row for key, row in rows.items() if key not in existing]
    if new:
        session.execute(insert(table), new)
    return removed
