"""FSRS answers, button intervals and load balancing, pinned to exact times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import fsrs
import pytest
from fsrs import Card, Scheduler

from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import (
    CardState,
    DayLoad,
    ReviewSettings,
    answer,
    balanced_due,
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
    assert [(s.state, s.step, s.due) for s in states] == [
        (State.Learning, 1, datetime(2026, 3, 2, 9, 10, tzinfo=UTC)),
        (State.Review, None, datetime(2026, 3, 4, 9, 10, tzinfo=UTC)),
        (State.Review, None, datetime(2026, 3, 15, 9, 10, tzinfo=UTC)),
        (State.Relearning, 0, datetime(2026, 3, 15, 9, 20, tzinfo=UTC)),
        (State.Review, None, datetime(2026, 3, 17, 9, 20, tzinfo=UTC)),
        (State.Review, None, datetime(2026, 3, 25, 9, 20, tzinfo=UTC)),
    ]
    last = states[-1]
    assert (round(last.stability or 0, 4), round(last.difficulty or 0, 4)) == (7.8703, 6.4868)
    assert last.last_review == datetime(2026, 3, 17, 9, 20, tzinfo=UTC)


def test_states_equal_the_fsrs_package_for_the_same_history() -> None:
    package = Scheduler(enable_fuzzing=False)
    card = Card()
    for (rating, when), ours in zip(HISTORY, replay(), strict=True):
        card, _log = package.review_card(card, fsrs.Rating(rating), when)
        assert (State(card.state), card.step, card.stability, card.difficulty, card.due) == (
            ours.state,
            ours.step,
            ours.stability,
            ours.difficulty,
            ours.due,
        )


def test_a_local_time_is_scheduled_as_its_utc_instant() -> None:
    local = START.astimezone(timezone(timedelta(hours=2)))
    assert answer(CardState(), Rating.Easy, local, EXACT) == answer(
        CardState(), Rating.Easy, START, EXACT
    )


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
    due = START + timedelta(days=10)  # FSRS would say ten days; the range is 8 to 12
    assert fuzz_range(10, 36500) == (8, 12)
    busy = dict(zip((date(2026, 3, d) for d in range(10, 15)), (50, 40, 30, 5, 20), strict=True))
    load = DayLoad(lambda d: busy.get(d, 0))
    assert balanced_due(START, due, load, 36500) == START + timedelta(days=11)


def test_balancing_keeps_fsrss_day_when_the_range_is_even() -> None:
    due = START + timedelta(days=10)
    assert balanced_due(START, due, DayLoad(lambda d: 7), 36500) == due


def test_balancing_skips_days_off_even_past_the_range() -> None:
    due = START + timedelta(days=10)
    holiday = {date(2026, 3, d) for d in range(8, 16)}
    load = DayLoad(lambda d: 0, lambda d: d in holiday)
    assert balanced_due(START, due, load, 36500) == START + timedelta(days=14)


def test_short_intervals_are_not_moved() -> None:
    due = START + timedelta(days=2)
    assert balanced_due(START, due, DayLoad(lambda d: 99), 36500) == due


def test_an_answer_with_a_load_lands_on_a_light_day() -> None:
    states = replay()
    before, rating, when = states[4], HISTORY[5][0], HISTORY[5][1]
    plain = answer(before, rating, when, EXACT)
    assert plain.due == datetime(2026, 3, 25, 9, 20, tzinfo=UTC)  # 8 days: range 6 to 10
    crowded = {date(2026, 3, 25): 30, date(2026, 3, 24): 30}
    balanced = answer(before, rating, when, EXACT, DayLoad(lambda d: crowded.get(d, 0)))
    assert balanced.due == datetime(2026, 3, 26, 9, 20, tzinfo=UTC)
    assert balanced.stability == plain.stability


def test_without_balancing_fsrs_fuzz_applies(seed_fuzz: Callable[[int], None]) -> None:
    seed_fuzz(3)
    fuzzed = {
        answer(replay()[4], Rating.Easy, HISTORY[5][1], ReviewSettings(load_balancing=False)).due
        for _ in range(40)
    }
    # Forty draws reach every day of FSRS's fuzz range for this answer, and none outside it.
    assert fuzzed == {datetime(2026, 3, d, 9, 20, tzinfo=UTC) for d in range(23, 29)}


def test_retrievability_falls_with_time_and_is_zero_for_new_cards() -> None:
    card = replay()[-1]
    assert retrievability(CardState(), START, EXACT) == 0.0
    soon = retrievability(card, datetime(2026, 3, 18, tzinfo=UTC), EXACT)
    late = retrievability(card, datetime(2026, 5, 1, tzinfo=UTC), EXACT)
    assert 0.9 < soon <= 1.0
    assert late < 0.8
