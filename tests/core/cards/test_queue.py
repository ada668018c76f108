"""The review queue: what comes next, learning steps, undo and daily limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from studyplanner.core.cards.queue import (
    CardCounts,
    DailyLimits,
    DueCard,
    ReviewQueue,
    reviews_allowed,
    spread_backlog,
)
from studyplanner.core.cards.ratings import State
from studyplanner.core.cards.scheduling import CardState

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
SEEN = NOW - timedelta(days=3)


def review(card_id: int) -> DueCard:
    return DueCard(card_id, CardState(State.Review, None, 5.0, 5.0, NOW, SEEN))


def new(card_id: int) -> DueCard:
    return DueCard(card_id, CardState())


def learning(card_id: int, due: datetime) -> DueCard:
    return DueCard(card_id, CardState(State.Learning, 1, 2.0, 5.0, due, SEEN))


def test_learning_steps_due_come_first_then_reviews_then_new_then_steps_due_soon() -> None:
    queue = ReviewQueue.build(
        [learning(5, NOW + timedelta(minutes=5)), learning(3, NOW - timedelta(minutes=1))],
        [review(1), review(2)],
        [new(4)],
        END,
    )
    assert queue.remaining() == CardCounts(new=1, learning=2, review=2)
    shown = [queue.next(NOW) for _ in range(5)]
    assert [card.id for card in shown if card] == [3, 1, 2, 4, 5]
    assert queue.next(NOW) is None


def test_a_step_due_later_waits_and_is_announced() -> None:
    queue = ReviewQueue.build([learning(3, NOW + timedelta(hours=1))], [], [], END)
    assert queue.next(NOW) is None
    assert queue.waiting_until() == NOW + timedelta(hours=1)
    assert queue.next(NOW + timedelta(minutes=45)) == learning(3, NOW + timedelta(hours=1))


def test_an_answered_card_returns_only_while_its_step_is_today() -> None:
    queue = ReviewQueue.build([], [], [], END)
    queue.put_back(learning(1, NOW + timedelta(minutes=10)))
    queue.put_back(learning(2, END + timedelta(minutes=1)))
    queue.put_back(review(3))
    assert queue.remaining() == CardCounts(0, 1, 0)


def test_undo_shows_the_card_again_and_forgets_its_requeued_step() -> None:
    queue = ReviewQueue.build([], [review(1)], [new(2)], END)
    shown = queue.next(NOW)
    assert shown == review(1)
    queue.put_back(replace(shown, state=replace(shown.state, state=State.Relearning)))
    queue.undo(shown)
    assert queue.remaining() == CardCounts(1, 0, 1)
    assert queue.next(NOW) == review(1)
    first_new = queue.next(NOW)
    assert first_new == new(2)
    queue.undo(first_new)
    assert queue.next(NOW) == new(2)


def test_review_limits_count_cards_and_minutes() -> None:
    assert reviews_allowed(DailyLimits(reviews=200), done_today=50) == 150
    assert reviews_allowed(DailyLimits(reviews=200, minutes=10), 0, seconds_per_answer=12) == 50
    assert reviews_allowed(DailyLimits(reviews=200, minutes=10), 0) == 75  # 8 s before any data
    assert reviews_allowed(DailyLimits(reviews=20), done_today=30) == 0


def test_a_backlog_is_spread_most_forgotten_first_around_days_off() -> None:
    start = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # a Monday
    overdue = [(review(n), r) for n, r in ((1, 0.9), (2, 0.2), (3, 0.5), (4, 0.1), (5, 0.7))]
    tuesday_off = {start.date() + timedelta(days=1)}
    spread = spread_backlog(overdue, start, 3, lambda d: d in tuesday_off)
    days = {card: (due - start).days for card, due in spread.items()}
    assert days == {4: 0, 2: 0, 3: 2, 5: 2, 1: 3}  # two a day, Tuesday skipped
    assert spread_backlog([], start, 3) == {}
