"""Our scheduling against the fsrs package's own Scheduler.review_card, called directly.

We give the package each answer at the start of its review day (``day_aligned``), so that it
counts review days as Anki does; the memory state is then the package's exactly. A review is
due at the start of its day, never sooner than the package's interval; a learning step keeps
the package's minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo

import fsrs
import pytest
from fsrs import Card, Scheduler
from hypothesis import given
from hypothesis import strategies as st

from studyplanner.core.cards.fuzz import fuzz_range, is_fuzzed
from studyplanner.core.cards.learner_day import day_aligned, learner_day
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import (
    CardState,
    DayLoad,
    ReviewSettings,
    answer,
    next_intervals,
    retrievability,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

gaps = st.one_of(
    st.integers(0, 59).map(lambda n: timedelta(minutes=n)),
    st.integers(1, 23).map(lambda n: timedelta(hours=n)),
    st.integers(1, 400).map(lambda n: timedelta(days=n)),
)
histories = st.lists(st.tuples(st.sampled_from(Rating), gaps), min_size=1, max_size=12)
options = st.builds(
    ReviewSettings,
    desired_retention=st.sampled_from([0.7, 0.85, 0.9, 0.97]),
    load_balancing=st.just(True),
    maximum_interval=st.sampled_from([36500, 365, 30, 5]),
)
zones = st.sampled_from([UTC, timezone(timedelta(hours=-7)), timezone(timedelta(hours=5.5))])


def package(settings: ReviewSettings, *, fuzz: bool) -> Scheduler:
    return Scheduler(
        desired_retention=settings.desired_retention,
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=fuzz,
    )


def memory(card: CardState | Card) -> tuple[State, int | None, float | None, float | None]:
    return State(card.state), card.step, card.stability, card.difficulty


def days_ahead(due: datetime | None, when: datetime, zone: tzinfo = UTC) -> int:
    """How many review days from ``when`` a review is due; it must be due as its day starts."""
    assert due is not None
    assert due.astimezone(zone).time() == time(4), "reviews are due as their day starts"
    return (learner_day(due, zone) - learner_day(when, zone)).days


def package_answer(
    exact: Scheduler, theirs: Card, rating: Rating, when: datetime, zone: tzinfo
) -> tuple[Card, datetime]:
    """The package's answer given on the review day's start, and that start."""
    aligned = day_aligned(when, zone)
    return exact.review_card(theirs, fsrs.Rating(rating), aligned)[0], aligned


@given(histories, options, zones)
def test_with_fuzz_off_every_memory_state_is_the_packages(
    history: list[tuple[Rating, timedelta]], settings: ReviewSettings, zone: tzinfo
) -> None:
    exact = package(settings, fuzz=False)
    ours, theirs, when = CardState(), Card(card_id=1, due=START), START
    for rating, gap in history:
        when += gap
        local = when.astimezone(zone)
        aligned = day_aligned(local, zone)
        shown = next_intervals(ours, local, settings)
        package_says = {
            r: exact.review_card(theirs, fsrs.Rating(r), aligned)[0].due - aligned for r in Rating
        }
        for r in Rating:  # Anki's floor only ever lengthens a review's interval
            assert shown[r] >= package_says[r]
        assert retrievability(ours, local, settings) == exact.get_card_retrievability(
            theirs, aligned
        )
        ours = answer(ours, rating, local, settings)
        theirs, aligned = package_answer(exact, theirs, rating, local, zone)
        assert memory(ours) == memory(theirs)
        assert ours.last_review == when
        if ours.state == State.Review:
            assert days_ahead(ours.due, local, zone) == shown[rating].days
        else:
            assert ours.due == when + (theirs.due - aligned)


@given(histories, options)
def test_with_fuzz_on_a_review_lands_in_the_fuzz_range(
    history: list[tuple[Rating, timedelta]], settings: ReviewSettings
) -> None:
    fuzzed = ReviewSettings(settings.desired_retention, False, settings.maximum_interval)
    exact = package(settings, fuzz=False)
    ours, theirs, when = CardState(), Card(card_id=1, due=START), START
    for rating, gap in history:
        when += gap
        interval = next_intervals(ours, when, settings)[rating]
        ours = answer(ours, rating, when, fuzzed)
        theirs, _aligned = package_answer(exact, theirs, rating, when, UTC)
        assert memory(ours) == memory(theirs), "fuzz moves the day, never the memory state"
        if ours.state != State.Review or not is_fuzzed(interval.days):
            assert ours.state != State.Review or days_ahead(ours.due, when) == interval.days
            continue
        low, high = fuzz_range(interval.days, settings.maximum_interval)
        assert low <= days_ahead(ours.due, when) <= min(high + 1, settings.maximum_interval)


@given(histories, options, zones, st.integers(1, 50))
def test_load_balancing_moves_a_review_only_within_the_fuzz_range(
    history: list[tuple[Rating, timedelta]], settings: ReviewSettings, zone: tzinfo, spread: int
) -> None:
    load = DayLoad(lambda day: day.toordinal() * 7919 % spread)
    exact = package(settings, fuzz=False)
    ours, theirs, when = CardState(), Card(card_id=1, due=START), START
    for rating, gap in history:
        when += gap
        local = when.astimezone(zone)
        interval = next_intervals(ours, local, settings)[rating]
        ours = answer(ours, rating, local, settings, load)
        theirs, _aligned = package_answer(exact, theirs, rating, local, zone)
        assert memory(ours) == memory(theirs), "balancing moves the day, never the memory state"
        if ours.state != State.Review or not is_fuzzed(interval.days):
            assert ours.state != State.Review or days_ahead(ours.due, local, zone) == interval.days
            continue
        low, high = fuzz_range(interval.days, settings.maximum_interval)
        assert low <= days_ahead(ours.due, local, zone) <= high


@pytest.mark.parametrize(("days", "maximum_interval"), [(3, 3), (10, 10), (10, 11), (400, 401)])
def test_the_fuzz_range_stops_at_the_maximum_interval_as_the_packages_does(
    days: int, maximum_interval: int, seed_fuzz: Callable[[int], None]
) -> None:
    # Answered on the day of its last review, a card this stable keeps its stability, and at
    # 90% retention FSRS's interval is the stability in days (capped by the maximum).
    card = Card(1, fsrs.State.Review, None, float(days), 5.0, START, START)
    fuzzing = Scheduler(maximum_interval=maximum_interval)
    seed_fuzz(days)
    drawn = {
        (fuzzing.review_card(card, fsrs.Rating(Rating.Good), START)[0].due - START).days
        for _ in range(1000)
    }
    low, high = fuzz_range(days, maximum_interval)
    assert (
        set(range(low, high + 1)) <= drawn <= set(range(low, min(high + 1, maximum_interval) + 1))
    )
