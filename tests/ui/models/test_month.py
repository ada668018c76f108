"""The month model: the grid of days and the sessions on them."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.common.safe_text import tooltip_as_written
from studyplanner.ui.models.month import MonthModel, MonthRole, grid_start
from tests.ui.models.resets import ResetWatch

MONDAY = date(2026, 3, 2)


def session(day: date, title: str = "Python", stage: str = "basics") -> SessionView:
    return SessionView(1, day, title, stage, 60, time(18, 0), SessionStatus.PLANNED)


def test_grid_starts_on_the_first_weekday() -> None:
    assert grid_start(2026, 3, 0) == date(2026, 2, 23)  # 1 March 2026 is a Sunday
    assert grid_start(2026, 3, 6) == date(2026, 3, 1)  # weeks starting on Sunday
    assert grid_start(2026, 6, 0) == date(2026, 6, 1)  # 1 June 2026 is a Monday


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = MonthModel(date(2026, 3, 2))
    model.set_source(lambda first, last: [session(date(2026, 3, 4))], {"basics": 0})
    qtmodeltester.check(model)
    model.step(1)
    qtmodeltester.check(model)


def test_sessions_land_on_their_days() -> None:
    model = MonthModel(date(2026, 3, 2))
    asked: list[tuple[date, date]] = []

    def source(first: date, last: date) -> list[SessionView]:
        asked.append((first, last))
        return [session(date(2026, 3, 4)), session(date(2026, 3, 4), "SQL")]

    model.set_source(source, {"basics": 0})
    assert asked == [(date(2026, 2, 23), date(2026, 4, 5))]
    cell = model.index_of(date(2026, 3, 4))
    assert (cell.row(), cell.column()) == (1, 2)
    assert [s.title for s in cell.data(MonthRole.SESSIONS)] == ["Python", "SQL"]
    assert cell.data() == "4"
    assert cell.data(MonthRole.IN_MONTH) is True
    assert model.index(0, 0).data(MonthRole.IN_MONTH) is False
    assert model.index_of(date(2026, 3, 2)).data(MonthRole.IS_TODAY) is True
    assert model.index_of(date(2026, 3, 5)).data(MonthRole.SESSIONS) == []


def test_tooltip_describes_the_day() -> None:
    model = MonthModel(date(2026, 3, 2))
    model.set_source(lambda first, last: [session(date(2026, 3, 4))])
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert model.index_of(date(2026, 3, 4)).data(tooltip) == tooltip_as_written(
        "Wednesday 04 March 2026:\n18:00  Python — 60 min"
    )
    assert model.index_of(date(2026, 3, 5)).data(tooltip) == tooltip_as_written(
        "Thursday 05 March 2026: nothing planned"
    )


def test_stepping_crosses_years() -> None:
    model = MonthModel(date(2026, 12, 15))
    model.step(1)
    assert (model.year, model.month) == (2027, 1)
    model.step(-2)
    assert (model.year, model.month) == (2026, 11)
    assert not model.index_of(date(2027, 6, 1)).isValid()


def test_sessions_are_read_before_each_reset(qtmodeltester: ModelTester) -> None:
    model = MonthModel(date(2026, 3, 2))
    qtmodeltester.check(model)  # empty, with no source
    watch = ResetWatch(model)
    model.set_source(watch.source(lambda first, last: [session(date(2026, 3, 4))]))
    model.step(1)
    model.show_month(2026, 3)
    model.set_first_weekday(6)
    model.set_today(date(2026, 3, 3))
    model.reload()
    assert (watch.reads, watch.resets, watch.reads_inside) == (6, 6, 0)
    qtmodeltester.check(model)
    assert model.index_of(date(2026, 3, 3)).data(MonthRole.IS_TODAY) is True
    assert model.first_date() == date(2026, 3, 1)


def test_a_failing_source_changes_nothing() -> None:
    model = MonthModel(date(2026, 3, 2))
    watch = ResetWatch(model)
    model.set_source(watch.source(lambda first, last: [session(date(2026, 3, 4))]))
    watch.failing = True
    for change in (
        lambda: model.step(1),
        lambda: model.set_first_weekday(6),
        lambda: model.set_today(date(2026, 3, 3)),
    ):
        with pytest.raises(StorageError):
            change()
    assert watch.resets == 1  # only the first, good, read
    assert (model.year, model.month, model.first_weekday, model.today) == (2026, 3, 0, MONDAY)
    assert [s.title for s in model.index_of(date(2026, 3, 4)).data(MonthRole.SESSIONS)] == [
        "Python"
    ]
