"""Start-up and peak memory with a large plan, against a bare PySide6 window.

Run: python -m benchmarks.bench_startup  [--runs N | --quick] [--before SRC] [--first-start]

Each start runs in a fresh process of its own, the bare window's and the app's in turn, so a
busy spell on the machine slows both alike. Times are what the learner waits for: from just
before the process is started (before Python and any import) to the first paint, and for the
app to the Today page painted with the day's sessions, and to the end of the start (the part
of the window it builds just after that paint). Memory is each process's own peak resident
memory, read inside it at those points, and once every page has been shown (see
benchmarks/startup_child.py). The data are made in a process of their own, so this one
stays small: on Linux a child's ``ru_maxrss`` starts from the peak of the process that
started it.

Both sides run from compiled bytecode, as the packaged app does (it ships its modules
compiled): the children write it to a cache of the benchmark's own, which the unmeasured
first start of each fills, whatever the machine's own setting for writing bytecode.
``--before SRC`` also starts the app from another checkout's ``src`` folder in the same
alternation, for a before-and-after pair measured in one run. The measured starts find the
settings file the unmeasured first one left, as a learner's starts do; ``--first-start``
measures every start as the first after installing, without it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

RUNS = 7
QUICK_RUNS = 3
SESSIONS_WANTED = 5_000
CARDS = 10_000
CHILD = Path(__file__).resolve().with_name("startup_child.py")
ROOT = CHILD.parent.parent
TIMEOUT_S = 120
PLATFORM_DATA = "xdg-data"  # stands for the learner's data folder, $XDG_DATA_HOME
APP_FOLDER = "StudyPlanner"  # the app's folder in it
# Targets, as multiples of the bare window's figure in the same pair of runs.
TODAY_TARGET = 1.5  # Today page filled, against the bare window's first paint
MEMORY_TARGET = 1.25
PAINT_TARGET = 1.1


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


def sessions_on(folder: Path, day: date) -> int:
    """How many of the stored plan's sessions fall on ``day`` (what the Today page must show)."""
    conn = sqlite3.connect(f"file:{folder / 'studyplanner.sqlite3'}?mode=ro", uri=True)
    try:
        (count,) = conn.execute(
            "SELECT COUNT(*) FROM study_session WHERE day = ?", (day.isoformat(),)
        ).fetchone()
    finally:
        conn.close()
    return int(count)


def make_data_apart(folder: Path) -> int:
    """``make_data`` in a process of its own, which leaves this one small."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_startup", "--make-data", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return int(result.stdout.split()[-1])


@dataclass(frozen=True)
class Start:
    """One measured start: seconds from launch to each mark, and the child's own report."""

    marks: dict[str, float]
    report: dict[str, Any]
    wait4_mib: float  # the child's ru_maxrss, as its parent sees it: a check on the peak


def start(
    kind: str, folder: Path, bytecode: Path, source: Path | None = None, first: bool = False
) -> Start:
    """Start the bare window or the app in a fresh process, offscreen; time its marks.

    ``first`` starts the app as after installing it, without its settings file; otherwise it
    finds there what the first start remembered of the system (its colour scheme), and no
    more: it opens on the Today page at the size the bare window has (the size it saved is
    smaller, cut to the offscreen screen). ``bytecode`` is the folder of compiled modules
    both sides share; ``source`` another checkout's ``src``.
    """
    settings = folder / "settings.ini"
    if first:
        settings.unlink(missing_ok=True)
    elif settings.exists():
        settings.write_text(remembered_of_the_system(settings.read_text()))
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPYCACHEPREFIX": str(bytecode),
    }
    if source is not None:
        env["PYTHONPATH"] = str(source)
    elif "PYTHONPATH" in os.environ:  # a checkout other than the installed one
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if kind == "app" and folder.parent.name == PLATFORM_DATA and folder.name == APP_FOLDER:
        env["XDG_DATA_HOME"] = str(folder.parent)  # where the app looks when given no folder
        command = [sys.executable, str(CHILD), kind]
    else:
        command = [sys.executable, str(CHILD), kind, *([str(folder)] if kind == "app" else [])]
    with tempfile.TemporaryFile("w+") as errors:
        began = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env)
        assert child.stdout is not None
        watchdog = threading.Timer(TIMEOUT_S, child.kill)
        watchdog.start()
        marks: dict[str, float] = {}
        lines = []
        for line in child.stdout:
            if line.strip() in ("paint", "today", "ready"):
                marks[line.strip()] = time.perf_counter() - began
            lines.append(line)
        watchdog.cancel()
        # wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the largest so far).
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        if child.returncode != 0 or not lines:
            raise RuntimeError(f"the {kind} start failed ({child.returncode}):\n{errors.read()}")
    report: dict[str, Any] = json.loads(lines[-1])
    scale = 2**20 if sys.platform == "darwin" else 1024
    return Start(marks, report, usage.ru_maxrss / scale)


