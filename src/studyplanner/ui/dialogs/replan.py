"""The re-plan dialog: what would change, the ways forward, and a confirmation."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from studyplanner.core.planning.plan import Plan
from studyplanner.core.planning.replan import Replan
from studyplanner.core.planning.request import PlanRequest


class ReplanDialog(QDialog):
    """Shows a re-plan's report; nothing changes until the learner applies it."""

    def __init__(self, request: PlanRequest, result: Replan, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Re-plan from today")
        self.request = request
        self.outcome = result
        self.summary = QLabel(result.summary())
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What would change")
        self.options = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if result.choices:
            layout.addWidget(QLabel("<b>Ways forward</b>"))
            for number, choice in enumerate(result.choices):
                button = QRadioButton(choice.summary)
                button.setAccessibleName(choice.summary)
                button.setChecked(number == 0)
                self.options.addButton(button, number)
                layout.addWidget(button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setAccessibleName("Apply the re-plan")
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def chosen(self) -> tuple[PlanRequest, Plan]:
        """The request and plan to keep: the re-plan, or the way forward picked."""
        if self.outcome.choices:
            choice = self.outcome.choices[max(self.options.checkedId(), 0)]
            return choice.request, choice.plan
        return self.request, self.outcome.plan
