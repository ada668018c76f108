"""The store's writes of single sessions: a move, a mark, a lock, a note, a delete and its undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import bindparam, insert, update
from sqlmodel import func, select

from studyplanner.storage.queries.views import StoredSession
from studyplanner.storage.schema.tables import SessionRecord
from studyplanner.storage.writes.base import WritesBase
from studyplanner.storage.writes.rows import planned_session, session_row, table_of

if TYPE_CHECKING:
    from studyplanner.core.planning.plan import SessionStatus
    from studyplanner.storage.queries.views import SessionEdit

SESSIONS = table_of(SessionRecord)


class SessionWrites(WritesBase):
    """Changes to a plan's sessions one at a time, found by key."""

    def restore_notes(self, plan_id: int, notes: dict[str, str]) -> None:
        """Put notes back on the sessions that have these keys, in one bulk update."""
        if not notes:
            return
        self.session.flush()  # a session changed through its ORM object first
        self.session.execute(
            update(SESSIONS)
            .where(SESSIONS.c.plan_id == plan_id)
            .where(SESSIONS.c.key == bindparam("session_key"))
            .values(notes=bindparam("session_notes")),
            [{"session_key": key, "session_notes": text} for key, text in notes.items()],
        )

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
        status: SessionStatus | None = None,
        actual_minutes: int | None = None,
        locked: bool | None = None,
    ) -> None:
        """Mark a session done or skipped, record its minutes, or lock it; None leaves a field."""
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
