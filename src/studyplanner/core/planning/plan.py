"""A plan: dated study sessions, stage spans and milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum


class MilestoneKind(StrEnum):
    """What a milestone marks."""

    STAGE_END = "stage_end"
    CERTIFICATION = "certification"


@dataclass(frozen=True)
class PlannedSession:
    """One sitting of study on one day, for one topic."""

    key: str
    topic_id: str
    stage_id: str
    title: str
    day: date
    minutes: int
    start_time: time | None = None
    certification_id: str | None = None


@dataclass(frozen=True)
class PlannedMilestone:
    """A dated point to reach: a stage's end or a certification exam."""

    key: str
    kind: MilestoneKind
    ref_id: str
    title: str
    day: date


@dataclass(frozen=True)
class StageSpan:
    """The dates a stage occupies; a time-based stage lasts at least its duration."""

    stage_id: str
    start: date
    end: date


@dataclass(frozen=True)
class Plan:
    """The planner's result. Sessions and milestones are in date order."""

    roadmap_id: str
    start: date
    sessions: tuple[PlannedSession, ...]
    milestones: tuple[PlannedMilestone, ...]
    spans: tuple[StageSpan, ...]

    @property
    def finish(self) -> date:
        """The last date of the plan."""
        days = [s.day for s in self.sessions] + [m.day for m in self.milestones]
        days += [span.end for span in self.spans]
        return max(days, default=self.start)

    @property
    def total_minutes(self) -> int:
        """All planned study minutes."""
        return sum(s.minutes for s in self.sessions)
