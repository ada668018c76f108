"""The week model: sessions in the slots where they start."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.models.week import WeekModel, slot_of, week_start
from tests.ui.models.resets import ResetWatch

WEDNESDAY = date(2026, 3, 4)


def session(day: date, title: str, start: time | None, minutes: int = 90) -> SessionView:
    return SessionView(1, day, title, "basics", minutes, start, SessionStatus.PLANNED, f"{title}/1")


def sessions(first: date, last: date) -> list[SessionView]:
    return [
        s
        for s in (
            session(date(2026, 3, 2), "Python", time(18, 0)),
            session(date(2026, 3, 2), "SQL", time(19, 30), 30),
            session(date(2026, 3, 7), "Reading", None, 60),
        )
        if first <= s.day <= last
    ]


def model() -> WeekModel:
    week = WeekModel(WEDNESDAY)
    week.set_source(sessions)
    return week


def test_week_starts() -> None:
    assert week_start(WEDNESDAY, 0) == date(2026, 3, 2)
    assert week_start(WEDNESDAY, 6) == date(2026, 3, 1)
    assert (slot_of(time(6, 0)), slot_of(time(18, 0)), slot_of(time(18, 29))) == (1, 25, 25)
    assert (slot_of(time(3, 0)), slot_of(time(23, 59))) == (1, 36)


def test_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    week = model()
    qtmodeltester.check(week)
    week.step(1)
    qtmodeltester.check(week)


def test_sessions_sit_in_their_slots() -> None:
    week = model()
    assert [s.title for s in week.index(25, 0).data(MonthRole.SESSIONS)] == ["Python"]
    assert [s.title for s in week.index(28, 0).data(MonthRole.SESSIONS)] == ["SQL"]
    assert week.index(0, 5).data() == "Reading — 60 min"
    assert week.spans() == [(25, 0, 3), (28, 0, 1)]  # 90 minutes span three slots
    assert week.headerData(25, Qt.Orientation.Vertical) == "18:00"
    assert week.headerData(0, Qt.Orientation.Vertical) == "Any time"
    assert week.headerData(0, Qt.Orientation.Horizontal) == "Mon 02"
    assert week.index(0, 2).data(MonthRole.IS_TODAY) is True


def test_sessions_are_read_before_each_reset(qtmodeltester: ModelTester) -> None:
    week = WeekModel(WEDNESDAY)
    qtmodeltester.check(week)  # empty, with no source
    watch = ResetWatch(week)
    week.set_source(watch.source(sessions))
    week.step(1)
    week.show_week_of(WEDNESDAY)
    week.set_first_weekday(6)
    week.set_today(date(2026, 3, 3))
    week.reload()
    assert (watch.reads, watch.resets, watch.reads_inside) == (6, 6, 0)
    qtmodeltester.check(week)
    assert week.start == date(2026, 3, 1)
    assert [s.title for s in week.index(25, 1).data(MonthRole.SESSIONS)] == ["Python"]
    assert week.index(0, 2).data(MonthRole.IS_TODAY) is True


def test_a_failing_source_changes_nothing() -> None:
    week = WeekModel(WEDNESDAY)
    watch = ResetWatch(week)
    week.set_source(watch.source(sessions))
    watch.failing = True
    for change in (lambda: week.step(1), lambda: week.set_first_weekday(6), week.reload):
        with pytest.raises(StorageError):
            change()
    assert watch.resets == 1
    assert (week.start, week.first_weekday) == (date(2026, 3, 2), 0)
    assert week.spans() == [(25, 0, 3), (28, 0, 1)]
