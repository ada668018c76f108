"""A plan: dated study sessions, stage spans and milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum


class MilestoneKind(StrEnum):
    """What a milestone marks."""

    STAGE_END = "stage_end"
    CERTIFICATION = "certification"
    OWN = "own"  # added by the learner; reached when they say so
    RENEWAL = "renewal"  # renewing a certificate before it expires; reached when they say so

    @property
    def by_learner(self) -> bool:
        """Set by the learner rather than the planner: kept through re-planning."""
        return self in (MilestoneKind.OWN, MilestoneKind.RENEWAL)


class SessionStatus(StrEnum):
    """Where a session stands."""

    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"


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
    status: SessionStatus = SessionStatus.PLANNED
    actual_minutes: int | None = None
    locked: bool = False

    @property
    def kind(self) -> str:
        """'study', or 'certification' for exam preparation."""
        return "study" if self.certification_id is None else "certification"

    @property
    def part(self) -> int:
        """The session's number within its topic, from its key ``topic/n``."""
        return int(self.key.rsplit("/", 1)[1])

    @property
    def done_minutes(self) -> int:
        """Minutes of work this session accounts for: actual when logged, else planned."""
        if self.status is not SessionStatus.DONE:
            return 0
        return self.minutes if self.actual_minutes is None else self.actual_minutes

    @property
    def fixed(self) -> bool:
        """Whether re-planning must leave it where it is."""
        return self.locked or self.status is SessionStatus.DONE


@dataclass(frozen=True)
class PlannedMilestone:
    """A dated point to reach: a stage's end or a certification exam."""

    key: str
    kind: MilestoneKind
    ref_id: str
    stage_id: str
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
    fraction: float
    sessions: tuple[PlannedSession, ...]
    milestones: tuple[PlannedMilestone, ...]
    spans: tuple[StageSpan, ...]
    warnings: tuple[str, ...] = ()

    @property
    def finish(self) -> date:
        """The last date of the plan."""
        days = [s.day for s in self.sessions] + [m.day for m in self.milestones]
        days += [span.end for span in self.spans]
        return max(days, default=self.start)

    @property
    def total_minutes(self) -> int:
        """All study minutes the plan holds, skipped sessions left out."""
        return sum(s.minutes for s in self.sessions if s.status is not SessionStatus.SKIPPED)
