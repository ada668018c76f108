"""Opening each page and the card browser on a large collection: UI-thread blocks and waits.

Run: QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_pages  [--runs N | --quick]

The data are bench_anki's (bench_reviews' 100,000 cards and 1,000,000 review-log rows, made
relative to the wall clock, in our database and in an Anki collection made through Anki's own
API) plus a learner's plan of a bundled roadmap, begun eight weeks before, its first six weeks
done, so the Progress page also works out the plan's finish range and its forecast at that
pace (bench_ui_thread covers a plan of 5,000 sessions). Each run opens the real window on a
fresh copy, then shows each page as a click in the sidebar does, and opens the card browser;
for each it records the longest gap of a 5 ms heartbeat on the UI thread (the longest the
window could not paint or take a key) and the wait until the page is filled and painted (the
worker idle, the result shown). In the same run Anki's library does what the Progress page and
the browser stand for: its statistics (``graphs`` over a year) and ``find_cards("")`` plus the
first 200 browser rows. The issue's targets: no block over 100 ms, the Progress page ready no
slower than Anki's statistics, the browser within 2x Anki's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from anki.collection import Collection
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from benchmarks.bench_anki import ANKI_NAME, QUICK, make_anki
from benchmarks.bench_reviews import CARDS, REVIEWS, make_data
from benchmarks.bench_ui_thread import GIVE_UP_S, TARGET_MS, Heartbeat, close_window
from studyplanner.storage.store import DATABASE_NAME

RUNS = 5
QUICK_RUNS = 2
ANKI_REPEATS = 3
PAGES_SHOWN = ("Calendar", "Roadmaps", "Flashcards", "Progress", "Milestones", "Today")
ROADMAP = "ai-architect-step-by-step"
WEEKS_AGO = 8
WEEKS_DONE = 6


def make_learner_plan(folder: Path, now: datetime) -> None:
    """A plan of a bundled roadmap begun WEEKS_AGO, its first WEEKS_DONE weeks' sessions done."""
    from studyplanner.core.planning.plan import SessionStatus
    from studyplanner.core.planning.planner import make_plan
    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.planning.week import WeeklyAvailability
    from studyplanner.storage.store import Store

    store = Store.open(folder)
    try:
        roadmap = store.catalogue.get(ROADMAP)
        assert roadmap is not None
        start = now.date() - timedelta(weeks=WEEKS_AGO)
        request = PlanRequest(roadmap, start, WeeklyAvailability.uniform(60, 120))
        plan = make_plan(request)
        plan_id = store.create_plan("Benchmark", request, plan, now)
        done = [s for s in plan.sessions if s.day < start + timedelta(weeks=WEEKS_DONE)]
        assert done
        with store.write() as writes:
            for session in done:
                writes.update_session(plan_id, session.key, SessionStatus.DONE, None, None)
    finally:
        store.close()


def until_ready(app: QApplication, done: Callable[[], bool]) -> float:
    """Run the event loop until ``done``, then paint; the time that took (ms)."""
    began = time.perf_counter()
    give_up = began + GIVE_UP_S
    while not done():
        if time.perf_counter() > give_up:
            raise TimeoutError("the page was not filled")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    app.processEvents()  # what the result changed is painted
    return 1000 * (time.perf_counter() - began)


def one_run(app: QApplication, source: Path, now: datetime) -> dict[str, tuple[float, float]]:
    """Each page and the browser once on a fresh copy: (longest block, wait) in ms."""
    from studyplanner.storage.store import Store
    from studyplanner.ui.controllers.context import PAGES
    from studyplanner.ui.operations.collection import keep_start_up_heap
    from studyplanner.ui.window.main_window import MainWindow

    found: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copyfile(source / DATABASE_NAME, folder / DATABASE_NAME)
        store = Store.open(folder)
        window = MainWindow(store, lambda: now.date(), lambda: now)
        window.resize(1280, 800)
        window.show()
        beat = Heartbeat()

        def idle() -> bool:
            return not window.tasks.busy

        until_ready(app, idle)
        until_ready(app, idle)  # the rest of the window, built after the Today page's paint
        keep_start_up_heap()  # as the app does once its window is open
        for page in PAGES_SHOWN:
            beat.start()
            window.show_page(PAGES.index(page))
            waited = until_ready(app, idle)
            found[f"show the {page} page"] = (beat.longest_ms(), waited)
        beat.start()
        browser = window.cards.open_browser()
        waited = until_ready(app, lambda: idle() and browser.model.rowCount() > 0)
        found["open the card browser"] = (beat.longest_ms(), waited)
        assert browser.model.rowCount() > 0
        browser.close()
        close_window(app, window, store, beat)
    return found


def anki_run(source: Path) -> dict[str, float]:
    """Anki's statistics and its browser's opening on a fresh copy (ms, median of repeats)."""
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / ANKI_NAME
        shutil.copyfile(source / ANKI_NAME, path)
        col = Collection(str(path))
        try:

            def browser() -> int:
                col.load_browser_card_columns()
                ids = col.find_cards("", order=True)
                return len([col._backend.browser_row_for_id(i) for i in ids[:200]])

            stats, opening = [], []
            for _ in range(ANKI_REPEATS):
                began = time.perf_counter()
                col._backend.graphs(search="", days=365)
                stats.append(1000 * (time.perf_counter() - began))
                began = time.perf_counter()
                assert browser() == 200
                opening.append(1000 * (time.perf_counter() - began))
        finally:
            col.close()
    return {"statistics": statistics.median(stats), "browser": statistics.median(opening)}


def main(argv: list[str] | None = None) -> int:
    """Build the data, measure RUNS times, print a Markdown table; 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--quick", action="store_true", help="10,000 cards, 2 runs")
    args = parser.parse_args(argv)
    cards, reviews, runs = CARDS, REVIEWS, args.runs
    if args.quick:
        cards, reviews, runs = QUICK["cards"], QUICK["reviews"], QUICK_RUNS
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    # Whole minutes, as bench_anki: Anki's scheduler reads the clock itself.
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp)
        made = make_data(source, now, cards, reviews)
        make_learner_plan(source, now)
        make_anki(source / ANKI_NAME, now, made, reviews)
        ours, anki = [], []
        for _ in range(runs):
            ours.append(one_run(app, source, now))
            anki.append(anki_run(source))
    print(f"{cards:,} cards, {reviews:,} reviews, a plan of {ROADMAP}; {runs} runs")
    print("| action | longest block (ms): median, worst | wait (ms): median (range) |")
    print("|---|---|---|")
    failed = False
    for label in ours[0]:
        blocks = [run[label][0] for run in ours]
        waits = [run[label][1] for run in ours]
        failed |= max(blocks) > TARGET_MS
        print(
            f"| {label} | {statistics.median(blocks):.0f}, {max(blocks):.0f} | "
            f"{statistics.median(waits):.0f} ({min(waits):.0f}-{max(waits):.0f}) |"
        )
    print()
    print("| against Anki, same runs | ratio: median (range) | target |")
    print("|---|---|---|")
    for label, ours_key, anki_key, target in (
        ("Progress page ready / Anki's statistics", "show the Progress page", "statistics", 1.0),
        ("browser opened / Anki's find_cards + 200 rows", "open the card browser", "browser", 2.0),
    ):
        ratios = [o[ours_key][1] / a[anki_key] for o, a in zip(ours, anki, strict=True)]
        met = statistics.median(ratios) <= target
        failed |= not met
        print(
            f"| {label} | {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}) "
            f"| ≤ {target}: {'met' if met else 'not met'} |"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
