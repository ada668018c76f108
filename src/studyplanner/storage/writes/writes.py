"""The store's unit of work: every group of writes in one transaction, committed together."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlmodel import Session

from studyplanner.storage.writes.cards import CardWrites
from studyplanner.storage.writes.media import MediaWrites
from studyplanner.storage.writes.milestones import MilestoneWrites
from studyplanner.storage.writes.plans import PlanWrites
from studyplanner.storage.writes.sessions import SessionWrites

if TYPE_CHECKING:
    from sqlalchemy import Engine


class Writes(PlanWrites, SessionWrites, MilestoneWrites, CardWrites, MediaWrites):
    """One unit of work: every change made through it commits together, or not at all."""

    @classmethod
    @contextmanager
    def begin(cls, engine: Engine) -> Iterator[Writes]:
        """A transaction, committed when the block ends and rolled back if it raises."""
        with Session(engine) as session, session.begin():
            yield cls(session)
