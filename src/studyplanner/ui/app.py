"""The GUI entry point: ``studyplanner`` and ``python -m studyplanner``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from importlib import resources

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from studyplanner import APP_ID, APP_NAME, __version__
from studyplanner.paths import add_common_options, resolve_data_dir
from studyplanner.storage.engine import StorageError
from studyplanner.storage.store import Store
from studyplanner.ui.errors import install_crash_handler
from studyplanner.ui.main_window import MainWindow
from studyplanner.ui.settings import apply_theme

STYLE = """
QLabel#pageTitle { font-size: 20px; font-weight: 600; padding: 4px 0 8px 0; }
QListView#todaySessions::item { padding: 6px; }
QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border: 1px solid palette(highlight); border-radius: 3px; padding: 4px 12px; }
QLabel#missedBanner { background: palette(highlight); color: palette(highlighted-text);
                      padding: 8px; border-radius: 6px; }
QListWidget#sidebar { border: none; font-size: 14px; padding-top: 8px;
                      background: palette(window); }
QListWidget#sidebar::item { padding: 9px 14px; border-radius: 6px; margin: 1px 8px; }
QListWidget#sidebar::item:selected { background: palette(highlight);
                                     color: palette(highlighted-text); }
QListView#roadmapList::item { padding: 6px 4px; }
QListWidget#sidebar::item:hover:!selected { background: palette(midlight); }
"""


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options; anything else is left for Qt."""
    parser = argparse.ArgumentParser(prog="studyplanner", description=f"{APP_NAME}.")
    add_common_options(
        parser, "check the app works here (roadmaps, planning, database, pages), then exit"
    )
    return parser.parse_known_args(argv)


def app_icon() -> QIcon:
    """The application icon, from the bundled SVG."""
    icon = resources.files("studyplanner.resources").joinpath("icons/studyplanner.svg")
    return QIcon(str(icon)) if icon.is_file() else QIcon()


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app; return its exit status."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")  # follows the light or dark colour scheme on every platform
    app.setStyleSheet(STYLE)
    if args.self_test:
        from studyplanner.ui.selftest import run_gui_self_test

        return run_gui_self_test()
    install_crash_handler()
    data_dir = resolve_data_dir(args.data_dir, os.environ)
    try:
        store = Store.open(data_dir)
    except StorageError as exc:
        QMessageBox.critical(None, f"{APP_NAME} cannot open its data", str(exc))
        return 1
    window = MainWindow(store, date.today, lambda: datetime.now().astimezone())
    apply_theme(window.settings.theme)
    # Follow the system when it switches between light and dark, unless overridden.
    app.styleHints().colorSchemeChanged.connect(lambda _: apply_theme(window.settings.theme))
    if window.settings.geometry is None:
        window.resize(1200, 800)
    window.show()
    if window.current_plan() is None:
        window.new_plan()  # the first run starts with the wizard
    try:
        return app.exec()
    finally:
        store.close()
