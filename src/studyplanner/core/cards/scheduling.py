"""One answer to a card, scheduled by FSRS, with Anki-style load balancing in the fuzz range."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from studyplanner.core.cards.fuzz import fuzz_range as fuzz_range  # callers know it from here
from studyplanner.core.cards.fuzz import is_fuzzed
from studyplanner.core.cards.ratings import Rating, State

if TYPE_CHECKING:
    import fsrs
    from fsrs import Card, Scheduler

# How far past the fuzz range a card may go to avoid days off.
MAX_DAYS_OFF_SKIP = 60


@dataclass(frozen=True)
class CardState:
    """A card's FSRS memory state. A card never answered is new."""

    state: State = State.Learning
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None  # aware, UTC
    last_review: datetime | None = None

    @property
    def is_new(self) -> bool:
        """Never answered."""
        return self.last_review is None


@dataclass(frozen=True)
class ReviewSettings:
    """The learner's review options."""

    desired_retention: float = 0.9
    load_balancing: bool = True
    maximum_interval: int = 36500


@dataclass(frozen=True)
class DayLoad:
    """How busy each local day already is, and which days get no reviews."""

    due_on: Callable[[date], int]
    is_off: Callable[[date], bool] = lambda _day: False


@cache
def scheduler(settings: ReviewSettings) -> Scheduler:
    """The FSRS scheduler for these settings.

    With load balancing we choose the day ourselves, within the range FSRS's fuzz would have
    used, so its own random fuzz is off.
    """
    from fsrs import Scheduler  # loaded with the first card scheduled: see ``ratings``

    return Scheduler(
        desired_retention=settings.desired_retention,
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=not settings.load_balancing,
    )


def answer(
    card: CardState,
    rating: Rating,
    now: datetime,
    settings: ReviewSettings,
    load: DayLoad | None = None,
    duration_ms: int | None = None,
) -> CardState:
    """The card's state after this answer. ``now`` is aware; its zone decides what a day is."""
    reviewed, _log = scheduler(settings).review_card(
        to_fsrs(card, now), fsrs_rating(rating), now.astimezone(UTC), duration_ms
    )
    due = reviewed.due
    state = State(reviewed.state)
    if settings.load_balancing and load is not None and state == State.Review:
        due = balanced_due(now, due, load, settings.maximum_interval)
    return CardState(
        state,
        reviewed.step,
        reviewed.stability,
        reviewed.difficulty,
        due,
        reviewed.last_review,
    )


def next_intervals(
    card: CardState, now: datetime, settings: ReviewSettings
) -> dict[Rating, timedelta]:
    """What each rating would schedule, before fuzz or balancing: the buttons' labels."""
    exact = scheduler(replace(settings, load_balancing=True))  # FSRS's fuzz off
    fsrs_card = to_fsrs(card, now)
    utc_now = now.astimezone(UTC)
    return {
        rating: exact.review_card(fsrs_card, fsrs_rating(rating), utc_now)[0].due - utc_now
        for rating in Rating
    }


def retrievability(card: CardState, now: datetime, settings: ReviewSettings) -> float:
    """The predicted chance of recalling the card at ``now``; 0 for a new card."""
    if card.is_new:
        return 0.0
    return scheduler(settings).get_card_retrievability(to_fsrs(card, now), now.astimezone(UTC))


def balanced_due(now: datetime, due: datetime, load: DayLoad, maximum_interval: int) -> datetime:
    """Move ``due`` to the lightest day of its fuzz range, skipping days off.

    Ties go to the day nearest FSRS's own interval, so an empty calendar changes nothing.
    """
    interval = (due - now.astimezone(UTC)).days
    if not is_fuzzed(interval):
        return due
    low, high = fuzz_range(interval, maximum_interval)
    today = now.date()  # the local day: ``now`` carries the learner's zone
    # One pass, no lists: this runs in every answer that schedules a review.
    best, best_key = None, (0, 0)
    last = high
    offset = low
    while offset <= last:
        day = today + timedelta(days=offset)
        if not load.is_off(day):
            key = (load.due_on(day), abs(offset - interval))
            if best is None or key < best_key:
                best, best_key = offset, key
        elif best is None and offset == last and last < high + MAX_DAYS_OFF_SKIP:
            last += 1  # every day of the range is off: the first day after it that is not
        offset += 1
    if best is None:
        return due
    return due + timedelta(days=best - interval)


def to_fsrs(card: CardState, now: datetime) -> Card:
    """The ``fsrs`` package's card for this state (a new card is due now)."""
    from fsrs import Card, State

    return Card(
        card_id=1,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due or now.astimezone(UTC),
        last_review=card.last_review,
    )


def fsrs_rating(rating: Rating) -> fsrs.Rating:
    """The ``fsrs`` package's rating of the same value."""
    import fsrs

    return fsrs.Rating(rating)


def describe_interval(interval: timedelta) -> str:
    """An interval as Anki's answer buttons show it: <1m, 10m, 3h, 4d, 1.5mo, 2.1y."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"
