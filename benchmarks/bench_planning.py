"""Planning, storing a plan and fetching a month: medians, against raw sqlite3 in the same run."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from studyplanner.core.planning.plan import Plan
from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.loader import bundled_roadmaps
from studyplanner.storage.store import Store

START = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RUNS = 15


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def raw_connection(folder: Path) -> sqlite3.Connection:
    """Baseline: a plain sqlite3 file with the same pragmas and a sessions table."""
    conn = sqlite3.connect(folder / "raw.sqlite3")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE s (id INTEGER PRIMARY KEY, plan INTEGER, key TEXT, topic TEXT, "
        "stage TEXT, title TEXT, day DATE, minutes INTEGER)"
    )
    conn.execute("CREATE INDEX s_day ON s (day)")
    return conn


def raw_insert(conn: sqlite3.Connection, plan: Plan) -> None:
    """Baseline: the plan's session rows in one transaction."""
    with conn:
        conn.executemany(
            "INSERT INTO s (plan, key, topic, stage, title, day, minutes) VALUES (1,?,?,?,?,?,?)",
            [
                (s.key, s.topic_id, s.stage_id, s.title, s.day.isoformat(), s.minutes)
                for s in plan.sessions
            ],
        )


def raw_month(conn: sqlite3.Connection, first: date, last: date) -> list[tuple[object, ...]]:
    """Baseline: six weeks of sessions."""
    return conn.execute(
        "SELECT id, day, title, stage, minutes FROM s WHERE day BETWEEN ? AND ? ORDER BY day, id",
        (first.isoformat(), last.isoformat()),
    ).fetchall()


def measure(request: PlanRequest) -> str:
    """One table row for one roadmap."""
    plan = make_plan(request)
    planning = median_ms(lambda: make_plan(request))
    first = START + timedelta(days=60)
    last = first + timedelta(days=41)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store.open(folder)
        conn = raw_connection(folder)
        try:
            store_ms = median_ms(lambda: store.create_plan("b", request, plan, NOW))
            raw_ms = median_ms(lambda: raw_insert(conn, plan))
            plan_id = store.plans()[0].id
            month_ms = median_ms(lambda: store.sessions_between(plan_id, first, last), 50)
            raw_month_ms = median_ms(lambda: raw_month(conn, first, last), 50)
        finally:
            conn.close()
            store.close()
    return (
        f"| {request.roadmap.id} | {len(plan.sessions)} | {planning:.1f} | {store_ms:.1f} "
        f"| {raw_ms:.1f} | {store_ms / raw_ms:.1f}x | {month_ms:.2f} | {raw_month_ms:.2f} "
        f"| {month_ms / raw_month_ms:.1f}x |"
    )


def main() -> None:
    """Print a Markdown table of medians and ratios."""
    week = WeeklyAvailability.uniform(60, 120)
    print(
        "| roadmap | sessions | plan (ms) | store plan (ms) | raw insert (ms) | ratio "
        "| month (ms) | raw month (ms) | ratio |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for roadmap in bundled_roadmaps():
        print(measure(PlanRequest(roadmap, START, week)))


if __name__ == "__main__":
    main()
