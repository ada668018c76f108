"""The Settings dialog: theme, the first day of the week, review options and backups kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
)

from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.planning.week import WEEKDAYS
from studyplanner.storage.safety.thinning import BackupPolicy
from studyplanner.ui.common.review_options import (
    RETENTION_RANGE,
    daily_limits,
    review_settings,
    store_review_options,
)
from studyplanner.ui.common.settings import MAX_BACKUPS, AppSettings, Theme


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
        review, limits = review_settings(settings), daily_limits(settings)
        self.retention = QDoubleSpinBox()
        self.retention.setRange(*RETENTION_RANGE)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(review.desired_retention)
        self.retention.setAccessibleName("Desired retention")
        self.retention.setToolTip(
            "The chance of remembering a card when it comes due. Higher means more reviews."
        )
        self.new_cards = _count_box(limits.new_cards, 9999, "New cards a day")
        self.reviews = _count_box(limits.reviews, 99999, "Reviews a day")
        self.minutes = _count_box(limits.minutes or 0, 1440, "Review minutes a day")
        self.minutes.setSpecialValueText("No limit")
        self.minutes.setSuffix(" min")
        self.balance = QCheckBox("Spread reviews to the lightest days")
        self.balance.setChecked(review.load_balancing)
        self.balance.setAccessibleName("Load balancing")
        policy = settings.backup_policy
        self.daily_backups = _count_box(policy.daily, MAX_BACKUPS, "Daily backups to keep")
        self.weekly_backups = _count_box(policy.weekly, MAX_BACKUPS, "Weekly backups to keep")
        self.monthly_backups = _count_box(policy.monthly, MAX_BACKUPS, "Monthly backups to keep")
        kept = QHBoxLayout()
        for box, label in (
            (self.daily_backups, "daily"),
            (self.weekly_backups, "weekly"),
            (self.monthly_backups, "monthly"),
        ):
            box.setSuffix(f" {label}")
            kept.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Theme:", self.theme_box)
        form.addRow("&Weeks start on:", self.weekday_box)
        form.addRow("Desired &retention:", self.retention)
        form.addRow("&New cards a day:", self.new_cards)
        form.addRow("Re&views a day:", self.reviews)
        form.addRow("Review &time a day:", self.minutes)
        form.addRow("", self.balance)
        form.addRow("&Backups kept:", kept)
        form.addRow(buttons)

    def store_into(self, settings: AppSettings) -> None:
        """Write the choices into the settings."""
        settings.theme = Theme(self.theme_box.currentData())
        weekday = int(self.weekday_box.currentData())
        settings.first_weekday = None if weekday < 0 else weekday
        store_review_options(
            settings,
            ReviewSettings(round(self.retention.value(), 2), self.balance.isChecked()),
            DailyLimits(self.new_cards.value(), self.reviews.value(), self.minutes.value() or None),
        )
        settings.backup_policy = BackupPolicy(
            self.daily_backups.value(), self.weekly_backups.value(), self.monthly_backups.value()
        )


def _count_box(value: int, most: int, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, most)
    box.setValue(value)
    box.setAccessibleName(name)
    return box
