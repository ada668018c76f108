"""Whether a milestone is reached: its work done and, for stages, its cards mastered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# A milestone is "due" in the week before its date.
DUE_WINDOW = timedelta(days=7)
# A forecast this much later than the plan flags the milestone as at risk.
RISK_MARGIN = timedelta(days=7)


class MilestoneState(StrEnum):
    """Where a milestone stands."""

    UPCOMING = "upcoming"
    DUE = "due"
    REACHED = "reached"
    MISSED = "missed"


@dataclass(frozen=True)
class MasteryCriteria:
    """What a stage's cards must show before its milestone counts as reached."""

    reviewed_share: float = 1.0  # of the stage's cards reviewed at least once
    retrievability: float = 0.85  # average predicted recall today
    quiz_score: float = 0.80  # the stage's practice-quiz score

    def __post_init__(self) -> None:
        for name in ("reviewed_share", "retrievability", "quiz_score"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"{name.replace('_', ' ')} must be between 0 and 1, not {value}")


@dataclass(frozen=True)
class Evidence:
    """What the learner has done towards a milestone."""

    sessions: int
    sessions_done: int
    cards: int = 0
    cards_reviewed: int = 0
    retrievability: float = 0.0  # average over the cards, today; never-reviewed cards count 0
    quiz_right: int = 0
    quiz_total: int = 0  # no quiz taken yet when 0

    @property
    def quiz_score(self) -> float | None:
        """The share of quiz answers right, or None before any quiz."""
        return self.quiz_right / self.quiz_total if self.quiz_total else None


@dataclass(frozen=True)
class Missing:
    """A criterion not met yet: what it asks, where the learner stands, what to do."""

    criterion: str
    have: str
    need: str
    advice: str


@dataclass(frozen=True)
class Assessment:
    """A milestone's state, and what still stands between the learner and it."""

    state: MilestoneState
    missing: tuple[Missing, ...]

    @property
    def gate_met(self) -> bool:
        """Work done and every criterion met."""
        return not self.missing


def missing_criteria(
    evidence: Evidence, criteria: MasteryCriteria | None, deck: str
) -> tuple[Missing, ...]:
    """The criteria not met yet, each with advice.

    ``criteria`` None means the work alone counts (exams, milestones without cards);
    ``deck`` names where to review, for the advice.
    """
    missing = []
    left = evidence.sessions - evidence.sessions_done
    if left > 0:
        missing.append(
            Missing(
                "study sessions done",
                f"{evidence.sessions_done} of {evidence.sessions}",
                "all",
                f"Do the {left} session{'s' if left != 1 else ''} left (see the calendar).",
            )
        )
    if criteria is None or evidence.cards == 0:
        return tuple(missing)
    share = evidence.cards_reviewed / evidence.cards
    if share < criteria.reviewed_share:
        unseen = evidence.cards - evidence.cards_reviewed
        missing.append(
            Missing(
                "cards reviewed at least once",
                f"{evidence.cards_reviewed} of {evidence.cards}",
                f"{criteria.reviewed_share:.0%}",
                f"Review the {deck} deck: {unseen} card{'s' if unseen != 1 else ''} "
                "not reviewed yet (they arrive as their topics' sessions are done).",
            )
        )
    if evidence.retrievability < criteria.retrievability:
        missing.append(
            Missing(
                "average recall today",
                f"{evidence.retrievability:.2f}",
                f"{criteria.retrievability:.2f}",
                f"Keep reviewing the {deck} deck when its cards come due; recall rises with "
                "each successful review.",
            )
        )
    score = evidence.quiz_score
    if criteria.quiz_score > 0 and (score is None or score < criteria.quiz_score):
        missing.append(
            Missing(
                "practice-quiz score",
                "no quiz yet" if score is None else f"{score:.0%}",
                f"{criteria.quiz_score:.0%}",
                f"Take a practice quiz on the {deck} deck (Flashcards page).",
            )
        )
    return tuple(missing)


def assess(
    day: date,
    today: date,
    evidence: Evidence,
    criteria: MasteryCriteria | None,
    deck: str,
) -> Assessment:
    """A milestone's state on ``today``: reached once the gate is met, whatever the date."""
    missing = missing_criteria(evidence, criteria, deck)
    return Assessment(state_on(day, today, not missing), missing)


def state_on(day: date, today: date, met: bool) -> MilestoneState:
    """Reached when met; otherwise upcoming, due in its last week, or missed after its date."""
    if met:
        return MilestoneState.REACHED
    if today > day:
        return MilestoneState.MISSED
    if today >= day - DUE_WINDOW:
        return MilestoneState.DUE
    return MilestoneState.UPCOMING


def own_assessment(day: date, today: date, reached: bool, criteria: str) -> Assessment:
    """A milestone of the learner's own: reached when they say so."""
    missing = (
        ()
        if reached
        else (
            Missing(
                "marked reached",
                "not yet",
                "done",
                "When this is true, select it and press Mark Reached: "
                f"{criteria or 'as you set it'}.",
            ),
        )
    )
    return Assessment(state_on(day, today, reached), missing)


def at_risk(planned: date, forecast: date | None, reached: bool) -> bool:
    """A milestone not reached whose forecast falls clearly after its planned date."""
    return not reached and forecast is not None and forecast > planned + RISK_MARGIN
