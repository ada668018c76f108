"""A day's sessions as a list model."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.models.sessions import SessionListModel, describe

MONDAY = date(2026, 3, 2)


def sessions() -> list[SessionView]:
    return [
        SessionView(1, MONDAY, "Python", "basics", 60, time(18, 0), SessionStatus.PLANNED),
        SessionView(2, MONDAY, "SQL", "basics", 30, None, SessionStatus.PLANNED),
        SessionView(3, MONDAY, "MLOps", "job", 45, None, SessionStatus.DONE, locked=True),
    ]


def test_session_list(qtmodeltester: ModelTester) -> None:
    model = SessionListModel()
    qtmodeltester.check(model)  # empty
    model.set_items(sessions())
    qtmodeltester.check(model)
    assert [model.index(r).data() for r in range(3)] == [
        "18:00  Python — 60 min",
        "SQL — 30 min",
        "✓ MLOps — 45 min (locked)",
    ]
    model.waiting_stages = frozenset({"basics"})
    model.set_items(sessions()[:2])  # a reset
    qtmodeltester.check(model)
    assert model.index(1).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "⏸ SQL — 30 min (waiting for mastery)"
    )
    assert model.item(0).title == "Python"


def test_describe_marks_each_status() -> None:
    skipped = SessionView(1, MONDAY, "Python", "basics", 60, None, SessionStatus.SKIPPED)
    waiting = SessionView(
        1, MONDAY, "Python", "basics", 60, None, SessionStatus.PLANNED, held_back=True
    )
    assert describe(skipped) == "✗ Python — 60 min"
    assert describe(waiting) == "⏸ Python — 60 min (waiting for mastery)"
    assert describe(skipped, held_back=True) == "✗ Python — 60 min"  # only planned ones wait
