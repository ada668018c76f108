"""The Progress page's flashcard statistics: heatmap, retention, forecast and its numbers."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits, DueCard
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.store import Store
from studyplanner.ui.models.text_table import TextTableModel
from studyplanner.ui.widgets.charts import Heatmap
from tests.conftest import MONDAY, NOW
from tests.storage.reviews.test_reviews import END_OF_DAY
from tests.ui.conftest import open_window, settle


def test_the_pair_table(qtmodeltester: ModelTester) -> None:
    model = TextTableModel(("Day", "Cards due"))
    model.set_rows([("Mon 02 Mar", "3"), ("Tue 03 Mar", "0")])
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "Tue 03 Mar"


def test_the_heatmap_finds_the_day_under_the_pointer(qtbot: QtBot) -> None:
    heatmap = Heatmap(date(2026, 3, 4))
    qtbot.addWidget(heatmap)
    heatmap.set_counts({date(2026, 3, 2): 4}, date(2026, 3, 4))  # a Wednesday
    assert heatmap.first_day() == date(2025, 3, 3)  # 52 weeks before this Monday
    last_column = 52 * 13 + 5
    assert heatmap.day_at(last_column, 0 * 13 + 5) == date(2026, 3, 2)
    assert heatmap.day_at(last_column, 2 * 13 + 5) == date(2026, 3, 4)
    assert heatmap.day_at(last_column, 3 * 13 + 5) is None  # tomorrow
    assert heatmap.accessibleDescription() == "4 answers on 1 days in the last year"


def test_the_progress_page_shows_card_statistics(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, SessionStatus.DONE, None, None)
    reviews = store.reviews()
    [card, *_] = reviews.queue(DeckScope(), NOW, END_OF_DAY, DailyLimits()).new
    due = CardState(State.Review, None, 4.0, 5.0, NOW + timedelta(days=2), NOW)
    reviews.answer(DueCard(card.id, due), Rating.Good, due, NOW - timedelta(hours=1), None)
    reviews.close()
    window = open_window(qtbot, store)
    window.show_page(4)
    settle(qtbot, window)
    page = window.pages.progress
    assert page.retention.text() == (
        "True retention over the last 30 days: 100% (1 of 1 reviews remembered). "
        "1 answers on 1 days in the last year."
    )
    assert page.forecast.values[2] == ("04 Mar", 1)
    page.answer_button.click()
    assert page.answer_table.isVisible()
    assert page.answer_numbers.rows == [("Mon 02 Mar 2026", "1")]
    page.numbers_button.click()
    assert page.forecast_table.isVisible()
    assert page.forecast_numbers.index(2, 1).data() == "1"


def test_the_progress_page_shows_study_progress(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(cards_plan, first.key, SessionStatus.DONE, 45, None)
    window = open_window(qtbot, store)
    window.show_page(4)
    settle(qtbot, window)
    page = window.pages.progress
    assert page.study.text() == "Streak: 1 day in a row with study done. 0.8 hours studied in all."
    assert page.weekly.labels == ["02 Mar"]  # weeks up to today
    assert [s.values for s in page.weekly.series] == [(300,), (45,)]
    assert page.burnup.marker == 0
    page.show_forecast_finish(date(2026, 3, 3))
    assert page.burnup.finish == (0, "forecast finish 03 Mar 2026")
    page.show_forecast_finish(date(2030, 1, 1))  # beyond the plan: the last week
    assert page.burnup.finish is not None and page.burnup.finish[0] == len(page.burnup.labels) - 1
    page.weekly_button.click()
    assert page.weekly_table.isVisible()
    assert page.weekly_numbers.rows[0] == ("02 Mar 2026", "300", "45", "300", "45")
