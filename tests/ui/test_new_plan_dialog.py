"""The new-plan dialog previews a plan before anything is saved."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from studyplanner.core.planning.request import Pace
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.store import RoadmapEntry
from studyplanner.ui.models.roadmaps import RoadmapListModel
from studyplanner.ui.new_plan_dialog import NewPlanDialog
from tests.conftest import MONDAY


def make_dialog(qtbot: QtBot, roadmap: Roadmap) -> NewPlanDialog:
    model = RoadmapListModel()
    model.set_items([RoadmapEntry(roadmap, "imported")])
    dialog = NewPlanDialog(model, MONDAY)
    qtbot.addWidget(dialog)
    return dialog


def test_preview_and_request(qtbot: QtBot, small_roadmap: Roadmap) -> None:
    dialog = make_dialog(qtbot, small_roadmap)
    for spin in dialog.week.spins:
        spin.setValue(60)
    dialog.week.spins[5].setValue(0)
    dialog.week.spins[6].setValue(0)
    expected = (
        "6 sessions, 6 hours of study at 5 hours a week. Finishes on Tuesday 05 May 2026 "
        "(between 04 April 2026 and 08 June 2026), with 3 milestones."
    )
    qtbot.waitUntil(lambda: dialog.preview.text() == expected)
    request = dialog.request()
    assert (request.start, request.pace, request.availability.minutes) == (
        MONDAY,
        Pace.STEADY,
        (60, 60, 60, 60, 60, 0, 0),
    )
    assert dialog.plan_name() == "Small roadmap"
    dialog.name_edit.setText("  Evenings  ")
    assert dialog.plan_name() == "Evenings"


def test_a_week_without_time_cannot_be_planned(qtbot: QtBot, small_roadmap: Roadmap) -> None:
    dialog = make_dialog(qtbot, small_roadmap)
    for spin in dialog.week.spins:
        spin.setValue(0)
    qtbot.waitUntil(
        lambda: (
            dialog.preview.text()
            == "The week has no study time: give at least one day some minutes."
        )
    )
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_every_control_has_an_accessible_name(qtbot: QtBot, small_roadmap: Roadmap) -> None:
    dialog = make_dialog(qtbot, small_roadmap)
    controls = [
        dialog.roadmap_box,
        dialog.name_edit,
        dialog.start_edit,
        dialog.pace_box,
        *dialog.week.spins,
    ]
    assert all(c.accessibleName() for c in controls)
