"""Planning, storing a plan, fetching a month and applying a re-plan, against raw sqlite3.

Every figure is a median, and each baseline runs in the same run on the same machine.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from studyplanner.core.planning.plan import Plan, PlannedMilestone, PlannedSession, SessionStatus
from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.replan import replan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.loader import bundled_roadmaps
from studyplanner.operations.plans import ApplyPlan
from studyplanner.storage.schema.codec import request_to_json
from studyplanner.storage.store import Store

START = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RUNS = 15
REPLAN_SESSIONS = 5_000
REPLAN_TODAY = START + timedelta(weeks=4)
REPLAN_RUNS = 9
SESSION_FIELDS = (
    "seq", "topic_id", "stage_id", "certification_id", "title", "day", "start_time", "minutes",
    "status", "actual_minutes", "locked",
)  # fmt: skip
MILESTONE_FIELDS = ("kind", "ref_id", "stage_id", "title", "day")
Statements = list[tuple[str, list[tuple[object, ...]]]]


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def timed_ms(action: Callable[..., object], *args: object) -> float:
    """The wall time of one call of ``action`` in milliseconds."""
    begin = time.perf_counter()
    action(*args)
    return (time.perf_counter() - begin) * 1000


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


def replan_case(store: Store) -> tuple[int, PlanRequest, Plan, Plan]:
    """A stored plan of 5,000 sessions four weeks in, and a re-plan of it from that day.

    The plan is the first 5,000 sessions of a generated 1,000-topic roadmap, so the re-plan
    moves nearly every session, adds sessions for the work cut off and removes a few. Its
    first 20 sessions are done; every 50th session, and every one the re-plan removes, has a
    note.
    """
    from benchmarks.bench_scaling import generated_roadmap  # it imports this module

    request = PlanRequest(generated_roadmap(1_000), START, WeeklyAvailability.uniform(60, 120))
    whole = make_plan(request)
    plan = replace(whole, sessions=whole.sessions[:REPLAN_SESSIONS])
    plan_id = store.create_plan("Re-plan", request, plan, NOW)
    with store.write() as writes:
        for session in plan.sessions[:20]:
            writes.update_session(
                plan_id, session.key, status=SessionStatus.DONE, actual_minutes=session.minutes
            )
    state = store.plan_state(plan_id)
    after = replan(request, state, REPLAN_TODAY).plan
    kept = {s.key for s in after.sessions}
    noted = [s.key for n, s in enumerate(state.sessions) if n % 50 == 0 or s.key not in kept]
    with store.write() as writes:
        writes.restore_notes(plan_id, {key: f"note on {key}" for key in noted})
    return plan_id, request, state, after


def _session_values(n: int, s: PlannedSession) -> tuple[object, ...]:
    start = None if s.start_time is None else s.start_time.strftime("%H:%M:%S.%f")
    return (
        n, s.topic_id, s.stage_id, s.certification_id, s.title, s.day.isoformat(), start,
        s.minutes, s.status.value, s.actual_minutes, int(s.locked),
    )  # fmt: skip


def _milestone_values(m: PlannedMilestone) -> tuple[object, ...]:
    return (m.kind.value, m.ref_id, m.stage_id, m.title, m.day.isoformat())


def _table_changes(
    table: str,
    fields: tuple[str, ...],
    old: dict[str, tuple[object, ...]],
    new: dict[str, tuple[object, ...]],
    notes: dict[str, str] | None = None,
) -> Statements:
    where = "WHERE plan_id = 1 AND key = ?"
    sets = ", ".join(f"{field} = ?" for field in fields)
    inserts = [(key, *values) for key, values in new.items() if key not in old]
    if notes is not None:
        fields = (*fields, "notes")
        inserts = [(*row, notes.get(str(row[0]), "")) for row in inserts]
    return [
        (f"DELETE FROM {table} {where}", [(key,) for key in old if key not in new]),
        (
            f"UPDATE {table} SET {sets} {where}",
            [(*values, key) for key, values in new.items() if key in old and old[key] != values],
        ),
        (
            f"INSERT INTO {table} (plan_id, key, {', '.join(fields)}) "
            f"VALUES (1, ?{', ?' * len(fields)})",
            inserts,
        ),
    ]


def raw_changes(before: Plan, after: Plan, notes: dict[str, str]) -> Statements:
    """Baseline: the statements and rows that take plan 1 as stored from ``before`` to ``after``.

    The diff is given, not found: a delete, an update of each row that differs and an insert
    (with ``notes`` on the sessions it puts back), by plan and key, as the values are stored.
    """
    sessions = _table_changes(
        "study_session",
        SESSION_FIELDS,
        {s.key: _session_values(n, s) for n, s in enumerate(before.sessions)},
        {s.key: _session_values(n, s) for n, s in enumerate(after.sessions)},
        notes,
    )
    milestones = _table_changes(
        "milestone",
        MILESTONE_FIELDS,
        {m.key: _milestone_values(m) for m in before.milestones},
        {m.key: _milestone_values(m) for m in after.milestones},
    )
    return sessions + milestones


def raw_apply(conn: sqlite3.Connection, settings: tuple[str, str], changes: Statements) -> None:
    """Baseline: a plan's settings and the given rows, in one transaction."""
    with conn:
        conn.execute("UPDATE plan SET settings = ?, pace = ? WHERE id = 1", settings)
        for statement, rows in changes:
            if rows:
                conn.executemany(statement, rows)


