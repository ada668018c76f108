"""What every group of the store's writes shares: the transaction's session and its plan rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyplanner.storage.schema.tables import PlanRecord

if TYPE_CHECKING:
    from sqlmodel import Session


class WritesBase:
    """Changes made through one SQLModel session, inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _plan(self, plan_id: int) -> PlanRecord:
        plan = self.session.get(PlanRecord, plan_id)
        if plan is None:
            raise KeyError(f"there is no plan {plan_id}")
        return plan
