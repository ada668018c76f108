"""Adding a milestone of the learner's own: a title, a date and what counts as done."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from studyplanner.ui.widgets.fields import date_field, pydate


class OwnMilestoneDialog(QDialog):
    """Asks for the milestone; Add stays off until it has a title."""

    def __init__(self, day: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Milestone")
        intro = QLabel(
            "A milestone of your own, such as a portfolio project shipped. It stays through "
            "re-planning, and counts as reached when you mark it so."
        )
        intro.setWordWrap(True)
        self.title = QLineEdit()
        self.title.setAccessibleName("Milestone title")
        self.title.setPlaceholderText("Portfolio project shipped")
        self.day = date_field(day, "Milestone date")
        self.criteria = QLineEdit()
        self.criteria.setAccessibleName("What counts as done")
        self.criteria.setPlaceholderText("The project is public, with a README and tests")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self._check)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("&Title:", self.title)
        form.addRow("&Date:", self.day)
        form.addRow("&Done when:", self.criteria)
        form.addRow(self.buttons)
        self._check()

    def values(self) -> tuple[str, date, str]:
        """The title, the date and what counts as done."""
        return self.title.text().strip(), pydate(self.day.date()), self.criteria.text().strip()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()))


class ExpiryDialog(QDialog):
    """When a certificate expires: a renewal milestone goes on that date."""

    def __init__(self, certification: str, day: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Certificate Expiry")
        intro = QLabel(
            f"When does {certification} expire? A renewal milestone goes on that date, so that "
            "it shows on your timeline and in your calendar."
        )
        intro.setWordWrap(True)
        self.day = date_field(day, "Expiry date")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("&Expires on:", self.day)
        form.addRow(buttons)

    def expiry(self) -> date:
        """The date chosen."""
        return pydate(self.day.date())
