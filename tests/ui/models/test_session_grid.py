"""What the month and week share: today, the weeks' first day and the source of sessions."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.modeltest import ModelTester

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.models.month import MonthModel, MonthRole
from studyplanner.ui.models.session_grid import GridSettings, SessionGridModel
from studyplanner.ui.models.week import WeekModel
from tests.ui.models.resets import ResetWatch

MONDAY = date(2026, 3, 2)


def sessions(first: date, last: date) -> list[SessionView]:
    day = date(2026, 3, 4)
    return (
        [SessionView(1, day, "SQL", "basics", 60, time(18, 0), SessionStatus.PLANNED)]
        if first <= day <= last
        else []
    )


def test_settings_without_a_source_have_no_sessions() -> None:
    assert GridSettings(MONDAY).sessions(MONDAY, MONDAY) == []
    assert len(GridSettings(MONDAY, source=sessions).sessions(MONDAY, date(2026, 3, 8))) == 1


def cells(model: SessionGridModel) -> list[QModelIndex]:
    return [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]


@pytest.mark.parametrize("kind", [MonthModel, WeekModel])
def test_the_shared_settings(qtmodeltester: ModelTester, kind: type[SessionGridModel]) -> None:
    model = kind(MONDAY, 0)
    qtmodeltester.check(model)  # no source: empty days
    watch = ResetWatch(model)
    model.set_source(watch.source(sessions), {"basics": 2})
    qtmodeltester.check(model)
    assert (model.today, model.first_weekday, model.stage_index("basics")) == (MONDAY, 0, 2)
    assert model.stage_index("other") == 0
    model.set_today(date(2026, 3, 4))
    assert model.today == date(2026, 3, 4)
    assert any(i.data(MonthRole.IS_TODAY) for i in cells(model))
    assert [s.title for i in cells(model) for s in i.data(MonthRole.SESSIONS)] == ["SQL"]
    model.set_source(None)
    qtmodeltester.check(model)
    assert [s for i in cells(model) for s in i.data(MonthRole.SESSIONS)] == []
    assert (watch.reads, watch.resets, watch.reads_inside) == (2, 3, 0)
