"""Our scheduling against the fsrs package's own Scheduler.review_card, called directly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo

import fsrs
import pytest
from fsrs import Card, Scheduler
from hypothesis import given
from hypothesis import strategies as st

from studyplanner.core.cards.fuzz import fuzz_range, is_fuzzed
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


def days_ahead(due: datetime | None, when: datetime) -> int:
    assert due is not None
    assert (due - when) % timedelta(days=1) == timedelta(0), "reviews are due in whole days"
    return (due - when).days


@given(histories, options, zones)
def test_with_fuzz_off_every_answer_is_the_packages(
    history: list[tuple[Rating, timedelta]], settings: ReviewSettings, zone: tzinfo
) -> None:
    exact = package(settings, fuzz=False)
    ours, theirs, when = CardState(), Card(card_id=1, due=START), START
    for rating, gap in history:
        when += gap
        local = when.astimezone(zone)
        assert next_intervals(ours, local, settings) == {
            r: exact.review_card(theirs, fsrs.Rating(r), when)[0].due - when for r in Rating
        }
        assert retrievability(ours, local, settings) == exact.get_card_retrievability(theirs, when)
        ours = answer(ours, rating, local, settings)
        theirs, _log = exact.review_card(theirs, fsrs.Rating(rating), when)
        assert (*memory(ours), ours.due, ours.last_review) == (
            *memory(theirs),
            theirs.due,
            theirs.last_review,
        )


@given(histories, options)
def test_with_fuzz_on_a_review_lands_in_the_packages_fuzz_range(
    history: list[tuple[Rating, timedelta]], settings: ReviewSettings
) -> None:
    fuzzed = ReviewSettings(settings.desired_retention, False, settings.maximum_interval)
    exact = package(settings, fuzz=False)
    ours, theirs, when = CardState(), Card(card_id=1, due=START), START
    for rating, gap in history:
        when += gap
        ours = answer(ours, rating, when, fuzzed)
        theirs, _log = exact.review_card(theirs, fsrs.Rating(rating), when)
        assert memory(ours) == memory(theirs), "fuzz moves the day, never the memory state"
        if ours.state != State.Review or not is_fuzzed(interval := days_ahead(theirs.due, when)):
            assert ours.due == theirs.due
            continue
        low, high = fuzz_range(interval, settings.maximum_interval)
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
        ours = answer(ours, rating, when.astimezone(zone), settings, load)
        theirs, _log = exact.review_card(theirs, fsrs.Rating(rating), when)
        assert memory(ours) == memory(theirs), "balancing moves the day, never the memory state"
        if ours.state != State.Review or not is_fuzzed(interval := days_ahead(theirs.due, when)):
            assert ours.due == theirs.due
            continue
        low, high = fuzz_range(interval, settings.maximum_interval)
        assert low <= days_ahead(ours.due, when) <= high


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
        days_ahead(fuzzing.review_card(card, fsrs.Rating(Rating.Good), START)[0].due, START)
        for _ in range(1000)
    }
    low, high = fuzz_range(days, maximum_interval)
    assert (
        set(range(low, high + 1)) <= drawn <= set(range(low, min(high + 1, maximum_interval) + 1))
    )