def data_folder(tmp: Path) -> Path:
    """Where the app keeps its data when started as a learner starts it, with no option.

    On Linux the platform's folder follows $XDG_DATA_HOME, so the app finds it there by
    itself, as it does on a learner's machine; elsewhere it is named with --data-dir.
    """
    if sys.platform.startswith("linux"):
        return tmp / PLATFORM_DATA / APP_FOLDER
    return tmp / "data"


def remembered_of_the_system(settings: str) -> str:
    """The ``[appearance]`` section of a settings file, where the colour scheme is kept."""
    kept: list[str] = []
    section = ""
    for line in settings.splitlines():
        if line.startswith("["):
            section = line.strip()
        if section == "[appearance]":
            kept.append(line)
    return "\n".join(kept) + "\n"


def check_today(run: Start, expected: int) -> None:
    """The app's start must have shown the Today page with the day's sessions."""
    report = run.report
    if (
        "today" not in run.marks
        or "ready" not in run.marks
        or not report.get("on_today")
        or report.get("hits") != expected
    ):
        raise AssertionError(
            f"the Today page did not show today's {expected} sessions: it showed "
            f"{report.get('hits')} (Today page in view: {report.get('on_today')}; "
            f"summary: {report.get('summary')!r})"
        )


@dataclass(frozen=True)
class Row:
    """One measure: the medians of each side and the same-run ratios."""

    name: str
    app: list[float]
    bare: list[float]
    target: float | None

    @property
    def ratios(self) -> list[float]:
        """App over bare, pair by pair."""
        return [a / b for a, b in zip(self.app, self.bare, strict=True)]

    def line(self, digits: int) -> str:
        """A Markdown table row."""
        ratios = self.ratios
        ratio = statistics.median(ratios)
        if self.target is None:
            target = ""
        else:
            target = f"{self.target:.2f}x, {'met' if ratio <= self.target else 'not met'}"
        return (
            f"| {self.name} | {statistics.median(self.app):.{digits}f} "
            f"| {statistics.median(self.bare):.{digits}f} | {ratio:.2f}x "
            f"| {min(ratios):.2f}–{max(ratios):.2f}x | {target} |"
        )


