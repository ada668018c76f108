"""The roadmap and session list models."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.queries.views import RoadmapEntry, SessionView
from studyplanner.ui.common.safe_text import tooltip_as_written
from studyplanner.ui.models.roadmaps import ROADMAP_ROLE, RoadmapListModel
from studyplanner.ui.models.sessions import SessionListModel


def test_roadmap_list(qtmodeltester: ModelTester, small_roadmap: Roadmap) -> None:
    model = RoadmapListModel()
    model.set_items([RoadmapEntry(small_roadmap, "imported")])
    qtmodeltester.check(model)
    index = model.index(0)
    assert index.data() == "Small roadmap"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == tooltip_as_written(
        "Imported: Test guide, 2026"
    )
    assert index.data(ROADMAP_ROLE) is small_roadmap
    assert model.row_of("small") == 0
    assert model.row_of("other") == -1


def test_session_list(qtmodeltester: ModelTester) -> None:
    model = SessionListModel()
    model.set_items(
        [
            SessionView(1, date(2026, 3, 2), "Python", "basics", 60, time(18, 0), "planned"),
            SessionView(2, date(2026, 3, 2), "SQL", "basics", 30, None, "planned"),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(r).data() for r in range(2)] == ["18:00  Python — 60 min", "SQL — 30 min"]
