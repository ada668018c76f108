"""A whole review: cards in order, answers saved, learning steps returning, undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import CardCounts, DailyLimits
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.reviews.review_session import ReviewSession
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW
from tests.storage.reviews.test_reviews import END_OF_DAY


@pytest.fixture
def session(store: Store, cards_plan: int) -> Iterator[ReviewSession]:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
    opened = ReviewSession(
        store.reviews(), DeckScope(), ReviewSettings(), DailyLimits(), NOW, END_OF_DAY
    )
    yield opened
    opened.close()


def test_a_review_runs_through_every_card_and_its_learning_steps(session: ReviewSession) -> None:
    assert session.remaining() == CardCounts(new=3, learning=0, review=0)
    seen = []
    now = NOW
    while session.next(now) is not None:
        seen.append(session.face().front)
        session.answer(Rating.Good, now, 3000)
        now += timedelta(minutes=1)
    # Good on a new card is a ten-minute step, shown again within the learn-ahead time.
    assert seen == [
        "What is a list?",
        "What is a dict?",
        "What is drift?",
        "What is a list?",
        "What is a dict?",
        "What is drift?",
    ]
    assert session.remaining() == CardCounts(0, 0, 0)
    assert session.answered == 6


def test_the_buttons_intervals_are_for_the_card_shown(session: ReviewSession) -> None:
    session.next(NOW)
    assert session.intervals(NOW)[Rating.Good] == timedelta(minutes=10)


def test_undo_shows_the_last_card_again_with_its_old_state(session: ReviewSession) -> None:
    first = session.next(NOW)
    assert first is not None
    session.answer(Rating.Again, NOW, 2000)
    second = session.next(NOW)
    assert session.remaining() == CardCounts(new=2, learning=1, review=0)
    assert session.can_undo
    assert session.undo() == first
    assert not session.can_undo
    assert session.next(NOW) == first
    assert session.remaining() == CardCounts(new=3, learning=0, review=0)
    session.answer(Rating.Easy, NOW, 2000)
    assert session.next(NOW) == second


def test_an_easy_first_answer_graduates_the_card(session: ReviewSession) -> None:
    session.next(NOW)
    after = session.answer(Rating.Easy, NOW, None)
    assert after.state == State.Review
    assert session.remaining() == CardCounts(new=2, learning=0, review=0)
