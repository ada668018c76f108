"""A card's past as another app kept it: its answers, to import with the card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from studyplanner.core.cards.ratings import Rating

KINDS = ("new", "learning", "review", "relearning")


@dataclass(frozen=True)
class PastReview:
    """One answer of a card's history: when, how it was rated, how long it took, in what state."""

    at: datetime  # aware
    rating: Rating
    duration_ms: int | None
    kind: str  # one of KINDS
