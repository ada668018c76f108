"""Spreading a backlog of overdue cards over the coming days, undoably."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW
from tests.storage.reviews.test_reviews import END_OF_DAY
from tests.ui.conftest import open_window, settle


def make_overdue(store: Store, plan: int) -> None:
    """Every card reviewed long ago, with stabilities that make some more forgotten."""
    first = store.sessions_between(plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(plan, first.key, status=SessionStatus.DONE)
    reviews = store.reviews()
    for n, card in enumerate(reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new):
        seen = NOW - timedelta(days=30)
        state = CardState(State.Review, None, 2.0 + 10 * n, 5.0, NOW - timedelta(days=3), seen)
        reviews.answer(card, Rating.Good, state, seen, None)
    reviews.close()


def test_spreading_the_backlog(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    make_overdue(store, cards_plan)
    window = open_window(qtbot, store)
    window.settings.set_number("review/reviews_per_day", 2)
    window.show_page(3)
    settle(qtbot, window)
    page = window.pages.flashcards
    assert page.spread_button.isVisible()
    assert page.backlog.text().startswith("3 cards are overdue from earlier days")
    page.spread_days.setValue(2)
    page.spread_button.click()
    settle(qtbot, window)
    assert store.overdue_cards(NOW) == []
    assert not page.spread_button.isVisible()
    due = store.cards_due_today(NOW, DailyLimits(reviews=99))
    assert due.review == 2  # two today, one tomorrow
    assert window.action("undo").text() == "&Undo Spread 3 Overdue Cards over 2 Days"
    window.action("undo").trigger()
    settle(qtbot, window)
    assert len(store.overdue_cards(NOW)) == 3
    assert page.spread_button.isVisible()


def test_no_offer_when_the_backlog_fits_in_a_day(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    make_overdue(store, cards_plan)
    window = open_window(qtbot, store)
    window.show_page(3)
    settle(qtbot, window)
    assert not window.pages.flashcards.spread_button.isVisible()  # 3 overdue, 200 a day


def test_new_plans_reserve_time_for_the_cards_due(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    make_overdue(store, cards_plan)
    window = open_window(qtbot, store)
    window.plans.new_plan()
    forecast = window.plans.wizard.request().review_forecast
    assert forecast == store.review_forecast(NOW)
    assert forecast[0] == (NOW.date(), 1)  # three overdue cards at 8 s each
    window.plans.wizard.reject()
