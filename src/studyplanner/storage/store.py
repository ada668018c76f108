"""The learner's database: its reads, and ``write()``, the one transaction changes go through.

Reads use the standard library's sqlite3. SQLModel loads at the first change, so opening the
app to its Today page costs neither its import time (0.3 s) nor its memory (50 MiB); the
milestone reports, and the planner their forecast needs, load when first asked for. Changes are
made through the ``Writes`` that ``write()`` yields (storage/writes/), composed by the operations
into one transaction each; the store keeps only the changes with checks of their own (a new plan,
an imported roadmap). The reads are grouped by subject: plans (plan_store.py), cards
(card_store.py), and here the milestones, which need both.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING

from studyplanner.core.planning.plan import MilestoneKind
from studyplanner.storage.card_store import CardStore
from studyplanner.storage.plan_store import PlanStore, RoadmapConflictError
from studyplanner.storage.reviews.reviews import read_time
from studyplanner.storage.store_base import DATABASE_NAME

if TYPE_CHECKING:
    from studyplanner.core.cards.scheduling import CardState, ReviewSettings
    from studyplanner.core.milestones.mastery import MasteryCriteria
    from studyplanner.core.milestones.reports import MilestoneReport

__all__ = ["DATABASE_NAME", "RoadmapConflictError", "Store"]


class Store(PlanStore, CardStore):
    """The learner's database: reads, ``write()`` for changes, and the changes with checks."""

    def milestone_reports(
        self, plan_id: int, now: datetime, settings: ReviewSettings, forecast: bool = True
    ) -> list[MilestoneReport]:
        """Every milestone of a plan, assessed today, with its forecast at the actual pace.

        ``forecast`` False skips the forecast (a re-plan of the rest), for a quick answer.
        """
        from studyplanner.core.milestones.mastery import MilestoneState
        from studyplanner.core.milestones.reports import milestone_reports
        from studyplanner.core.planning.replan import forecast_plan

        request = self.plan_request(plan_id)
        state = self.plan_state(plan_id)
        roadmap_id = request.roadmap.id
        with self._read() as conn:
            cards = _card_states(conn, roadmap_id)
            rules = _mastery_rules(conn, roadmap_id)
            own = {
                key: (state == MilestoneState.REACHED.value, criteria)
                for key, state, criteria in conn.execute(
                    "SELECT key, state, criteria FROM milestone "
                    "WHERE plan_id = ? AND kind IN (?, ?)",
                    (plan_id, MilestoneKind.OWN.value, MilestoneKind.RENEWAL.value),
                )
            }
        quizzes = {
            topic: (score.right, score.total)
            for (roadmap, topic), score in self.quiz_scores().items()
            if roadmap == roadmap_id
        }
        at_pace = forecast_plan(request, state, now.date()) if forecast else None
        return milestone_reports(
            request.roadmap, state, at_pace, cards, quizzes, rules, now, settings, own
        )

    def mastery_rules(self, roadmap_id: str) -> dict[str, MasteryCriteria]:
        """The learner's mastery criteria: '' for the roadmap, else by milestone key."""
        with self._read() as conn:
            return _mastery_rules(conn, roadmap_id)


def _mastery_rules(conn: sqlite3.Connection, roadmap_id: str) -> dict[str, MasteryCriteria]:
    """The learner's criteria for a roadmap ('' key) and its milestones."""
    from studyplanner.core.milestones.mastery import MasteryCriteria

    rows = conn.execute(
        "SELECT milestone_key, reviewed_share, retrievability, quiz_score FROM mastery_rule "
        "WHERE roadmap_id = ?",
        (roadmap_id,),
    )
    return {key: MasteryCriteria(share, recall, quiz) for key, share, recall, quiz in rows}


def _card_states(conn: sqlite3.Connection, roadmap_id: str) -> dict[str, list[CardState]]:
    """The roadmap's cards that are not suspended, by topic."""
    from studyplanner.core.cards.ratings import State
    from studyplanner.core.cards.scheduling import CardState

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
