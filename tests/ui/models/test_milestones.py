"""A plan's milestones as a list model, coloured by their state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester

from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.milestones.mastery import MilestoneState
from studyplanner.storage.store import Store
from studyplanner.ui.models.milestones import STATE_COLOURS, MilestoneListModel, describe
from tests.conftest import NOW


def test_milestone_list(qtmodeltester: ModelTester, store: Store, cards_plan: int) -> None:
    model = MilestoneListModel()
    qtmodeltester.check(model)  # empty
    reports = store.milestone_reports(cards_plan, NOW, ReviewSettings())
    model.set_items(reports)
    qtmodeltester.check(model)
    assert model.rowCount() == len(reports) > 2
    assert [model.index(r).data() for r in range(model.rowCount())] == [
        describe(r) for r in reports
    ]
    assert model.row_of("stage:job") == 2
    assert model.row_of("nothing") == -1
    for row, report in enumerate(reports):
        colour = model.index(row).data(Qt.ItemDataRole.ForegroundRole)
        state = report.assessment.state
        expected = QColor(STATE_COLOURS[state]) if state in STATE_COLOURS else None
        assert colour == expected
    assert reports[0].assessment.state is MilestoneState.DUE  # its sessions are not done
    assert model.index(0).data(Qt.ItemDataRole.ForegroundRole) == QColor(
        STATE_COLOURS[MilestoneState.DUE]
    )
    assert model.index(0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "06 Mar 2026  Finish: Basics — due"
    )
    model.set_items(reports[:1])  # a reset
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    model.set_items([])
    qtmodeltester.check(model)
