"""The agenda model: days with their sessions and milestones."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QModelIndex
from pytestqt.modeltest import ModelTester

from studyplanner.storage.queries.views import MilestoneView, SessionView
from studyplanner.ui.models.agenda import SESSION_ROLE, AgendaModel

MONDAY = date(2026, 3, 2)


def session(day: date, title: str) -> SessionView:
    return SessionView(1, day, title, "basics", 60, time(18, 0), "planned", f"{title}/1")


def model() -> AgendaModel:
    agenda = AgendaModel(MONDAY)
    agenda.set_sources(
        lambda first, last: [
            s
            for s in (
                session(MONDAY, "Python"),
                session(date(2026, 3, 4), "SQL"),
                session(date(2026, 4, 20), "Later"),
            )
            if first <= s.day <= last
        ],
        lambda: [MilestoneView(date(2026, 3, 4), "Finish: Basics", "stage_end")],
    )
    return agenda


def test_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    agenda = model()
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
