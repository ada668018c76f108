"""One review from start to end: the card to show, each answer saved, the last one undoable.

The session itself holds no connection: each step is given one for its unit of work (the
review screen's steps run as operations on the database worker, each with its own short
connection). A session built on a connection it keeps (``ReviewSession(reviews, ...)`` and
the steps without a connection) serves scripts and tests that review in one go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import CardCounts, DailyLimits, DueCard
from studyplanner.core.cards.ratings import Rating, State
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


@dataclass(frozen=True)
class Shown:
    """What the review screen shows after a step: the card and its text, the cards left."""

    card: DueCard | None  # None: nothing is due now (see ``waiting_until``)
    face: CardFace | None
    remaining: CardCounts
    waiting_until: datetime | None
    answered: int
    can_undo: bool


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
        self._reviews: Reviews | None = reviews
        self.settings = settings
        self.queue = reviews.queue(scope, now, end_of_day, limits)
        self._zone = now.tzinfo
        self._counts = reviews.day_counts(now)
        days_off = reviews.days_off()
        # Asked for each day of each review's fuzz range: a set's own test when it can be.
        is_off = days_off.__contains__ if days_off.ranges else days_off.dates.__contains__
        self._load = DayLoad(lambda day: self._counts.get(day, 0), is_off)
        self.current: DueCard | None = None
        self._last: _Answered | None = None
        self.answered = 0

    @classmethod
    def open(
        cls,
        reviews: Reviews,
        scope: DeckScope,
        settings: ReviewSettings,
        limits: DailyLimits,
        now: datetime,
    ) -> tuple[ReviewSession, Shown]:
        """Read today's cards and show the first; ``reviews`` is not kept (close it after)."""
        from studyplanner.core.cards.queue import end_of_day

        session = cls(reviews, scope, settings, limits, now, end_of_day(now))
        session._reviews = None
        return session, session.show(reviews, now)

    # The steps, each on a connection given for it

    def show(self, reviews: Reviews, now: datetime) -> Shown:
        """The card to show now, with its text (read on ``reviews``)."""
        card = self.next(now)
        face = None if card is None else reviews.face(card.id)
        return Shown(
            card, face, self.remaining(), self.waiting_until(), self.answered, self.can_undo
        )

    def answer_on(
        self, reviews: Reviews, rating: Rating, now: datetime, duration_ms: int | None
    ) -> Shown:
        """Rate the card shown and show the next, in one transaction; on failure nothing changes."""
        card = self.current
        assert card is not None, "no card is being shown"
        after = answer(card.state, rating, now, self.settings, self._load, duration_ms)
        last = self._last
        taken = False
        try:
            with reviews.transaction("Saving your answer"):
                review_id = reviews.save_answer(card, rating, after, now, duration_ms)
                self._took(card, review_id, after)
                taken = True
                return self.show(reviews, now)
        except BaseException:
            if taken:
                self._give_back(card, after, last)
            raise

    def undo_on(self, reviews: Reviews, now: datetime) -> Shown:
        """Take back the last answer and show that card again, in one transaction."""
        last = self._last
        assert last is not None, "there is no answer to undo"
        with reviews.transaction("Undoing the answer"):
            reviews.take_back(last.card, last.review_id)
            face = reviews.face(last.card.id)
        self._give_back(last.card, last.after, None)
        return Shown(last.card, face, self.remaining(), None, self.answered, False)

    # The session's own state

    def next(self, now: datetime) -> DueCard | None:
        """The card to show now; None when nothing is due (see ``waiting_until``)."""
        if self.current is None:
            self.current = self.queue.next(now)
        return self.current

    def intervals(self, now: datetime) -> dict[Rating, timedelta]:
        """What each rating would schedule for the card being shown."""
        assert self.current is not None, "no card is being shown"
        return next_intervals(self.current.state, now, self.settings)

    @property
    def can_undo(self) -> bool:
        """Whether there is an answer to take back."""
        return self._last is not None

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

    def _took(self, card: DueCard, review_id: int, after: CardState) -> None:
        self._count(after, +1)
        self.queue.put_back(DueCard(card.id, after))
        self._last = _Answered(card, review_id, after)
        self.current = None
        self.answered += 1

    def _give_back(self, card: DueCard, after: CardState, last: _Answered | None) -> None:
        """Undo ``_took``: the card is shown again as it was, ``last`` is undoable again."""
        self._count(after, -1)
        # The card shown goes back to the queue, unless it is the answered card's own next
        # step: that copy holds the answer being taken back.
        if self.current is not None and self.current.id != card.id:
            self.queue.undo(self.current)
        self.queue.drop_step(card.id)
        self.current = card
        self._last = last
        self.answered -= 1

    def _count(self, state: CardState, change: int) -> None:
        if state.state == State.Review and state.due is not None:
            day = state.due.astimezone(self._zone).date()
            self._counts[day] = self._counts.get(day, 0) + change

    # On the connection the session was built on

    def face(self) -> CardFace:
        """The text of the card being shown."""
        assert self.current is not None, "no card is being shown"
        return self._kept().face(self.current.id)

    def answer(self, rating: Rating, now: datetime, duration_ms: int | None) -> CardState:
        """Rate the card being shown; its new state and log are saved before this returns."""
        card = self.current
        assert card is not None, "no card is being shown"
        after = answer(card.state, rating, now, self.settings, self._load, duration_ms)
        reviews = self._kept()
        with reviews.transaction("Saving your answer"):
            review_id = reviews.save_answer(card, rating, after, now, duration_ms)
        self._took(card, review_id, after)
        return after

    def undo(self) -> DueCard:
        """Take back the last answer; that card is the one shown next."""
        last = self._last
        assert last is not None, "there is no answer to undo"
        reviews = self._kept()
        with reviews.transaction("Undoing the answer"):
            reviews.take_back(last.card, last.review_id)
        self._give_back(last.card, last.after, None)
        return last.card

    def close(self) -> None:
        """End the review (and release the connection it was built on, if it kept it)."""
        if self._reviews is not None:
            self._reviews.close()
            self._reviews = None

    def _kept(self) -> Reviews:
        assert self._reviews is not None, "this session keeps no connection"
        return self._reviews
