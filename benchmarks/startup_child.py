"""One measured start, run by bench_startup in a fresh process of its own.

``python startup_child.py bare``: a bare PySide6 window (a QCalendarWidget in a QMainWindow).
``python startup_child.py app [DATA_DIR]``: the app's own entry point, on DATA_DIR if given,
else on the folder it finds by itself (as a learner starts it).

It prints ``paint`` at the first paint of any widget, and for the app ``today`` at the first
paint of the Today page's list of sessions, then ``ready`` once the start is done (the window
has made what it makes just after the Today page is painted), flushing each line so that the
parent can time it on its own clock from just before it started this process. Then it prints
one JSON line: this process's own peak memory, read just after the measured point (for the
app, the start done); for the app also the peak when the Today page was painted, how many
sessions it holds (``hits``), the median calendar view switch, and the peak once every page
has been shown and has read what it shows.

The peak is the process's own high-water mark (``VmHWM`` where ``/proc`` has it). On Linux
``ru_maxrss`` is no good for this, not even ``RUSAGE_SELF`` read here: ``exec`` carries the
starting process's peak over into it, so a large parent would show through.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget, QMainWindow, QWidget

GIVE_UP_MS = 60_000
SWITCHES = 3  # rounds of Week, Agenda, Month


def peak_mib() -> float:
    """This process's own peak resident memory so far, in MiB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def say(text: str) -> None:
    """One line to the parent, at once."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class Watch(QObject):
    """Notes the first paints, then reports and quits."""

    def __init__(self, app: QApplication, kind: str) -> None:
        super().__init__()
        self.app, self.kind = app, kind
        self.found: dict[str, Any] = {}
        self.window: Any = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stamp the first paint, and for the app the first paint of today's sessions."""
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        if "paint" not in self.found:
            self.found["paint"] = True
            say("paint")
            if self.kind == "bare":
                QTimer.singleShot(0, self.finish)
        main: Any = watched.window()
        if self.window is None and type(main).__name__ == "MainWindow":
            self.window = main
            if not main.today_page.list.isVisible():  # an empty page: report it, do not wait
                QTimer.singleShot(0, self.finish)
        if (
            self.window is not None
            and "today" not in self.found
            and watched is self.window.today_page.list.viewport()
        ):
            self.found["today"] = True
            say("today")
            self.found["peak_today_mib"] = peak_mib()
            QTimer.singleShot(0, self.finish)
        return False

    def finish(self) -> None:
        """Report what was found and quit; called once the measured paint is done."""
        if "done" in self.found:
            return
        if self.kind == "app" and not self.window.built:  # the rest comes after the paint
            QTimer.singleShot(0, self.finish)
            return
        self.found["done"] = True
        if self.kind == "app":
            say("ready")
        report: dict[str, Any] = {"peak_mib": peak_mib()}
        if self.kind == "app":
            report.update(self.today_report())
        say(json.dumps(report))
        self.app.quit()

    def today_report(self) -> dict[str, Any]:
        """What the Today page showed, then the calendar's view switches."""
        window = self.window
        page = window.pages.today
        report: dict[str, Any] = {
            "peak_today_mib": self.found.get("peak_today_mib"),
            "hits": page.sessions.rowCount() if page.list.isVisible() else 0,
            "on_today": window.stack.currentWidget() is page,
            "summary": page.summary.text(),
        }
        from studyplanner.ui.pages.calendar import Mode

        window.show_page(1)
        self.app.processEvents()
        switches = []
        for mode in (Mode.WEEK, Mode.AGENDA, Mode.MONTH) * SWITCHES:
            began = time.perf_counter()
            window.pages.calendar.set_mode(mode)
            self.app.processEvents()
            switches.append((time.perf_counter() - began) * 1000)
        report["switch_ms"] = sorted(switches)[len(switches) // 2]
        for number in range(window.sidebar.count()):
            window.show_page(number)
            self.app.processEvents()
            window.tasks.wait()  # the page's reads on the worker, then their results shown
            self.app.processEvents()
        report["peak_all_pages_mib"] = peak_mib()
        return report


def main(argv: list[str]) -> int:
    """Start the bare window or the app, as the learner would, and watch it."""
    kind = argv[0]
    app = QApplication([sys.argv[0]])
    watch = Watch(app, kind)
    app.installEventFilter(watch)
    QTimer.singleShot(GIVE_UP_MS, app.quit)
    if kind == "bare":
        window = QMainWindow()
        window.setCentralWidget(QCalendarWidget())
        window.resize(1200, 800)
        window.show()
        return app.exec()
    from studyplanner.ui.app import main as app_main

    # The app's own entry point: the instance lock, the integrity check, then the window.
    return int(app_main(["--data-dir", argv[1]] if len(argv) > 1 else []))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
