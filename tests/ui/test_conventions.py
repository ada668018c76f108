"""Desktop conventions: remembered window, settings, shortcuts, About, accessible names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from studyplanner import __version__
from studyplanner.storage.store import Store
from studyplanner.ui.common.settings import SETTINGS_NAME, AppSettings, Theme
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.dialogs.settings import SettingsDialog
from studyplanner.ui.window.about import about_html
from studyplanner.ui.window.main_window import MainWindow
from tests.roadmaps import CATALOGUE
from tests.ui.conftest import open_window


def test_window_geometry_and_page_come_back(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(tmp_path, CATALOGUE)
    window = open_window(qtbot, store)
    window.setGeometry(QRect(10, 20, 760, 540))  # fits the offscreen screen (800 x 600)
    window.show_page(PAGES.index("Roadmaps"))
    size = window.size()
    window.close()
    assert (tmp_path / SETTINGS_NAME).exists()
    again = open_window(qtbot, store)
    try:
        assert again.stack.currentWidget() is again.pages.roadmaps
        assert again.size() == size
    finally:
        again.close()
        store.close()


def test_settings_change_the_theme_and_the_first_weekday(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = SettingsDialog(window.settings)
    qtbot.addWidget(dialog)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.weekday_box.setCurrentIndex(dialog.weekday_box.findData(6))
    dialog.store_into(window.settings)
    window.settings.sync()
    reread = AppSettings(tmp_path)
    assert (reread.theme, reread.first_weekday) == (Theme.DARK, 6)
    window.month_model.set_first_weekday(reread.effective_first_weekday())
    assert window.month_model.first_date().weekday() == 6  # the grid starts on a Sunday


def test_a_damaged_settings_file_falls_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_NAME).write_text("[appearance]\ntheme=purple\n[window]\npage=lots\n")
    settings = AppSettings(tmp_path)
    assert (settings.theme, settings.last_page, settings.first_weekday) == (Theme.SYSTEM, 0, None)


def test_shortcuts_list_covers_the_menus(window: MainWindow) -> None:
    names = dict(window.shortcut_list())
    for name in (
        "New Plan",
        "Import Roadmap",
        "Undo",
        "Redo",
        "Re-plan from Today",
        "Quit",
        "Today",
        "Calendar",
        "Previous month",
    ):
        assert name in names, name
    assert names["Re-plan from Today"] == "Ctrl+R"


def test_about_names_the_version_and_licences() -> None:
    html = about_html()
    assert f"<h3>Study Planner {__version__}</h3>" in html
    assert "LGPL v3" in html and "GNU GPL" in html


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    kinds = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit)
    unnamed = [
        (type(w).__name__, w.objectName(), getattr(w, "text", lambda: "")())
        for kind in kinds
        for w in window.findChildren(kind)
        if not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())
        and not w.objectName().startswith("qt_")  # Qt's own parts, such as a corner button
    ]
    assert unnamed == []


def test_the_dark_theme_darkens_the_palette(qapp: object) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from studyplanner.ui.common.settings import apply_theme

    try:
        apply_theme(Theme.DARK)
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
        apply_theme(Theme.LIGHT)
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180
    finally:
        apply_theme(Theme.SYSTEM)


def test_only_the_entry_points_read_the_clock() -> None:
    """'Today' comes from the window's clock; no page, model or widget reads the time itself."""
    ui = Path(__file__).resolve().parents[2] / "src" / "studyplanner" / "ui"
    entry_points = {ui / "app.py", ui / "launch" / "selftest.py"}
    readers = sorted(
        str(path.relative_to(ui))
        for path in ui.rglob("*.py")
        if path not in entry_points
        and any(c in path.read_text(encoding="utf-8") for c in ("date.today(", "datetime.now("))
    )
    assert readers == []
