"""The roadmap list model."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.queries.views import RoadmapEntry
from studyplanner.ui.common.safe_text import tooltip_as_written
from studyplanner.ui.models.roadmaps import ROADMAP_ROLE, RoadmapListModel
from tests.roadmaps import CATALOGUE


def test_roadmap_list(qtmodeltester: ModelTester, small_roadmap: Roadmap) -> None:
    model = RoadmapListModel()
    qtmodeltester.check(model)  # empty
    model.set_items([RoadmapEntry(small_roadmap, "imported")])
    qtmodeltester.check(model)
    index = model.index(0)
    assert index.data() == "Small roadmap"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == tooltip_as_written(
        "Imported: Test guide, 2026"
    )
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Imported: Test guide, 2026"
    assert index.data(ROADMAP_ROLE) is small_roadmap
    assert model.roadmap(0) is small_roadmap
    assert model.row_of("small") == 0
    assert model.row_of("other") == -1


def test_the_bundled_catalogue_after_a_reset(
    qtmodeltester: ModelTester, small_roadmap: Roadmap
) -> None:
    model = RoadmapListModel()
    model.set_items([RoadmapEntry(small_roadmap, "imported")])
    qtmodeltester.check(model)
    bundled = [RoadmapEntry(roadmap, "bundled") for roadmap in CATALOGUE.roadmaps()]
    model.set_items(bundled)
    qtmodeltester.check(model)
    assert model.rowCount() == len(bundled) > 0
    assert model.index(0).data(Qt.ItemDataRole.AccessibleDescriptionRole).startswith("Bundled: ")
    assert model.row_of("small") == -1
