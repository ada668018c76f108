"""The store's roadmaps, plans and sessions."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from studyplanner.core.planning.plan import (
    MilestoneKind,
    Plan,
    PlannedMilestone,
    PlannedSession,
    SessionStatus,
)
from studyplanner.storage.queries.views import (
    MilestoneView,
    PlanSummary,
    ResourceNote,
    RoadmapEntry,
    SessionEdit,
    SessionView,
    TopicNotes,
)
from studyplanner.storage.schema.codec import fraction_from_json, request_from_json
from studyplanner.storage.schema.roadmap_json import roadmap_from_json
from studyplanner.storage.store_base import StoreBase

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.roadmap.model import Roadmap

SESSION_COLUMNS = (
    "key, topic_id, stage_id, title, day, minutes, start_time, certification_id, status, "
    "actual_minutes, locked"
)


class RoadmapConflictError(ValueError):
    """An imported roadmap would replace a bundled one."""


class PlanStore(StoreBase):
    """Roadmaps the learner can plan from, their plans, and the plans' sessions."""

    def roadmaps(self) -> list[RoadmapEntry]:
        """The catalogue's roadmaps, then the learner's imported ones, by title."""
        entries = [RoadmapEntry(r, "bundled") for r in self.catalogue.roadmaps()]
        with self._read() as conn:
            rows = conn.execute("SELECT body FROM roadmap WHERE origin = 'imported'").fetchall()
        imported = [roadmap_from_json(body) for (body,) in rows]
        entries += [RoadmapEntry(r, "imported") for r in sorted(imported, key=lambda r: r.title)]
        return entries

    def import_roadmap(self, path: Path) -> Roadmap:
        """Validate a roadmap file and keep it; a bad file raises and changes nothing."""
        from studyplanner.core.roadmap.loader import load_roadmap_file

        roadmap = load_roadmap_file(path)
        if self.catalogue.get(roadmap.id) is not None:
            raise RoadmapConflictError(
                f"{path.name}: a bundled roadmap already has the id '{roadmap.id}'; "
                "give your roadmap another id"
            )
        with self._write() as writes:
            writes.put_roadmap(roadmap, "imported")
        return roadmap

    def create_plan(self, name: str, request: PlanRequest, plan: Plan, now: datetime) -> int:
        """Store a new plan with its sessions, milestones and the roadmap's cards."""
        bundled = self.catalogue.get(request.roadmap.id) is not None
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
                SessionStatus(status),
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

    def plan_stage_order(self, plan_id: int) -> dict[str, int]:
        """Each stage's place in a plan's roadmap, from its stored JSON (no models to load)."""
        stages = self._roadmap_json(plan_id).get("stages", [])
        return {stage["id"]: n for n, stage in enumerate(stages)}

    def plan_topics(self, plan_id: int) -> dict[str, TopicNotes]:
        """The topics of a plan's roadmap, read from its stored JSON (no models to load)."""
        roadmap = self._roadmap_json(plan_id)
        groups = [stage.get("topics", []) for stage in roadmap.get("stages", [])]
        groups += [cert.get("preparation", []) for cert in roadmap.get("certifications", [])]
        return {
            topic["id"]: TopicNotes(
                topic["id"],
                topic["title"],
                topic.get("summary", ""),
                tuple(topic.get("key_actions", ())),
                tuple(ResourceNote(r["title"], r.get("url")) for r in topic.get("resources", ())),
            )
            for topics in groups
            for topic in topics
        }

    def _roadmap_json(self, plan_id: int) -> dict[str, Any]:
        with self._read() as conn:
            (body,) = _plan_row(
                conn,
                "SELECT r.body FROM plan p JOIN roadmap r ON r.id = p.roadmap_id WHERE p.id = ?",
                plan_id,
            )
        roadmap: dict[str, Any] = json.loads(body)
        return roadmap

    def plan_request(self, plan_id: int) -> PlanRequest:
        """The request a plan was made from, as it stands now."""
        with self._read() as conn:
            body, start, pace, settings = _plan_row(
                conn,
                "SELECT r.body, p.start_date, p.pace, p.settings FROM plan p "
                "JOIN roadmap r ON r.id = p.roadmap_id WHERE p.id = ?",
                plan_id,
            )
        roadmap = roadmap_from_json(body)
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
