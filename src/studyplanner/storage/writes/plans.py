"""The store's writes of roadmaps and plans: a new plan, a re-plan applied, a plan's settings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlmodel import select

from studyplanner.core.planning.plan import MilestoneKind
from studyplanner.storage.schema.codec import request_to_json
from studyplanner.storage.schema.tables import (
    CardRecord,
    MilestoneRecord,
    PlanRecord,
    RoadmapRecord,
    SessionRecord,
)
from studyplanner.storage.writes.base import WritesBase
from studyplanner.storage.writes.rows import milestone_row, session_row, table_of
from studyplanner.storage.writes.sync import sync_by_key

if TYPE_CHECKING:
    from studyplanner.core.planning.plan import Plan
    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.roadmap.model import Roadmap

SESSIONS = table_of(SessionRecord)
MILESTONES = table_of(MilestoneRecord)


class PlanWrites(WritesBase):
    """Roadmaps and plans, with a plan's whole schedule at once."""

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
            self.session.execute(insert(SESSIONS), sessions)
        milestones = [milestone_row(record.id, m) for m in plan.milestones]
        if milestones:
            self.session.execute(insert(MILESTONES), milestones)
        self._add_missing_cards(roadmap, now)
        return record.id

    def apply_plan(self, plan_id: int, request: PlanRequest, plan: Plan) -> dict[str, str]:
        """Replace a plan's schedule by session key; return the removed sessions' notes.

        A session that keeps its key keeps its row: its id, its notes and its place. The
        learner's own milestones are kept as they are.
        """
        record = self._plan(plan_id)
        record.settings = request_to_json(request, plan.fraction)
        record.pace = request.pace.value
        self.session.add(record)
        removed = sync_by_key(
            self.session,
            SESSIONS,
            plan_id,
            {s.key: session_row(plan_id, n, s) for n, s in enumerate(plan.sessions)},
            also_read=("notes",),
        )
        sync_by_key(
            self.session,
            MILESTONES,
            plan_id,
            {m.key: milestone_row(plan_id, m) for m in plan.milestones},
            also_read=("kind",),
            keep=lambda row: MilestoneKind(row.kind).by_learner,  # re-planning keeps them
        )
        return {row.key: row.notes for row in removed if row.notes}

    def plan_settings(self, plan_id: int) -> tuple[str, str]:
        """A plan's stored request and pace, as kept, for an undo to put back."""
        record = self._plan(plan_id)
        return record.settings, record.pace

    def set_plan_settings(self, plan_id: int, settings: str, pace: str) -> None:
        """Put back a plan's request and pace as they were kept."""
        record = self._plan(plan_id)
        record.settings, record.pace = settings, pace
        self.session.add(record)

    def set_strict_mastery(self, plan_id: int, strict: bool) -> None:
        """Turn strict mode on or off for a plan."""
        record = self._plan(plan_id)
        record.strict_mastery = strict
        self.session.add(record)

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
