"""The GUI entry point: ``studyplanner`` and ``python -m studyplanner``.

It paints a light frame before it loads storage and the rest of the app, so the window appears
at once; only Qt and the settings file are needed for that first paint.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from studyplanner import APP_ID, APP_NAME, __version__
from studyplanner.local_time import LocalClock
from studyplanner.paths import add_common_options, frozen_executable, resolve_data_dir
from studyplanner.storage.database.instance_lock import InstanceLock
from studyplanner.storage.errors import AlreadyRunningError, StorageError
from studyplanner.ui.common.settings import (
    AppSettings,
    apply_first_theme,
    apply_theme,
    keep_qt_settings_in,
)
from studyplanner.ui.launch.first_paint import after_first_paint
from studyplanner.ui.launch.memory import forget_module_sources
from studyplanner.ui.launch.single_instance import InstanceServer, ask_to_raise

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
QLabel#opening { qproperty-alignment: AlignCenter; }
"""


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options; anything else is left for Qt."""
    parser = argparse.ArgumentParser(prog="studyplanner", description=f"{APP_NAME}.")
    add_common_options(
        parser, "check the app works here (roadmaps, planning, database, pages), then exit"
    )
    # For the packaged app's start-up benchmark and CI: start, print when painted, then quit.
    parser.add_argument("--exit-when-open", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_known_args(argv)


def app_icon() -> QIcon:
    """The application icon, from the bundled SVG.

    Found beside the resources package's own file, where the packaged app keeps it too:
    importlib.resources would cost its import (about 4 ms) before the first paint.
    """
    package = import_module("studyplanner.resources")  # resources/, mapped into the package
    if package.__file__ is None:
        return QIcon()
    icon = Path(package.__file__).parent / "icons" / "studyplanner.svg"
    return QIcon(str(icon)) if icon.is_file() else QIcon()


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app; return its exit status."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:  # no windows flashing on the desktop; QT_QPA_PLATFORM may pick another
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")  # follows the light or dark colour scheme on every platform
    app.setStyleSheet(STYLE)
    data_dir = resolve_data_dir(args.data_dir, os.environ, frozen_executable())
    if args.self_test:
        from studyplanner.ui.launch.selftest import run_gui_self_test

        return run_gui_self_test(data_dir)
    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
    except AlreadyRunningError as exc:
        return tell_running_instance(data_dir, exc)
    except StorageError as exc:
        from PySide6.QtWidgets import QMessageBox  # its enums cost 3-5 ms: not on every start

        QMessageBox.critical(None, f"{APP_NAME} cannot use its data folder", str(exc))
        return 1
    keep_qt_settings_in(data_dir)
    try:
        return run_app(app, data_dir, exit_when_open=args.exit_when_open)
    finally:
        lock.release()


def run_app(app: QApplication, data_dir: Path, *, exit_when_open: bool = False) -> int:
    """Show the frame, open the data after the first paint, run until quit, then back up.

    With ``exit_when_open`` it prints ``first paint`` and ``window open`` as they happen and
    quits once the main window has been painted.
    """
    settings = AppSettings(data_dir)
    theme_whole = apply_first_theme(settings)
    shell = show_shell(settings)
    started: dict[str, Any] = {}

    clock = LocalClock()

    def begin() -> None:
        from datetime import date

        from studyplanner.ui.launch.startup import Startup

        sys.excepthook = show_crash
        forget_module_sources()
        startup = Startup(data_dir, shell, date.today, clock.now)
        started["startup"] = startup
        startup.gaveUp.connect(lambda: app.exit(1))
        startup.opened.connect(lambda window: window_opened(app, window))
        startup.opened.connect(lambda _window: clock.settle())
        if exit_when_open:
            startup.opened.connect(lambda window: after_first_paint(window, announce_and_quit))
        startup.start()

    def announce_and_quit() -> None:
        print("window open", flush=True)
        app.quit()

    def first_paint() -> None:
        if exit_when_open:
            print("first paint", flush=True)
        if not theme_whole:  # the system's scheme asked now, the palette changed if it did
            apply_theme(settings.theme, settings)
        # After the paint: watching the folder costs more than the frame. A launch in the
        # meantime waits for its answer (see ask_to_raise), so none is missed.
        server = started["server"] = InstanceServer(data_dir, app)
        server.raiseRequested.connect(
            lambda: bring_to_front(started["startup"].front() if "startup" in started else shell)
        )
        begin()

    after_first_paint(shell, first_paint)
    try:
        return app.exec()
    finally:
        startup = started.get("startup")
        if startup is not None and startup.store is not None:
            window = startup.window
            if window is not None:
                window.runner.close()
                # The window is gone (or was never closed); its last jobs still use the store.
                window.tasks.wait()
                window.tasks.shutdown()
            startup.store.close()
            if window is not None:
                back_up_on_quit(data_dir, window)


def back_up_on_quit(data_dir: Path, window: Any) -> None:
    """The automatic backup as the app closes, the store closed already.

    Made by the window's backups controller, or here when the window was closed before its
    controllers were made (in the moment just after the Today page is painted).
    """
    if window.built:
        window.backups.back_up_on_quit()
        return
    from studyplanner.storage.safety.recovery import automatic_backup

    try:
        automatic_backup(data_dir, window.clock.now(), window.settings.backup_policy)
    except StorageError as error:
        from studyplanner.ui.common.errors import show_problem

        show_problem(None, "The backup on closing could not be made", error)


def show_crash(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Our bug: the crash dialog, whose module loads only when it is needed."""
    from studyplanner.ui.common.errors import show_crash as crash_dialog

    crash_dialog(kind, error, tb)


def window_opened(app: QApplication, window: Any) -> None:
    """Follow the system's colour scheme, and start the first run with the plan wizard."""
    from studyplanner.ui.operations.collection import keep_start_up_heap

    keep_start_up_heap()
    app.styleHints().colorSchemeChanged.connect(
        lambda _: apply_theme(window.settings.theme, window.settings)
    )
    if window.current_plan() is None:
        window.plans.new_plan()


def bring_to_front(widget: QWidget) -> None:
    """Show a window above the others, restored if it was minimised."""
    from PySide6.QtCore import Qt

    widget.setWindowState(widget.windowState() & ~Qt.WindowState.WindowMinimized)
    widget.show()
    widget.raise_()
    widget.activateWindow()


def tell_running_instance(data_dir: Path, error: StorageError) -> int:
    """Another instance owns the data: ask it to come forward, or say that it is running."""
    if ask_to_raise(data_dir):
        return 0
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(None, f"{APP_NAME} is already running", str(error))
    return 1


def show_shell(settings: AppSettings) -> QMainWindow:
    """The window's frame, shown while the rest of the app loads."""
    shell = QMainWindow()
    shell.setWindowTitle(APP_NAME)
    label = QLabel("Opening your plans…")
    label.setObjectName("opening")  # centred by the style sheet: Qt's enums wait (see settings)
    label.setAccessibleName("Opening your plans")
    shell.setCentralWidget(label)
    geometry = settings.geometry
    if geometry is None:
        shell.resize(1200, 800)
    else:
        shell.restoreGeometry(geometry)
    shell.show()
    return shell
