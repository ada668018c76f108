"""Reviewing stored cards: the day's queue, answers with their logs, undo and day loads."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import fsrs
import pytest
from fsrs import Card, Scheduler

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.learner_day import day_aligned
from studyplanner.core.cards.queue import DailyLimits, DueCard
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState, ReviewSettings, answer
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.errors import StorageError
from studyplanner.storage.reviews.reviews import Reviews
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW

END_OF_DAY = datetime(2026, 3, 3, tzinfo=UTC)
EXACT = ReviewSettings()


@pytest.fixture
def reviews(store: Store, cards_plan: int) -> Iterator[Reviews]:
    opened = store.reviews()
    yield opened
    opened.close()


def faces(reviews: Reviews, cards: list[DueCard]) -> list[str]:
    return [reviews.face(c.id).front for c in cards]


def test_new_cards_wait_for_their_topics_first_session(
    store: Store, cards_plan: int, reviews: Reviews
) -> None:
    queue = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits())
    assert faces(reviews, queue.new) == ["What is drift?"]  # a known topic has no sessions
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
    queue = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits())
    assert faces(reviews, queue.new) == ["What is a list?", "What is a dict?", "What is drift?"]
    scoped = reviews.queue(
        DeckScope("small", frozenset({"python"})), NOW, END_OF_DAY, DailyLimits()
    )
    assert faces(reviews, scoped.new) == ["What is a list?", "What is a dict?"]


def test_an_answer_saves_state_and_log_together(reviews: Reviews) -> None:
    [card] = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    after = answer(card.state, Rating.Good, NOW, EXACT)
    review_id = reviews.answer(card, Rating.Good, after, NOW, 4200)
    queue = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits())
    assert queue.new == []
    assert queue.next(NOW) == DueCard(card.id, after)  # its next step, ten minutes on
    log = (
        sqlite3.connect(reviews.path)
        .execute("SELECT id, card_id, rating, reviewed_at, duration_ms, kind FROM review")
        .fetchall()
    )
    assert log == [(review_id, card.id, 3, "2026-03-02 09:30:00.000000", 4200, "new")]


def test_stored_state_equals_the_fsrs_package_for_the_same_history(reviews: Reviews) -> None:
    # The package is given each answer at the start of its review day, as ``answer`` does.
    [card] = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    package, expected = Scheduler(enable_fuzzing=False), Card()
    when = NOW
    for rating in (Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Easy):
        after = answer(card.state, rating, when, EXACT)
        reviews.answer(card, rating, after, when, None)
        expected, _ = package.review_card(expected, fsrs.Rating(rating), day_aligned(when, UTC))
        [stored] = reviews._cards("id = ?", [card.id])
        assert (stored.state.state, stored.state.step, stored.state.due) == (
            State(expected.state),
            expected.step,
            after.due,
        )
        assert stored.state.stability == pytest.approx(expected.stability, rel=1e-12)
        assert stored.state.difficulty == pytest.approx(expected.difficulty, rel=1e-12)
        card = stored
        assert after.due is not None
        when = after.due


def test_undo_puts_the_card_back_and_removes_the_log(reviews: Reviews) -> None:
    [card] = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    review_id = reviews.answer(
        card, Rating.Easy, answer(card.state, Rating.Easy, NOW, EXACT), NOW, 900
    )
    reviews.undo(card, review_id)
    assert reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new == [card]
    assert sqlite3.connect(reviews.path).execute("SELECT count(*) FROM review").fetchone() == (0,)


def test_a_failed_answer_changes_nothing(reviews: Reviews) -> None:
    [card] = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    ghost = DueCard(card.id + 1000, card.state)  # no such card: the log's foreign key fails
    with pytest.raises(StorageError, match="Saving your answer failed"):
        reviews.answer(ghost, Rating.Good, answer(card.state, Rating.Good, NOW, EXACT), NOW, None)
    assert reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new == [card]
    assert sqlite3.connect(reviews.path).execute("SELECT count(*) FROM review").fetchone() == (0,)


def test_the_new_card_limit_counts_todays_new_answers(
    store: Store, cards_plan: int, reviews: Reviews
) -> None:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
    limits = DailyLimits(new_cards=2)
    card = reviews.queue(DeckScope(), NOW, END_OF_DAY, limits).new[0]
    reviews.answer(card, Rating.Good, answer(card.state, Rating.Good, NOW, EXACT), NOW, None)
    assert len(reviews.queue(DeckScope(), NOW, END_OF_DAY, limits).new) == 1
    tomorrow = END_OF_DAY + timedelta(days=1)
    assert (
        len(reviews.queue(DeckScope(), tomorrow - timedelta(hours=12), tomorrow, limits).new) == 2
    )


def test_review_cards_are_counted_by_review_day_and_days_off_are_known(reviews: Reviews) -> None:
    [card] = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    # 05:30 on 10 March two hours east; 03:30 in UTC, before 4 a.m.: still the 9th there.
    due = datetime(2026, 3, 10, 3, 30, tzinfo=UTC)
    reviewed = CardState(State.Review, None, 9.0, 5.0, due, NOW)
    reviews.answer(card, Rating.Good, reviewed, NOW, None)
    east = NOW.astimezone(timezone(timedelta(hours=2)))
    assert reviews.day_counts(east) == {date(2026, 3, 10): 1}
    assert reviews.day_counts(NOW) == {date(2026, 3, 9): 1}
    off = reviews.days_off()
    assert date(2026, 3, 14) in off and date(2026, 3, 13) not in off


def test_decks_count_new_learning_and_due_cards_by_topic(
    store: Store, cards_plan: int, reviews: Reviews
) -> None:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
    card = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new[0]
    reviews.answer(card, Rating.Again, answer(card.state, Rating.Again, NOW, EXACT), NOW, None)
    counts = reviews.deck_counts(NOW, END_OF_DAY)
    assert {key: (c.new, c.learning, c.review) for key, c in counts.items()} == {
        ("small", "python"): (1, 1, 0),
        ("small", "sql"): (0, 0, 0),  # its first session is not done yet
        ("small", "mlops"): (1, 0, 0),
    }


def test_the_review_forecast_feeds_the_planner_minutes(
    store: Store, cards_plan: int, reviews: Reviews
) -> None:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
    cards = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    overdue = CardState(State.Review, None, 5.0, 5.0, NOW - timedelta(days=2), NOW)
    later = CardState(State.Review, None, 5.0, 5.0, datetime(2026, 3, 5, 9, tzinfo=UTC), NOW)
    for card, state in zip(cards, (overdue, later), strict=False):
        reviews.answer(card, Rating.Good, state, NOW, None)
    # No answer times yet: 8 seconds a card, rounded up to whole minutes.
    assert store.review_forecast(NOW) == ((date(2026, 3, 2), 1), (date(2026, 3, 5), 1))
    for card in cards[2:]:
        reviews.answer(card, Rating.Good, later, NOW, 90_000)
    assert store.review_forecast(NOW) == ((date(2026, 3, 2), 2), (date(2026, 3, 5), 3))  # 90 s each


def test_card_statistics(store: Store, cards_plan: int, reviews: Reviews) -> None:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
    cards = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    in_review = CardState(State.Review, None, 5.0, 5.0, NOW + timedelta(days=3), NOW)
    yesterday = NOW - timedelta(days=1)
    reviews.answer(cards[0], Rating.Good, in_review, yesterday, None)
    reviews.answer(DueCard(cards[0].id, in_review), Rating.Again, in_review, NOW, None)
    reviews.answer(DueCard(cards[1].id, in_review), Rating.Hard, in_review, NOW, None)
    stats = store.card_stats(NOW)
    assert stats.answers_by_day == {date(2026, 3, 1): 1, date(2026, 3, 2): 2}
    assert stats.retention == (1, 2)  # the first answer was to a new card, not a review
    assert stats.retention_rate == 0.5
    assert len(stats.forecast) == 30
    assert stats.forecast[3] == (date(2026, 3, 5), 2)
    assert sum(n for _day, n in stats.forecast) == 2


def test_an_exams_cards_come_first_in_the_two_weeks_before_it(
    store: Store, cards_plan: int, reviews: Reviews
) -> None:
    from studyplanner.storage.queries.views import CardText, NewCard

    [exam] = [m for m in store.milestones(cards_plan) if m.kind == "certification"]
    assert NOW.date() <= exam.day <= NOW.date() + timedelta(days=14)
    with store.write() as writes:
        prep = writes.add_card(
            NewCard(CardText("Exam format?", "Two hours"), "small", "cert-prep"), NOW
        )
    sessions = store.sessions_between(cards_plan, MONDAY, exam.day)
    for topic in ("python", "cert-prep"):  # each topic's first session done: its cards arrive
        first = next(s for s in sessions if s.topic_id == topic)
        with store.write() as writes:
            writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
    new = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits(new_cards=1)).new
    assert [card.id for card in new] == [prep]  # ahead of older cards, within the limit
    # As reviews: the exam's card is due last but comes first.
    due = [c for c in reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new]
    for n, card in enumerate(due):
        state = CardState(State.Review, None, 5.0, 5.0, NOW - timedelta(hours=1 + n), NOW)
        reviews.answer(card, Rating.Good, state, NOW - timedelta(days=3), None)
    order = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).reviews
    assert order[0].id == prep
    later = NOW + timedelta(days=30)  # long after the exam: plain due order again
    order = reviews.queue(DeckScope(), later, later + timedelta(hours=15), DailyLimits()).reviews
    assert order[-1].id == prep
