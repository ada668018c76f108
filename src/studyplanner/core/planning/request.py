"""What a plan is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from studyplanner.core.planning.week import DaysOff, WeeklyAvailability

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Roadmap

DayMinutes = tuple[tuple[date, int], ...]


class Pace(StrEnum):
    """Which end of each effort and duration range the plan uses."""

    FAST = "fast"
    STEADY = "steady"
    THOROUGH = "thorough"

    @property
    def fraction(self) -> float:
        """Where in a range this pace falls: 0.0 is its low end, 1.0 its high end."""
        return {Pace.FAST: 0.0, Pace.STEADY: 0.5, Pace.THOROUGH: 1.0}[self]


@dataclass(frozen=True)
class PlanRequest:
    """Everything the planner needs; it reads nothing else, not even today's date."""

    roadmap: Roadmap
    start: date
    availability: WeeklyAvailability
    pace: Pace = Pace.STEADY
    # With a target, the planner picks the point of each range that fits, instead of the pace.
    target: date | None = None
    days_off: DaysOff = field(default_factory=DaysOff)
    max_session_minutes: int = 90
    min_session_minutes: int = 15
    known_topics: frozenset[str] = frozenset()
    # Optional topics the learner chose to leave out (unlike known topics, they are not done).
    dropped_topics: frozenset[str] = frozenset()
    # None plans the roadmap's required certifications; a set names exactly which ones.
    certifications: frozenset[str] | None = None
    exam_days_after_preparation: int = 7
    # Minutes kept free for flashcard review before study: the schedule's forecast per day,
    # and the default for days it does not cover.
    daily_review_minutes: int = 0
    review_forecast: DayMinutes = ()
    # One-off extra minutes on particular days, such as a backlog spread over a fortnight.
    extra_minutes: DayMinutes = ()

    def __post_init__(self) -> None:
        if self.max_session_minutes < self.min_session_minutes or self.min_session_minutes < 5:
            raise ValueError("session lengths must satisfy 5 <= minimum <= maximum")
        if self.exam_days_after_preparation < 0:
            raise ValueError("the exam cannot come before its preparation ends")
        if self.daily_review_minutes < 0:
            raise ValueError("review time cannot be negative")
        if self.target is not None and self.target < self.start:
            raise ValueError(f"the target date {self.target} is before the start {self.start}")

    def wants_certification(self, cert_id: str, optional: bool) -> bool:
        """Whether a certification of the roadmap belongs in this plan."""
        if self.certifications is None:
            return not optional
        return cert_id in self.certifications

    def skips(self, topic_id: str) -> bool:
        """Whether a topic gets no sessions: known already, or dropped."""
        return topic_id in self.known_topics or topic_id in self.dropped_topics
