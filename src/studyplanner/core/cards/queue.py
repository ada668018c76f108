"""The order of one review: learning steps when due, then reviews, then new cards."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from studyplanner.core.cards.learner_day import DAY_START_HOUR, learner_day
from studyplanner.core.cards.ratings import State
from studyplanner.core.cards.scheduling import CardState

# Like Anki, a learning step due within this time is shown now rather than making the learner wait.
LEARN_AHEAD = timedelta(minutes=20)
DEFAULT_SECONDS_PER_ANSWER = 8.0


@dataclass(frozen=True)
class DueCard:
    """A card waiting in the queue, with the state it will be answered from."""

    id: int
    state: CardState


@dataclass(frozen=True)
class DailyLimits:
    """How much a day's review may hold."""

    new_cards: int = 20
    reviews: int = 200
    minutes: int | None = None  # a time budget, turned into cards by the learner's pace


@dataclass(frozen=True)
class CardCounts:
    """Cards still to see in this review, as the progress line shows them."""

    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        """All of them."""
        return self.new + self.learning + self.review


def end_of_day(now: datetime, day_start_hour: int = DAY_START_HOUR) -> datetime:
    """Where the review day holding ``now`` ends: the next day's start (4 a.m.), as in Anki.

    ``now`` is aware; the day ends at that hour on its zone's wall clock.
    """
    assert now.tzinfo is not None, "a review day needs the learner's time zone"
    tomorrow = learner_day(now, now.tzinfo, day_start_hour) + timedelta(days=1)
    return datetime.combine(tomorrow, time(day_start_hour), tzinfo=now.tzinfo)


def reviews_allowed(
    limits: DailyLimits, done_today: int, seconds_per_answer: float | None = None
) -> int:
    """How many more reviews today's limits allow, counting the time budget if one is set."""
    allowed = limits.reviews
    if limits.minutes is not None:
        pace = seconds_per_answer or DEFAULT_SECONDS_PER_ANSWER
        allowed = min(allowed, int(limits.minutes * 60 / pace))
    return max(0, allowed - done_today)


@dataclass
class ReviewQueue:
    """The cards of one review, handed out one at a time."""

    reviews: list[DueCard]
    new: list[DueCard]
    end_of_day: datetime
    _learning: list[tuple[datetime, int, DueCard]] = field(default_factory=list)
    _order: int = 0

    @classmethod
    def build(
        cls,
        learning: list[DueCard],
        reviews: list[DueCard],
        new: list[DueCard],
        end_of_day: datetime,
    ) -> ReviewQueue:
        """A queue from the learning, review and new cards due today, each list in due order."""
        queue = cls(list(reviews), list(new), end_of_day)
        for card in learning:
            queue.put_back(card)
        return queue

    def next(self, now: datetime) -> DueCard | None:
        """The card to show now, or None when nothing is due yet (or nothing is left).

        As in Anki, a learning step due soon is shown early only when nothing else is left.
        """
        if self._learning and self._learning[0][0] <= now:
            return heapq.heappop(self._learning)[2]
        if self.reviews:
            return self.reviews.pop(0)
        if self.new:
            return self.new.pop(0)
        if self._learning and self._learning[0][0] <= now + LEARN_AHEAD:
            return heapq.heappop(self._learning)[2]
        return None

    def put_back(self, card: DueCard) -> None:
        """Queue an answered card again if its next step falls today."""
        due = card.state.due
        if card.state.state == State.Review or due is None or due >= self.end_of_day:
            return
        self._order += 1
        heapq.heappush(self._learning, (due, self._order, card))

    def undo(self, card: DueCard) -> None:
        """Take back an answer: drop the card's requeued step and show the card next."""
        self.drop_step(card.id)
        if card.state.is_new:
            self.new.insert(0, card)
        else:
            self.reviews.insert(0, card)

    def drop_step(self, card_id: int) -> None:
        """Forget a card's requeued learning step (its answer was taken back)."""
        if any(entry[2].id == card_id for entry in self._learning):
            self._learning = [entry for entry in self._learning if entry[2].id != card_id]
            heapq.heapify(self._learning)

    def waiting_until(self) -> datetime | None:
        """When the next learning step falls due, if only such steps are left."""
        if self.reviews or self.new or not self._learning:
            return None
        return self._learning[0][0]

    def remaining(self) -> CardCounts:
        """How many cards are left, by kind."""
        return CardCounts(len(self.new), len(self._learning), len(self.reviews))


def spread_backlog(
    overdue: list[tuple[DueCard, float]],
    today: datetime,
    days: int,
    is_off: Callable[[date], bool] = lambda _day: False,
) -> dict[int, datetime]:
    """New due times that spread overdue cards over ``days`` days, most forgotten first.

    ``overdue`` pairs each card with its retrievability now; ``today`` is the start of the
    learner's day. Days off get no cards; each day gets an equal share, rounded up.
    """
    if not overdue or days < 1:
        return {}
    order = sorted(overdue, key=lambda pair: (pair[1], pair[0].id))
    open_days: list[datetime] = []
    offset = 0
    while len(open_days) < days and offset < days + 366:
        moment = today + timedelta(days=offset)
        if not is_off(moment.date()):
            open_days.append(moment)
        offset += 1
    share = -(-len(order) // len(open_days))  # rounded up
    return {card.id: open_days[n // share] for n, (card, _r) in enumerate(order)}
