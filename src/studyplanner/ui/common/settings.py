"""The app's preferences, kept in the data folder beside the database."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLocale, QSettings
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from studyplanner.storage.safety.thinning import BackupPolicy

SETTINGS_NAME = "settings.ini"


class Theme(StrEnum):
    """Light, dark, or whatever the system uses."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


MAX_BACKUPS = 999


def keep_qt_settings_in(folder: Path) -> None:
    """Send what Qt saves on its own (the file dialog's history, QtProject.conf) to ``folder``.

    Without this Qt writes ~/.config/QtProject.conf, outside the data folder (and outside a
    portable app's). The Windows registry, Qt's native format there, is not a file: only the
    INI format is redirected on Windows, and Windows' native dialogs save nothing.
    """
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(folder))


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

    @property
    def system_was_dark(self) -> bool | None:
        """Whether the system's colours were dark when last asked here; None if never asked."""
        return {"true": True, "false": False}.get(str(self._qt.value("appearance/system_dark")))

    @system_was_dark.setter
    def system_was_dark(self, dark: bool) -> None:
        self._qt.setValue("appearance/system_dark", "true" if dark else "false")

    @property
    def backup_policy(self) -> BackupPolicy:
        """How many daily, weekly and monthly backups to keep."""
        from studyplanner.storage.safety.thinning import BackupPolicy  # not before the first paint

        default = BackupPolicy()
        counts = [
            max(0, min(MAX_BACKUPS, int(self.number(f"backups/{kind}", getattr(default, kind)))))
            for kind in ("daily", "weekly", "monthly")
        ]
        return BackupPolicy(*counts)

    @backup_policy.setter
    def backup_policy(self, policy: BackupPolicy) -> None:
        for kind in ("daily", "weekly", "monthly"):
            self._qt.setValue(f"backups/{kind}", getattr(policy, kind))

    def number(self, key: str, default: float) -> float:
        """A numeric setting; the default when it is missing or not a number."""
        try:
            return float(str(self._qt.value(key, default)))
        except ValueError:
            return default

    def set_number(self, key: str, value: float) -> None:
        """Keep a numeric setting."""
        self._qt.setValue(key, value)

    def sync(self) -> None:
        """Write the file now."""
        self._qt.sync()


DARK_COLOURS = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f1f1f",
    QPalette.ColorRole.AlternateBase: "#292929",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#2f7bd6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#353535",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Link: "#6aa9ff",
    QPalette.ColorRole.PlaceholderText: "#8c8c8c",
    QPalette.ColorRole.Light: "#454545",
    QPalette.ColorRole.Midlight: "#3b3b3b",
    QPalette.ColorRole.Mid: "#303030",
    QPalette.ColorRole.Dark: "#1a1a1a",
    QPalette.ColorRole.Shadow: "#0f0f0f",
}


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style; disabled text is dimmed."""
    palette = QPalette()
    for role, colour in DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def is_dark(theme: Theme) -> bool:
    """Whether this theme means dark colours now, asking the system when it follows it."""
    if theme is Theme.SYSTEM:
        from PySide6.QtCore import Qt  # its enums cost about 28 ms: none before the first frame

        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return theme is Theme.DARK


def apply_theme(theme: Theme, remember: AppSettings | None = None) -> None:
    """Use light, dark, or the system's choice; ``remember`` keeps what the system said.

    The palette is set here, so that it also works where the platform has no theme of its own.
    """
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    if theme is Theme.SYSTEM:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if theme is Theme.DARK else Qt.ColorScheme.Light)
    dark = is_dark(theme)
    _set_palette(dark)
    if remember is not None and theme is Theme.SYSTEM and remember.system_was_dark != dark:
        remember.system_was_dark = dark
        remember.sync()


def apply_first_theme(settings: AppSettings) -> bool:
    """The first frame's palette, without asking the system where that can be helped.

    Asking for the system's colour scheme makes PySide6 create the Python enums of the whole
    Qt namespace, about 28 ms, more than the rest of the first frame's own work. A chosen
    theme gives its palette; the system's is taken as it was when last asked here. Returns
    whether the theme is whole: if not, ``apply_theme`` (with the settings to remember the
    system's answer) follows the first paint, and changes the colours only where the system
    changed its scheme while the app was closed. The first start asks at once.
    """
    theme = settings.theme
    dark = settings.system_was_dark if theme is Theme.SYSTEM else theme is Theme.DARK
    if dark is None:
        apply_theme(theme, settings)
        return True
    _set_palette(dark)
    return False


def _set_palette(dark: bool) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(dark_palette() if dark else app.style().standardPalette())
