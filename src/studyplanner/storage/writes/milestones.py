"""The store's writes of milestones of the learner's own and of mastery criteria."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from sqlalchemy import insert
from sqlmodel import col, select

from studyplanner.core.milestones.mastery import MilestoneState
from studyplanner.core.planning.plan import MilestoneKind
from studyplanner.storage.schema.tables import MasteryRuleRecord, MilestoneRecord
from studyplanner.storage.writes.base import WritesBase

if TYPE_CHECKING:
    from studyplanner.core.milestones.mastery import MasteryCriteria


class MilestoneWrites(WritesBase):
    """Milestones the learner sets (re-planning keeps them), and the criteria of mastery."""

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

    def mark_own_milestone(self, plan_id: int, key: str, reached: bool) -> None:
        """Mark a milestone of the learner's own reached, or not."""
        state = MilestoneState.REACHED if reached else MilestoneState.UPCOMING
        self.set_milestone_state(plan_id, key, state.value)

    def delete_own_milestone(self, plan_id: int, key: str) -> dict[str, Any]:
        """Remove a milestone of the learner's own; the returned row can put it back."""
        record = self._own_milestone(plan_id, key)
        row = record.model_dump()
        self.session.delete(record)
        return row

    def restore_milestone(self, row: dict[str, Any]) -> None:
        """Put a deleted milestone back as it was."""
        self.session.execute(insert(MilestoneRecord), [row])

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
