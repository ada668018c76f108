"""Start-up, view switches and memory with a large plan, against a bare Qt window."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

RUNS = 9
SESSIONS_WANTED = 5_000
CARDS = 10_000

CHILD = r"""
import json, resource, sys, time
start = float(sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget, QMainWindow

app = QApplication([])
found = {}
started = {}


class Paints(QObject):
    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.Paint or not hasattr(watched, "window"):
            return False
        if "paint" not in found:
            found["paint"] = time.time() - start
            if sys.argv[1] == "bare":
                QTimer.singleShot(0, finish)
        main = watched.window()
        if type(main).__name__ == "MainWindow" and "today" not in found:
            started["window"] = main
            found["today"] = time.time() - start
            QTimer.singleShot(0, finish)
        return False


def finish():
    if sys.argv[1] == "app":
        from studyplanner.ui.pages.calendar import Mode

        window = started["window"]
        window.show_page(1)
        app.processEvents()
        switches = []
        for mode in (Mode.WEEK, Mode.AGENDA, Mode.MONTH) * 3:
            began = time.perf_counter()
            window.calendar_page.set_mode(mode)
            app.processEvents()
            switches.append((time.perf_counter() - began) * 1000)
        found["switch_ms"] = sorted(switches)[len(switches) // 2]
    found["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(found))
    app.quit()


watcher = Paints()
app.installEventFilter(watcher)
QTimer.singleShot(60_000, app.quit)
if sys.argv[1] == "bare":
    window = QMainWindow()
    window.setCentralWidget(QCalendarWidget())
    window.resize(1200, 800)
    window.show()
else:
    from studyplanner.ui.app import main

    # The app's own entry point: the instance lock, the integrity check, then the window.
    main(["--data-dir", sys.argv[3]])
if sys.argv[1] == "bare":
    app.exec()
"""


def make_data(folder: Path) -> int:
    """A database holding a plan of about 5,000 sessions and 10,000 cards."""
    from sqlalchemy import insert

    from benchmarks.bench_scaling import generated_roadmap
    from studyplanner.core.planning.planner import make_plan
    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.planning.week import WeeklyAvailability
    from studyplanner.storage.schema.tables import CardRecord
    from studyplanner.storage.store import Store

    roadmap = generated_roadmap(1_000)
    request = PlanRequest(roadmap, date.today(), WeeklyAvailability.uniform(60, 120))
    plan = make_plan(request)
    keep = plan.sessions[:SESSIONS_WANTED]
    store = Store.open(folder)
    store.create_plan(
        "Benchmark", request, type(plan)(**{**plan.__dict__, "sessions": keep}), datetime.now(UTC)
    )
    with store.engine.begin() as conn:
        conn.execute(
            insert(CardRecord),
            [
                {
                    "roadmap_id": roadmap.id,
                    "key": f"card-{n}",
                    "topic_id": "t0",
                    "front": f"Question {n}",
                    "back": f"Answer {n}",
                    "tags": "",
                }
                for n in range(CARDS)
            ],
        )
    store.close()
    return len(keep)


def run(kind: str, folder: Path) -> dict[str, float]:
    """One start of the bare window or of the app, offscreen.

    The app starts without its settings file, so it opens to the Today page (otherwise it would
    reopen the Calendar, the last page the previous run showed).
    """
    (folder / "settings.ini").unlink(missing_ok=True)
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, repr(time.time()), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    data: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    """Print medians of several starts, and their ratios to the bare window."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sessions = make_data(folder)
        run("app", folder)  # warm the disk cache for both
        run("bare", folder)
        # Alternate the two, so that a busy spell on the machine slows both alike.
        bare, app = [], []
        for _ in range(RUNS):
            bare.append(run("bare", folder))
            app.append(run("app", folder))
    floor = statistics.median(b["paint"] for b in bare)
    paint = statistics.median(a["paint"] for a in app)
    today = statistics.median(a["today"] for a in app)
    switch = statistics.median(a["switch_ms"] for a in app)
    peak = statistics.median(a["peak_mib"] for a in app)
    bare_peak = statistics.median(b["peak_mib"] for b in bare)
    print(
        f"plan: {sessions} sessions, {CARDS} cards; median of {RUNS} warm starts each, "
        "alternating with the bare window, offscreen"
    )
    print("| measure | app | bare QCalendarWidget window | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| first paint (s) | {paint:.3f} | {floor:.3f} | {paint / floor:.2f}x | 1.5x |")
    print(f"| Today page filled (s) | {today:.3f} | {floor:.3f} | {today / floor:.2f}x | 3x |")
    print(f"| view switch (ms) | {switch:.1f} | | | 50 ms |")
    print(
        f"| peak memory (MiB) | {peak:.0f} | {bare_peak:.0f} | {peak / bare_peak:.2f}x | 130 MiB |"
    )


if __name__ == "__main__":
    main()
