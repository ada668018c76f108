"""Changing a stage milestone's mastery criteria, for that milestone or the whole roadmap."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
)

from studyplanner.core.milestones.mastery import MasteryCriteria

DEFAULT = MasteryCriteria()


class CriteriaDialog(QDialog):
    """Three numbers, and whether they apply to one milestone or to every stage."""

    def __init__(self, title: str, current: MasteryCriteria, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mastery Criteria")
        explanation = QLabel(
            f"When does “{title}” count as reached? Its sessions must be done, and its cards "
            "must meet these criteria."
        )
        explanation.setWordWrap(True)
        self.reviewed = _percent_box(current.reviewed_share, "Cards reviewed at least once")
        self.recall = QDoubleSpinBox()
        self.recall.setRange(0.0, 0.99)
        self.recall.setSingleStep(0.05)
        self.recall.setDecimals(2)
        self.recall.setValue(current.retrievability)
        self.recall.setAccessibleName("Average recall today")
        self.quiz = _percent_box(current.quiz_score, "Practice-quiz score")
        self.quiz.setSpecialValueText("No quiz needed")
        self.scope = QComboBox()
        self.scope.setAccessibleName("Apply to")
        self.scope.addItem("This milestone only", "milestone")
        self.scope.addItem("Every stage of this roadmap", "roadmap")
        self.scope.view().setAccessibleName("Places the criteria apply")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(lambda: self.set_criteria(DEFAULT))
        form = QFormLayout(self)
        form.addRow(explanation)
        form.addRow("Cards &reviewed:", self.reviewed)
        form.addRow("Average &recall today:", self.recall)
        form.addRow("Practice-&quiz score:", self.quiz)
        form.addRow("&Apply to:", self.scope)
        form.addRow(buttons)

    def criteria(self) -> MasteryCriteria:
        """The criteria as set."""
        return MasteryCriteria(
            self.reviewed.value() / 100, round(self.recall.value(), 2), self.quiz.value() / 100
        )

    def set_criteria(self, criteria: MasteryCriteria) -> None:
        """Fill the fields."""
        self.reviewed.setValue(round(criteria.reviewed_share * 100))
        self.recall.setValue(criteria.retrievability)
        self.quiz.setValue(round(criteria.quiz_score * 100))

    def for_whole_roadmap(self) -> bool:
        """Whether the criteria apply to every stage rather than one milestone."""
        return bool(self.scope.currentData() == "roadmap")


def _percent_box(share: float, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 100)
    box.setSuffix("%")
    box.setValue(round(share * 100))
    box.setAccessibleName(name)
    return box
