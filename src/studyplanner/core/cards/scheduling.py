"""One answer to a card, scheduled by FSRS, with Anki-style load balancing in the fuzz range."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING

from studyplanner.core.cards.fuzz import fuzz_range as fuzz_range  # callers know it from here
from studyplanner.core.cards.fuzz import is_fuzzed
from studyplanner.core.cards.learner_day import DAY_START_HOUR, day_aligned, learner_day
from studyplanner.core.cards.passing import PASSING, passing_intervals
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
    day_start_hour: int = DAY_START_HOUR  # Anki's "next day starts at"


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


class _Day:
    """An answer's moment as review days count it: the zone, the day's start hour, its day."""

    __slots__ = ("aligned", "hour", "today", "zone")

    def __init__(self, now: datetime, settings: ReviewSettings) -> None:
        if now.tzinfo is None:
            raise ValueError("the moment of an answer must carry its time zone")
        self.zone, self.hour = now.tzinfo, settings.day_start_hour
        self.today = learner_day(now, self.zone, self.hour)
        self.aligned = datetime.combine(self.today, time(0), tzinfo=UTC)  # see day_aligned

    def start(self, days: int) -> datetime:
        """When the review day ``days`` after this one begins (UTC), on the wall clock."""
        day = self.today + timedelta(days=days)
        return datetime.combine(day, time(self.hour), tzinfo=self.zone).astimezone(UTC)

    def of(self, moment: datetime) -> date:
        """The review day ``moment`` belongs to, counted as this one is."""
        return learner_day(moment, self.zone, self.hour)

    def days_to(self, result: Card) -> int | None:
        """How many days on the package's answer schedules a review; None for a learning step."""
        return (result.due - self.aligned).days if State(result.state) == State.Review else None


def answer(
    card: CardState,
    rating: Rating,
    now: datetime,
    settings: ReviewSettings,
    load: DayLoad | None = None,
    duration_ms: int | None = None,
) -> CardState:
    """The card's state after this answer. ``now`` is aware; its zone decides what a day is.

    FSRS counts the days since the last review in review days (see ``learner_day``), and a
    review is due at the start of its day, as in Anki; learning steps keep their minutes.
    """
    day = _Day(now, settings)
    fsrs_card = _to_fsrs(card, day)
    reviewed, _log = scheduler(settings).review_card(
        fsrs_card, fsrs_rating(rating), day.aligned, duration_ms
    )
    state = State(reviewed.state)
    if (days := day.days_to(reviewed)) is not None:
        least = 1
        if rating != Rating.Again:
            # Without load balancing FSRS fuzzed ``days``: Anki's floor holds under its fuzz.
            exact = days if settings.load_balancing else None
            interval, least = _passing(card, rating, fsrs_card, day, settings, exact)
            days = max(days, least) if exact is None else interval
        if settings.load_balancing and load is not None:
            days = balanced_interval(day.today, days, load, settings.maximum_interval, least)
        due = day.start(days)
    else:  # a learning step: minutes from the moment of the answer
        due = now.astimezone(UTC) + (reviewed.due - day.aligned)
    return CardState(
        state,
        reviewed.step,
        reviewed.stability,
        reviewed.difficulty,
        due,
        now.astimezone(UTC),
    )


def _passing(
    card: CardState,
    rating: Rating,
    fsrs_card: Card,
    day: _Day,
    settings: ReviewSettings,
    own_days: int | None,
) -> tuple[int, int]:
    """A passing answer's (interval, least interval) in days under Anki's rules (``passing``).

    ``own_days`` is the rating's own unfuzzed interval when it is known already.
    """
    exact = _exact_scheduler(settings)
    days: dict[Rating, int] = {}
    for other in PASSING[: PASSING.index(rating) + 1]:
        if other == rating and own_days is not None:
            days[other] = own_days
            continue
        result = exact.review_card(fsrs_card, fsrs_rating(other), day.aligned)[0]
        if (review := day.days_to(result)) is not None:
            days[other] = review
    return passing_intervals(days, _current_interval(card, day), settings.maximum_interval)[rating]


def _current_interval(card: CardState, day: _Day) -> int | None:
    """A card in review's interval, in review days from its last review to its due day."""
    if card.state != State.Review or card.due is None or card.last_review is None:
        return None
    return (day.of(card.due) - day.of(card.last_review)).days


@cache
def _exact_scheduler(settings: ReviewSettings) -> Scheduler:
    """The scheduler for these settings with FSRS's fuzz off: the intervals themselves."""
    return scheduler(replace(settings, load_balancing=True))


def next_intervals(
    card: CardState, now: datetime, settings: ReviewSettings
) -> dict[Rating, timedelta]:
    """What each rating would schedule, before fuzz or balancing: the buttons' labels.

    A review's is in whole days (Anki's rules for passing answers applied), a learning step's
    in minutes.
    """
    day = _Day(now, settings)
    fsrs_card = _to_fsrs(card, day)
    exact = _exact_scheduler(settings)
    results = {r: exact.review_card(fsrs_card, fsrs_rating(r), day.aligned)[0] for r in Rating}
    days: dict[Rating, int] = {
        r: review
        for r, result in results.items()
        if r != Rating.Again and (review := day.days_to(result)) is not None
    }
    passing = passing_intervals(days, _current_interval(card, day), settings.maximum_interval)
    return {
        r: timedelta(days=passing[r][0]) if r in passing else result.due - day.aligned
        for r, result in results.items()
    }


def retrievability(card: CardState, now: datetime, settings: ReviewSettings) -> float:
    """The predicted chance of recalling the card at ``now``; 0 for a new card."""
    if card.is_new:
        return 0.0
    day = _Day(now, settings)
    return scheduler(settings).get_card_retrievability(_to_fsrs(card, day), day.aligned)


def balanced_interval(
    today: date, interval: int, load: DayLoad, maximum_interval: int, least: int = 1
) -> int:
    """The lightest day of the interval's fuzz range, in days from ``today``; days off skipped.

    No day before ``least`` is taken. Ties go to the day nearest FSRS's own interval, so an
    empty calendar changes nothing.
    """
    if not is_fuzzed(interval):
        return interval
    low, high = fuzz_range(interval, maximum_interval)
    low = min(max(low, least), high)
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
    return interval if best is None else best


def _to_fsrs(card: CardState, day: _Day) -> Card:
    """The ``fsrs`` package's card for this state, its times on review days (see ``answer``).

    Its due time is today's: the package's answers never read it (they count from the last
    review), and aligning it would cost as much as the last review's.
    """
    from fsrs import Card, State

    last = card.last_review
    return Card(
        card_id=1,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=day.aligned,
        last_review=None if last is None else day_aligned(last, day.zone, day.hour),
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
