"""The planner's sessions and milestones as table rows, stored rows back, and the tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studyplanner.core.planning.plan import PlannedSession, SessionStatus

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlmodel import SQLModel

    from studyplanner.core.planning.plan import PlannedMilestone
    from studyplanner.storage.schema.tables import SessionRecord


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


def table_of(record: type[SQLModel]) -> Table:
    """The table behind a SQLModel table class, for SQLAlchemy Core's bulk statements."""
    return record.metadata.tables[str(record.__tablename__)]