def stored_notes(path: Path) -> dict[str, str]:
    """Every session note in the database, by key."""
    with closing(sqlite3.connect(path)) as conn:
        return dict(conn.execute("SELECT key, notes FROM study_session WHERE notes != ''"))


def measure_replan() -> tuple[str, list[str]]:
    """Applying, undoing and redoing a re-plan, against raw executemany of the same rows.

    Returns what the re-plan changes, and a table row for each action.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store.open(folder)
        try:
            plan_id, request, state, after = replan_case(store)
            assert plan_id == 1, "the baseline's statements name plan 1"
            notes = stored_notes(store.path)
            with store.write() as writes:
                settings = writes.plan_settings(plan_id)
            raw = sqlite3.connect(folder / "raw.sqlite3")
            with closing(sqlite3.connect(store.path)) as source:
                source.backup(raw)  # the same rows, tables and indexes
            raw.execute("PRAGMA foreign_keys = ON")  # as the app's connections have it
            raw.execute("PRAGMA journal_mode = WAL")
            raw.execute("PRAGMA synchronous = FULL")
            forward = raw_changes(state, after, {})
            back = raw_changes(after, state, notes)
            applied = (request_to_json(request, after.fraction), request.pace.value)
            operation = ApplyPlan(plan_id, state, (request, after), "Re-plan")
            steps: dict[str, tuple[Callable[..., object], ...]] = {
                "apply": (operation.do, store),
                "undo": (operation.undo, store),
                "redo": (operation.redo, store),
                "raw forward": (raw_apply, raw, applied, forward),
                "raw back": (raw_apply, raw, settings, back),
            }
            order = ("apply", "undo", "raw forward", "raw back", "redo", "undo")
            order += ("raw forward", "raw back")
            times: dict[str, list[float]] = {name: [] for name in steps}
            for _ in range(REPLAN_RUNS):  # interleaved, so that a busy spell slows both
                for name in order:
                    action, *args = steps[name]
                    times[name].append(timed_ms(action, *args))
            raw.close()
            # Undone, it is as it was: do() checked the schedule, and the notes are back.
            assert store.plan_state(plan_id) == state
            assert stored_notes(store.path) == notes
        finally:
            store.close()
    deleted, updated, inserted = (len(rows) for _, rows in forward[:3])
    summary = (
        f"{len(state.sessions):,} sessions become {len(after.sessions):,}: {updated:,} updated, "
        f"{inserted:,} added, {deleted:,} removed; {REPLAN_RUNS} runs"
    )
    rows = []
    for name, baseline in (("apply", "forward"), ("undo", "back"), ("redo", "forward")):
        ours = statistics.median(times[name])
        theirs = statistics.median(times[f"raw {baseline}"])
        rows.append(f"| {name} | {ours:.0f} | {theirs:.0f} | {ours / theirs:.1f}x |")
    return summary, rows


def main() -> None:
    """Print Markdown tables of medians and ratios."""
    week = WeeklyAvailability.uniform(60, 120)
    print(
        "| roadmap | sessions | plan (ms) | store plan (ms) | raw insert (ms) | ratio "
        "| month (ms) | raw month (ms) | ratio |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for roadmap in bundled_roadmaps():
        print(measure(PlanRequest(roadmap, START, week)))
    print()
    summary, rows = measure_replan()
    print(summary)
    print()
    print("| re-plan | store (ms) | raw executemany (ms) | ratio |")
    print("|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
