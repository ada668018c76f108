"""What a plan is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.model import Roadmap


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
    days_off: DaysOff = field(default_factory=DaysOff)
    max_session_minutes: int = 90
    min_session_minutes: int = 15
    known_topics: frozenset[str] = frozenset()
    # None plans the roadmap's required certifications; a set names exactly which ones.
    certifications: frozenset[str] | None = None
    exam_days_after_preparation: int = 7

    def __post_init__(self) -> None:
        if self.max_session_minutes < self.min_session_minutes or self.min_session_minutes < 5:
            raise ValueError("session lengths must satisfy 5 <= minimum <= maximum")
        if self.exam_days_after_preparation < 0:
            raise ValueError("the exam cannot come before its preparation ends")

    def wants_certification(self, cert_id: str, optional: bool) -> bool:
        """Whether a certification of the roadmap belongs in this plan."""
        if self.certifications is None:
            return not optional
        return cert_id in self.certifications
