"""Counting for the deck tree, the forecast and the statistics, by indexed ranges."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits, DueCard
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState
from studyplanner.core.cards.search import parse_search
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.queries.card_queries import SortKey
from studyplanner.storage.queries.views import CardText, NewCard
from studyplanner.storage.reviews.reviews import Reviews
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW
from tests.storage.reviews.test_reviews import END_OF_DAY

BERLIN = ZoneInfo("Europe/Berlin")  # summer time from 29 March 2026, 02:00


@pytest.fixture
def reviews(store: Store, cards_plan: int) -> Iterator[Reviews]:
    opened = store.reviews()
    yield opened
    opened.close()


def in_review(due: datetime) -> CardState:
    return CardState(State.Review, None, 5.0, 5.0, due, NOW - timedelta(days=3))


def new_cards(reviews: Reviews) -> list[DueCard]:
    return reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new


def test_deck_counts_cover_each_deck_with_cards_not_suspended(
    store: Store, cards_plan: int, reviews: Reviews
) -> None:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
        writes.add_card(NewCard(CardText("Own", "x"), deck="Geography"), NOW)
        hidden = writes.add_card(NewCard(CardText("Hidden", "x"), deck="Hidden"), NOW)
    [join] = store.search_cards(parse_search("join"), SortKey.CREATED, False, NOW)
    with store.write() as writes:
        writes.set_suspended([hidden, join], True)
    cards = {reviews.face(c.id).front: c for c in new_cards(reviews)}
    due_today = in_review(NOW + timedelta(hours=3))
    reviews.answer(cards["What is a list?"], Rating.Good, due_today, NOW, None)
    later = in_review(END_OF_DAY + timedelta(days=2))
    reviews.answer(cards["What is drift?"], Rating.Good, later, NOW, None)
    counts = reviews.deck_counts(NOW, END_OF_DAY)
    # The sql topic and the Hidden deck have only suspended cards: no deck at all.
    assert {key: (c.new, c.learning, c.review) for key, c in counts.items()} == {
        ("small", "python"): (1, 0, 1),
        ("small", "mlops"): (0, 0, 0),
        ("", "Geography"): (1, 0, 0),
    }


def test_counting_days_by_ranges_agrees_with_counting_by_hour(
    store: Store, cards_plan: int, reviews: Reviews
) -> None:
    dues = [NOW + timedelta(hours=h) for h in (-30, 1, 15, 20, 40, 24 * 29, 24 * 31)]
    for n in range(len(dues)):
        with store.write() as writes:
            writes.add_card(NewCard(CardText(f"Own {n}", "x"), deck="Own"), NOW)
    cards = [c for c in new_cards(reviews) if reviews.face(c.id).front.startswith("Own")]
    for card, due in zip(cards, dues, strict=True):
        reviews.answer(card, Rating.Good, in_review(due), NOW, None)
    for now in (NOW, NOW.astimezone(timezone(timedelta(hours=10))), NOW.astimezone(BERLIN)):
        every = reviews.day_counts(now)
        today = now.date()
        window = {day: n for day, n in every.items() if today <= day < today + timedelta(30)}
        assert reviews.day_counts(now, 30) == window
        assert sum(window.values()) >= 1
    assert reviews.overdue_count(END_OF_DAY - timedelta(days=1)) == 1  # due 30 hours ago


def test_answers_are_counted_by_review_day_across_daylight_saving(reviews: Reviews) -> None:
    # A review day starts at 4 a.m.: an answer at 03:50 counts towards the day before.
    card = new_cards(reviews)[0]
    local = [
        datetime(2026, 3, 28, 3, 50),  # before the start: not counted
        datetime(2026, 3, 28, 4, 10),
        datetime(2026, 3, 29, 3, 50),  # in summer time, still the 28th's review day
        datetime(2026, 3, 29, 4, 10),
        datetime(2026, 3, 30, 3, 50),
        datetime(2026, 3, 30, 4, 10),
    ]
    for moment in local:
        at = moment.replace(tzinfo=BERLIN).astimezone(UTC)
        reviews.answer(card, Rating.Good, in_review(at + timedelta(days=3)), at, None)
    since = datetime(2026, 3, 28, 4, tzinfo=BERLIN)
    assert reviews.answers_by_day(since) == {
        date(2026, 3, 28): 2,
        date(2026, 3, 29): 2,
        date(2026, 3, 30): 1,
    }
    assert reviews.answers_by_day(datetime(2026, 4, 1, tzinfo=BERLIN)) == {}
