"""The app's preferences, kept in the data folder beside the database."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings, Qt
from PySide6.QtGui import QGuiApplication

SETTINGS_NAME = "settings.ini"


class Theme(StrEnum):
    """Light, dark, or whatever the system uses."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class AppSettings:
    """Typed access to the settings file; nothing is written outside the data folder."""

    def __init__(self, data_dir: Path) -> None:
        self._qt = QSettings(str(data_dir / SETTINGS_NAME), QSettings.Format.IniFormat)

    @property
    def theme(self) -> Theme:
        """The chosen theme."""
        value = str(self._qt.value("appearance/theme", Theme.SYSTEM.value))
        return Theme(value) if value in Theme._value2member_map_ else Theme.SYSTEM

    @theme.setter
    def theme(self, theme: Theme) -> None:
        self._qt.setValue("appearance/theme", theme.value)

    @property
    def first_weekday(self) -> int | None:
        """The first day of the week, 0 for Monday; None follows the locale."""
        value = str(self._qt.value("calendar/first_weekday", ""))
        return int(value) if value.isdigit() and 0 <= int(value) <= 6 else None

    @first_weekday.setter
    def first_weekday(self, weekday: int | None) -> None:
        self._qt.setValue("calendar/first_weekday", "" if weekday is None else weekday)

    def effective_first_weekday(self) -> int:
        """The chosen first day, or the locale's."""
        chosen = self.first_weekday
        return chosen if chosen is not None else QLocale().firstDayOfWeek().value - 1

    @property
    def geometry(self) -> QByteArray | None:
        """The main window's saved geometry."""
        value = self._qt.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qt.setValue("window/geometry", value)

    @property
    def last_page(self) -> int:
        """The page shown when the app last closed."""
        value = str(self._qt.value("window/page", 0))
        return int(value) if value.isdigit() else 0

    @last_page.setter
    def last_page(self, page: int) -> None:
        self._qt.setValue("window/page", page)

    def sync(self) -> None:
        """Write the file now."""
        self._qt.sync()


def apply_theme(theme: Theme) -> None:
    """Follow the system's colour scheme, or override it."""
    hints = QGuiApplication.styleHints()
    if theme is Theme.SYSTEM:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if theme is Theme.DARK else Qt.ColorScheme.Light)
