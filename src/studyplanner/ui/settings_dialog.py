"""The Settings dialog: theme and the first day of the week."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout

from studyplanner.core.planning.week import WEEKDAYS
from studyplanner.ui.settings import AppSettings, Theme


class SettingsDialog(QDialog):
    """Edits the settings; the caller applies them when accepted."""

    def __init__(self, settings: AppSettings, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.theme_box = QComboBox()
        self.theme_box.setAccessibleName("Theme")
        for theme, label in (
            (Theme.SYSTEM, "Follow the system"),
            (Theme.LIGHT, "Light"),
            (Theme.DARK, "Dark"),
        ):
            self.theme_box.addItem(label, theme.value)
        self.theme_box.setCurrentIndex(self.theme_box.findData(settings.theme.value))
        self.weekday_box = QComboBox()
        self.weekday_box.setAccessibleName("First day of the week")
        self.weekday_box.addItem("From the language settings", -1)
        for number, name in enumerate(WEEKDAYS):
            self.weekday_box.addItem(name, number)
        chosen = settings.first_weekday
        self.weekday_box.setCurrentIndex(
            self.weekday_box.findData(-1 if chosen is None else chosen)
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Theme:", self.theme_box)
        form.addRow("&Weeks start on:", self.weekday_box)
        form.addRow(buttons)

    def store_into(self, settings: AppSettings) -> None:
        """Write the choices into the settings."""
        settings.theme = Theme(self.theme_box.currentData())
        weekday = int(self.weekday_box.currentData())
        settings.first_weekday = None if weekday < 0 else weekday
