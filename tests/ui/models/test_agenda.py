"""The agenda model: days with their sessions and milestones."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.modeltest import ModelTester

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.views import MilestoneView, SessionView
from studyplanner.ui.models.agenda import SESSION_ROLE, AgendaModel
from tests.ui.models.resets import ResetWatch

MONDAY = date(2026, 3, 2)


def session(day: date, title: str) -> SessionView:
    return SessionView(
        1, day, title, "basics", 60, time(18, 0), SessionStatus.PLANNED, f"{title}/1"
    )


def sessions(first: date, last: date) -> list[SessionView]:
    return [
        s
        for s in (
            session(MONDAY, "Python"),
            session(date(2026, 3, 4), "SQL"),
            session(date(2026, 4, 20), "Later"),
        )
        if first <= s.day <= last
    ]


def milestones() -> list[MilestoneView]:
    return [MilestoneView(date(2026, 3, 4), "Finish: Basics", "stage_end")]


def model() -> AgendaModel:
    agenda = AgendaModel(MONDAY)
    agenda.set_sources(sessions, milestones)
    return agenda


def days(agenda: AgendaModel) -> list[str]:
    return [agenda.index(r, 0).data() for r in range(agenda.rowCount())]


def test_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    agenda = AgendaModel(MONDAY)
    qtmodeltester.check(agenda)  # empty, with no sources
    agenda.set_sources(sessions, milestones)
    qtmodeltester.check(agenda)
    agenda.show_from(date(2026, 4, 13))
    qtmodeltester.check(agenda)


def test_days_hold_their_entries() -> None:
    agenda = model()
    days = [agenda.index(r, 0).data() for r in range(agenda.rowCount())]
    assert days == ["Monday 02 March 2026", "Wednesday 04 March 2026"]
    wednesday = agenda.index(1, 0)
    entries = [agenda.index(r, 0, wednesday).data() for r in range(agenda.rowCount(wednesday))]
    assert entries == ["◆ Finish: Basics", "18:00  SQL — 60 min"]
    assert agenda.index(1, 0, wednesday).data(SESSION_ROLE).title == "SQL"
    assert agenda.index(0, 0, wednesday).data(SESSION_ROLE) is None
    assert agenda.parent(agenda.index(1, 0, wednesday)) == wednesday
    assert agenda.parent(wednesday) == QModelIndex()


def test_four_weeks_at_a_time() -> None:
    agenda = model()
    assert (agenda.first, agenda.last) == (MONDAY, date(2026, 3, 29))
    agenda.show_from(date(2026, 4, 13))
    assert [agenda.index(r, 0).data() for r in range(agenda.rowCount())] == ["Monday 20 April 2026"]


def test_entries_are_read_before_each_reset(qtmodeltester: ModelTester) -> None:
    agenda = AgendaModel(MONDAY)
    watch = ResetWatch(agenda)
    qtmodeltester.check(agenda)
    agenda.set_sources(watch.source(sessions), watch.source(milestones), {"basics": 1})
    agenda.show_from(date(2026, 4, 13))
    agenda.reload()
    assert (watch.reads, watch.resets, watch.reads_inside) == (6, 3, 0)
    assert days(agenda) == ["Monday 20 April 2026"]


def test_a_failing_source_changes_nothing() -> None:
    agenda = AgendaModel(MONDAY)
    watch = ResetWatch(agenda)
    agenda.set_sources(watch.source(sessions), milestones)
    watch.failing = True
    with pytest.raises(StorageError):
        agenda.show_from(date(2026, 4, 13))
    with pytest.raises(StorageError):
        agenda.set_sources(watch.source(sessions), None)
    assert watch.resets == 1
    assert agenda.first == MONDAY
    assert days(agenda) == ["Monday 02 March 2026", "Wednesday 04 March 2026"]
