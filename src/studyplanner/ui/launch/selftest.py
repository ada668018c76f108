"""The packaged app's self-test: the core checks, then every page rendered once offscreen."""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from studyplanner.paths import frozen_executable
from studyplanner.selftest import SelfTestError, check_data_folder, run_self_test
from studyplanner.storage.store import Store
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.launch.selftest_qt import REQUIRED_IN_LINUX_BUNDLE, check_icons, check_plugins
from studyplanner.ui.window.main_window import MainWindow


def run_gui_self_test(data_dir: Path) -> int:
    """Return 0 when every check passes; print each step.

    The checks plan and render in a throwaway database; of ``data_dir``, the learner's data
    folder, they only check that it can be written to.
    """

    def report(line: str) -> None:
        print(f"ok: {line}", flush=True)

    today, now = date.today(), datetime.now().astimezone()
    try:
        check_data_folder(data_dir, report)
        bundled_on_linux = frozen_executable() is not None and sys.platform.startswith("linux")
        check_plugins(report, required=REQUIRED_IN_LINUX_BUNDLE if bundled_on_linux else ())
        check_icons(report)
        with tempfile.TemporaryDirectory(prefix="studyplanner-selftest-") as tmp:
            run_self_test(today, now, report, Path(tmp))
            store = Store.open(Path(tmp))
            try:
                window = MainWindow(store, lambda: today, lambda: now)
                window.resize(1000, 700)
                window.show()
                for number, name in enumerate(PAGES):
                    window.show_page(number)
                    QApplication.processEvents()
                    if window.grab().isNull():
                        raise SelfTestError(f"the {name} page did not render")
                    report(f"rendered the {name} page")
                window.close()
            finally:
                store.close()
    except SelfTestError as exc:
        print(f"self-test failed: {exc}", file=sys.stderr)
        return 1
    platform = QApplication.platformName()
    print(f"self-test passed (Qt platform: {platform})")
    return 0