def own_peak_mib() -> float:
    """This process's peak resident memory (what a child's ru_maxrss starts from on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """--runs, --quick, --before; --make-data is for this module's own helper process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"starts of each (default {RUNS})")
    parser.add_argument(
        "--quick", action="store_true", help=f"a smoke check: {QUICK_RUNS} starts of each"
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout's src folder, started in the same alternation as this one",
    )
    parser.add_argument(
        "--first-start",
        action="store_true",
        help="every start without the settings file, as the first start after installing",
    )
    parser.add_argument("--make-data", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def rows(app: list[Start], bare: list[Start]) -> list[tuple[Row, int]]:
    """The measures of one side, each with the digits it is shown with."""
    bare_paint = [b.marks["paint"] for b in bare]
    bare_peak = [b.report["peak_mib"] for b in bare]
    return [
        (Row("first paint (s)", [a.marks["paint"] for a in app], bare_paint, PAINT_TARGET), 3),
        (
            Row(
                "Today page filled (s), against the bare first paint",
                [a.marks["today"] for a in app],
                bare_paint,
                TODAY_TARGET,
            ),
            3,
        ),
        (
            Row(
                "start done (s), against the bare first paint",
                [a.marks["ready"] for a in app],
                bare_paint,
                None,
            ),
            3,
        ),
        (
            Row(
                "peak memory at the start's end (MiB)",
                [a.report["peak_mib"] for a in app],
                bare_peak,
                MEMORY_TARGET,
            ),
            1,
        ),
        (
            Row(
                "peak memory when the Today page is painted (MiB)",
                [a.report["peak_today_mib"] for a in app],
                bare_peak,
                None,
            ),
            1,
        ),
        (
            Row(
                "peak memory once every page has been shown (MiB)",
                [a.report["peak_all_pages_mib"] for a in app],
                bare_peak,
                None,
            ),
            1,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Print the medians of several starts of each, their ratios and the ratios' spread."""
    args = parse_args(argv)
    if args.make_data is not None:
        print(make_data(args.make_data))
        return
    runs = QUICK_RUNS if args.quick else args.runs
    sources: dict[str, Path | None] = {"bare": None, "app": None}
    if args.before is not None:
        sources["before"] = args.before.resolve()
    starts: dict[str, list[Start]] = {kind: [] for kind in sources}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder, bytecode = data_folder(Path(tmp)), Path(tmp) / "bytecode"
        folder.mkdir(parents=True)
        sessions = make_data_apart(folder)
        today = date.today()
        expected = sessions_on(folder, today)
        assert expected > 0, f"the benchmark's plan has no session on {today}"
        # Unmeasured: compiles each side's modules into the cache, warms the disk cache; this
        # checkout's app last, so that the settings file is as its first start leaves it.
        for kind in sorted(sources, key=lambda kind: kind == "app"):
            source = sources[kind]
            run = start("bare" if kind == "bare" else "app", folder, bytecode, source, first=True)
            if kind != "bare":
                check_today(run, expected)
        kinds = list(sources)
        for n in range(runs):
            # Rotate which goes first too, so that none always follows another.
            for kind in kinds[n % len(kinds) :] + kinds[: n % len(kinds)]:
                process = "bare" if kind == "bare" else "app"
                run = start(process, folder, bytecode, sources[kind], args.first_start)
                starts[kind].append(run)
        for kind in sources:
            if kind != "bare":
                for run in starts[kind]:
                    check_today(run, expected)
    everyone = [run for kind_starts in starts.values() for run in kind_starts]
    # The lifetime peak: for the app after every page, for the bare window at its paint.
    last_peaks = [s.report.get("peak_all_pages_mib", s.report["peak_mib"]) for s in everyone]
    wait4_gap = max(abs(s.wait4_mib - peak) for s, peak in zip(everyone, last_peaks, strict=True))
    print(
        f"plan: {sessions} sessions ({expected} today, all shown on the Today page every run), "
        f"{CARDS} cards; {runs} warm starts of each, alternating with the bare window, "
        "each in a fresh process, offscreen, from compiled bytecode, "
        + ("each as a first start, without settings" if args.first_start else "with settings")
    )
    for kind in sources:
        if kind == "bare":
            continue
        side = "this checkout" if kind == "app" else f"before ({sources[kind]})"
        print(f"\n{side}:\n")
        print(
            "| measure | app (median) | bare QCalendarWidget window (median) | ratio "
            "(median of pairs) | ratio range (min–max) | target |"
        )
        print("|---|---|---|---|---|---|")
        for row, digits in rows(starts[kind], starts["bare"]):
            print(row.line(digits))
        switch = statistics.median(a.report["switch_ms"] for a in starts[kind])
        print(f"| calendar view switch (ms) | {switch:.1f} | | | | |")
    print(
        f"\npeaks are each process's own high-water mark; this process peaked at "
        f"{own_peak_mib():.1f} MiB, and the children's ru_maxrss seen through wait4 differs "
        f"from their own figure by at most {wait4_gap:.1f} MiB"
    )


if __name__ == "__main__":
    main()
