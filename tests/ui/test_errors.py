"""Problems the learner can fix get a plain message; our bugs get a crash report."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from studyplanner.core.roadmap.errors import Problem, RoadmapError
from studyplanner.storage.errors import DatabaseTooNewError
from studyplanner.ui.common import errors


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes that would have been shown, instead of blocking."""
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_roadmap_problems_are_listed_with_their_places(
    qapp: object, boxes: list[QMessageBox]
) -> None:
    error = RoadmapError([Problem("a.yaml", "no topic has the id 'x'", ("stages", 0), 4, 7)])
    errors.show_problem(None, "a.yaml could not be imported", error)
    [box] = boxes
    assert box.icon() == QMessageBox.Icon.Warning
    assert "a.yaml:4:7: stages[0]: no topic has the id 'x'" in box.text()
    assert box.informativeText() == "The file has 1 problem. Nothing was changed."


def test_storage_problems_are_explained(qapp: object, boxes: list[QMessageBox]) -> None:
    errors.show_problem(None, "Cannot open", DatabaseTooNewError("written by a newer version"))
    [box] = boxes
    assert (box.icon(), box.informativeText()) == (
        QMessageBox.Icon.Warning,
        "written by a newer version",
    )


def test_anything_else_is_reported_as_our_bug(
    qapp: object, boxes: list[QMessageBox], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        raise KeyError("plan 7")
    except KeyError as exc:
        errors.show_problem(None, "Oops", exc)
    [box] = boxes
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text() == "Something went wrong inside Study Planner. This is our bug, not yours."
    assert "KeyError: 'plan 7'" in box.detailedText()
    assert "KeyError: 'plan 7'" in capsys.readouterr().err


def test_a_message_quoting_html_shows_it_as_written(qapp: object, boxes: list[QMessageBox]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    hostile = '<img src="/dev/zero"> cannot be imported'
    errors.show_problem(None, hostile, DatabaseTooNewError(f"{hostile}: <b>bold</b>"))
    [box] = boxes
    assert box.textFormat() == Qt.TextFormat.PlainText
    labels = {label.objectName(): label for label in box.findChildren(QLabel)}
    for name in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
        assert labels[name].textFormat() == Qt.TextFormat.PlainText
    assert labels["qt_msgbox_informativelabel"].text().endswith("<b>bold</b>")
