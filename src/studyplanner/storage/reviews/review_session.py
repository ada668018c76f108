"""One review from start to end: the card to show, each answer saved, the last one undoable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Rating, State

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import CardCounts, DailyLimits, DueCard
from studyplanner.core.cards.scheduling import (
    CardState,
    DayLoad,
    ReviewSettings,
    answer,
    next_intervals,
)
from studyplanner.storage.reviews.reviews import CardFace, Reviews


@dataclass(frozen=True)
class _Answered:
    card: DueCard
    review_id: int
    after: CardState


class ReviewSession:
    """Hands out today's cards of a deck and records the learner's answers."""

    def __init__(
        self,
        reviews: Reviews,
        scope: DeckScope,
        settings: ReviewSettings,
        limits: DailyLimits,
        now: datetime,
        end_of_day: datetime,
    ) -> None:
        self._reviews = reviews
        self.settings = settings
        self.queue = reviews.queue(scope, now, end_of_day, limits)
        self._zone = now.tzinfo
        self._counts = reviews.day_counts(now)
        days_off = reviews.days_off()
        self._load = DayLoad(lambda day: self._counts.get(day, 0), days_off.__contains__)
        self.current: DueCard | None = None
        self._last: _Answered | None = None
        self.answered = 0

    def next(self, now: datetime) -> DueCard | None:
        """The card to show now; None when nothing is due (see ``waiting_until``)."""
        if self.current is None:
            self.current = self.queue.next(now)
        return self.current

    def face(self) -> CardFace:
        """The text of the card being shown."""
        assert self.current is not None, "no card is being shown"
        return self._reviews.face(self.current.id)

    def intervals(self, now: datetime) -> dict[Rating, timedelta]:
        """What each rating would schedule for the card being shown."""
        assert self.current is not None, "no card is being shown"
        return next_intervals(self.current.state, now, self.settings)

    def answer(self, rating: Rating, now: datetime, duration_ms: int | None) -> CardState:
        """Rate the card being shown; its new state and log are saved before this returns."""
        card = self.current
        assert card is not None, "no card is being shown"
        after = answer(card.state, rating, now, self.settings, self._load, duration_ms)
        review_id = self._reviews.answer(card, rating, after, now, duration_ms)
        self._count(after, +1)
        self.queue.put_back(DueCard(card.id, after))
        self._last = _Answered(card, review_id, after)
        self.current = None
        self.answered += 1
        return after

    @property
    def can_undo(self) -> bool:
        """Whether there is an answer to take back."""
        return self._last is not None

    def undo(self) -> DueCard:
        """Take back the last answer and show that card again."""
        last = self._last
        assert last is not None, "there is no answer to undo"
        self._reviews.undo(last.card, last.review_id)
        self._count(last.after, -1)
        # The card shown goes back to the queue, unless it is the answered card's own next
        # step: that copy holds the answer being taken back.
        if self.current is not None and self.current.id != last.card.id:
            self.queue.undo(self.current)
        self.queue.undo(last.card)
        self.current = None
        self._last = None
        self.answered -= 1
        return last.card

    def remaining(self) -> CardCounts:
        """Cards left, counting the one being shown."""
        left = self.queue.remaining()
        card = self.current
        if card is None:
            return left
        if card.state.is_new:
            return CardCounts(left.new + 1, left.learning, left.review)
        if card.state.state == State.Review:
            return CardCounts(left.new, left.learning, left.review + 1)
        return CardCounts(left.new, left.learning + 1, left.review)

    def waiting_until(self) -> datetime | None:
        """When the next learning step falls due, if only such steps are left."""
        return self.queue.waiting_until()

    def close(self) -> None:
        """End the review."""
        self._reviews.close()

    def _count(self, state: CardState, change: int) -> None:
        if state.state == State.Review and state.due is not None:
            day = state.due.astimezone(self._zone).date()
            self._counts[day] = self._counts.get(day, 0) + change
