"""FSRS answers, button intervals and load balancing, pinned to exact times."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import fsrs
import pytest
from fsrs import Card, Scheduler

from studyplanner.core.cards.learner_day import day_aligned, learner_day
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import (
    CardState,
    DayLoad,
    ReviewSettings,
    answer,
    balanced_interval,
    describe_interval,
    fuzz_range,
    next_intervals,
    retrievability,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EXACT = ReviewSettings()  # load balancing without a load: FSRS's own interval, no fuzz
HISTORY = (
    (Rating.Good, START),
    (Rating.Good, START + timedelta(minutes=10)),
    (Rating.Good, datetime(2026, 3, 4, 9, 10, tzinfo=UTC)),
    (Rating.Again, datetime(2026, 3, 15, 9, 10, tzinfo=UTC)),
    (Rating.Good, datetime(2026, 3, 15, 9, 20, tzinfo=UTC)),
    (Rating.Easy, datetime(2026, 3, 17, 9, 20, tzinfo=UTC)),
)


def replay(settings: ReviewSettings = EXACT) -> list[CardState]:
    card, states = CardState(), []
    for rating, when in HISTORY:
        card = answer(card, rating, when, settings)
        states.append(card)
    return states


def test_a_fixed_history_gives_pinned_states() -> None:
    states = replay()
    # Learning steps are minutes from the answer; a review is due when its day starts (4 a.m.).
    assert [(s.state, s.step, s.due) for s in states] == [
        (State.Learning, 1, datetime(2026, 3, 2, 9, 10, tzinfo=UTC)),
        (State.Review, None, datetime(2026, 3, 4, 4, 0, tzinfo=UTC)),
        (State.Review, None, datetime(2026, 3, 15, 4, 0, tzinfo=UTC)),
        (State.Relearning, 0, datetime(2026, 3, 15, 9, 20, tzinfo=UTC)),
        (State.Review, None, datetime(2026, 3, 17, 4, 0, tzinfo=UTC)),
        (State.Review, None, datetime(2026, 3, 25, 4, 0, tzinfo=UTC)),
    ]
    last = states[-1]
    assert (round(last.stability or 0, 4), round(last.difficulty or 0, 4)) == (7.8703, 6.4868)
    assert last.last_review == datetime(2026, 3, 17, 9, 20, tzinfo=UTC)


def test_memory_states_equal_the_fsrs_package_on_review_days() -> None:
    # The package is given each answer at the start of its review day (midnight UTC of it).
    package = Scheduler(enable_fuzzing=False)
    card = Card()
    for (rating, when), ours in zip(HISTORY, replay(), strict=True):
        card, _log = package.review_card(card, fsrs.Rating(rating), day_aligned(when, UTC))
        assert (State(card.state), card.step, card.stability, card.difficulty) == (
            ours.state,
            ours.step,
            ours.stability,
            ours.difficulty,
        )


def test_a_review_earlier_in_the_day_than_the_last_still_counts_a_day() -> None:
    # Reviewed at 21:00, then at 08:00 the next day: 11 hours, but a day later, as Anki counts.
    learnt = answer(answer(CardState(), Rating.Good, START, EXACT), Rating.Good, START, EXACT)
    evening = answer(learnt, Rating.Good, datetime(2026, 3, 4, 21, 0, tzinfo=UTC), EXACT)
    morning = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    package = Scheduler(enable_fuzzing=False)
    next_day, _log = package.review_card(
        to_package(evening), fsrs.Rating.Good, day_aligned(morning, UTC)
    )
    hours_apart = replace(to_package(evening), last_review=evening.last_review)
    same_day, _log = package.review_card(hours_apart, fsrs.Rating.Good, morning)
    assert answer(evening, Rating.Good, morning, EXACT).stability == next_day.stability
    assert next_day.stability != same_day.stability  # 11 hours: whole days would say none


def test_a_review_before_the_day_starts_belongs_to_the_day_before() -> None:
    learnt = answer(answer(CardState(), Rating.Good, START, EXACT), Rating.Good, START, EXACT)
    late = datetime(2026, 3, 5, 3, 30, tzinfo=UTC)  # half past three: still the 4th
    assert learner_day(late, UTC) == date(2026, 3, 4)
    assert answer(learnt, Rating.Good, late, EXACT) == replace(
        answer(learnt, Rating.Good, datetime(2026, 3, 4, 23, 0, tzinfo=UTC), EXACT),
        last_review=late,
    )


def to_package(card: CardState) -> Card:
    assert card.due is not None and card.last_review is not None
    return Card(
        1,
        fsrs.State(card.state),
        card.step,
        card.stability,
        card.difficulty,
        day_aligned(card.due, UTC),
        day_aligned(card.last_review, UTC),
    )


def test_a_review_is_due_at_four_on_the_learners_own_clock() -> None:
    local = START.astimezone(timezone(timedelta(hours=2)))
    there, here = (
        answer(CardState(), Rating.Easy, local, EXACT),
        answer(CardState(), Rating.Easy, START, EXACT),
    )
    assert (there.stability, there.difficulty) == (here.stability, here.difficulty)
    assert there.due == datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 04:00 at UTC+2, 8 days on
    assert here.due == datetime(2026, 3, 10, 4, 0, tzinfo=UTC)


def test_buttons_show_each_ratings_interval_for_a_new_card() -> None:
    shown = {r: describe_interval(i) for r, i in next_intervals(CardState(), START, EXACT).items()}
    assert shown == {Rating.Again: "1m", Rating.Hard: "6m", Rating.Good: "10m", Rating.Easy: "8d"}


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=4), "4d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=730), "2.0y"),
    ],
)
def test_intervals_read_like_ankis_buttons(interval: timedelta, text: str) -> None:
    assert describe_interval(interval) == text


def due_in(days: int) -> Card:
    """A review card the package schedules exactly ``days`` days ahead when answered Good now.

    Answered again on the day of its last review, a card this stable keeps its stability, and
    at 90% retention FSRS's interval is the stability in days.
    """
    card = Card(1, fsrs.State.Review, None, float(days), 5.0, START, START)
    exact, _log = Scheduler(enable_fuzzing=False).review_card(card, fsrs.Rating(Rating.Good), START)
    assert exact.due == START + timedelta(days=days)
    return card


@pytest.mark.parametrize("days", [3, 5, 8, 15, 30, 100, 400])
def test_the_fuzz_range_is_the_one_fsrs_draws_from(
    days: int, seed_fuzz: Callable[[int], None]
) -> None:
    package, card = Scheduler(), due_in(days)
    seed_fuzz(days)
    drawn = {
        (package.review_card(card, fsrs.Rating(Rating.Good), START)[0].due - START).days
        for _ in range(1000)
    }
    low, high = fuzz_range(days, 36500)
    assert set(range(low, high + 1)) <= drawn
    # fsrs rounds min + random() * (width + 1), so now and then it lands one day past high.
    assert drawn <= set(range(low, high + 2))


def test_balancing_picks_the_lightest_day_in_the_range() -> None:
    assert fuzz_range(10, 36500) == (8, 12)  # FSRS would say ten days; the range is 8 to 12
    busy = dict(zip((date(2026, 3, d) for d in range(10, 15)), (50, 40, 30, 5, 20), strict=True))
    load = DayLoad(lambda d: busy.get(d, 0))
    assert balanced_interval(START.date(), 10, load, 36500) == 11


def test_balancing_keeps_fsrss_day_when_the_range_is_even() -> None:
    assert balanced_interval(START.date(), 10, DayLoad(lambda d: 7), 36500) == 10


def test_balancing_skips_days_off_even_past_the_range() -> None:
    holiday = {date(2026, 3, d) for d in range(8, 16)}
    load = DayLoad(lambda d: 0, lambda d: d in holiday)
    assert balanced_interval(START.date(), 10, load, 36500) == 14


def test_short_intervals_are_not_moved() -> None:
    assert balanced_interval(START.date(), 2, DayLoad(lambda d: 99), 36500) == 2


def test_an_answer_with_a_load_lands_on_a_light_day() -> None:
    states = replay()
    before, rating, when = states[4], HISTORY[5][0], HISTORY[5][1]
    plain = answer(before, rating, when, EXACT)
    assert plain.due == datetime(2026, 3, 25, 4, 0, tzinfo=UTC)  # 8 days: range 6 to 10
    crowded = {date(2026, 3, 25): 30, date(2026, 3, 24): 30}
    balanced = answer(before, rating, when, EXACT, DayLoad(lambda d: crowded.get(d, 0)))
    assert balanced.due == datetime(2026, 3, 26, 4, 0, tzinfo=UTC)
    assert balanced.stability == plain.stability


def test_without_balancing_fsrs_fuzz_applies(seed_fuzz: Callable[[int], None]) -> None:
    seed_fuzz(3)
    fuzzed = {
        answer(replay()[4], Rating.Easy, HISTORY[5][1], ReviewSettings(load_balancing=False)).due
        for _ in range(40)
    }
    # Forty draws reach every day of FSRS's fuzz range for this answer, and none outside it.
    assert fuzzed == {datetime(2026, 3, d, 4, 0, tzinfo=UTC) for d in range(23, 29)}


def test_retrievability_falls_with_time_and_is_zero_for_new_cards() -> None:
    card = replay()[-1]
    assert retrievability(CardState(), START, EXACT) == 0.0
    soon = retrievability(card, datetime(2026, 3, 18, tzinfo=UTC), EXACT)
    late = retrievability(card, datetime(2026, 5, 1, tzinfo=UTC), EXACT)
    assert 0.9 < soon <= 1.0
    assert late < 0.8
