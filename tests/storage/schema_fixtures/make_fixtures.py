"""Make the schema fixtures: one database full of data for every shipped schema revision."""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from pathlib import Path
from typing import Any
from unittest import mock

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits, end_of_day
from studyplanner.core.cards.quiz import QuizMode, make_quiz
from studyplanner.core.cards.ratings import Rating
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.milestones.mastery import MasteryCriteria
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.replan import replan
from studyplanner.core.planning.request import Pace, PlanRequest
from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.loader import bundled_roadmaps
from studyplanner.storage.database.engine import _alembic_config, create_engine_for
from studyplanner.storage.database.engine import migrate as engine_migrate
from studyplanner.storage.queries.views import CardText, NewCard
from studyplanner.storage.reviews.review_session import ReviewSession
from studyplanner.storage.store import DATABASE_NAME, Store

FIXTURES = Path(__file__).resolve().parent
# Every date is pinned, so that making the fixtures again gives the same data.
START = date(2026, 3, 2)  # a Monday
CREATED = datetime(2026, 3, 1, 18, 45, tzinfo=UTC)
TODAY = START + timedelta(days=24)  # the learner's "today": work before it is done or missed
SETTINGS = ReviewSettings()
LIMITS = DailyLimits(new_cards=6, reviews=60)
RATINGS = (Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Easy, Rating.Hard)

# Rows that an older schema cannot hold, deleted before migrating down to that revision, as
# that version of the app could never have written them. Everything else must survive.
CANNOT_HOLD: dict[str, tuple[str, ...]] = {
    # Media kept in the database arrived with 0010.
    "0009": ("DELETE FROM media",),
    # Milestones of the learner's own arrived with 0007 (their criteria column).
    "0006": ("DELETE FROM milestone WHERE kind IN ('own', 'renewal')",),
    # Cards outside roadmaps arrived with 0004 (card.roadmap_id became nullable).
    "0003": (
        "DELETE FROM review WHERE card_id IN (SELECT id FROM card WHERE roadmap_id IS NULL)",
        "DELETE FROM card WHERE roadmap_id IS NULL",
    ),
}

# A picture of one grey pixel, as a PNG file.
POD_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)

PICTURES = ("pod.png", "node.png", "service-map.png")

IMPORTED_ROADMAP = """\
format_version: 1
id: python-data
revision: 2
title: Python for data work
summary: From the language itself to notebooks, SQL and a first model.
source:
  name: Evening course notes
year: 2026
stages:
  - id: language
    title: The language
    topics:
      - id: python-basics
        title: Python basics
        effort_hours: {min: 6, max: 10}
        key_actions: [Write a script that renames files, Read the tutorial's first five chapters]
        resources:
          - title: The Python tutorial
            url: https://docs.python.org/3/tutorial/
        cards:
          - {id: list, front: What is a list?, back: A mutable sequence., tags: [python]}
          - {id: dict, front: What is a dict?, back: A mapping from keys to values.}
          - {id: tuple, front: What is a tuple?, back: An immutable sequence.}
          - {id: comprehension, front: What does a list comprehension build?, back: A new list.}
      - id: sql
        title: SQL for analysts
        effort_hours: {min: 4, max: 6}
        prerequisites: [python-basics]
        cards:
          - {id: join, front: What is a join?, back: Rows matched across tables.}
          - {id: group-by, front: What does GROUP BY do?, back: It folds rows into groups.}
          - {id: index, front: Why add an index?, back: To find rows without reading them all.}
  - id: modelling
    title: Modelling
    topics:
      - id: pandas
        title: pandas
        effort_hours: {min: 5, max: 8}
        prerequisites: [python-basics]
        cards:
          - {id: frame, front: What is a DataFrame?, back: A table of labelled columns.}
          - {id: merge, front: What does merge do?, back: A database-style join of frames.}
      - id: first-model
        title: A first model
        effort_hours: {min: 3, max: 5}
        prerequisites: [pandas]
        cards:
          - {id: split, front: Why hold out a test set?, back: To measure unseen performance.}
          - {id: overfit, front: What is overfitting?, back: Learning noise instead of signal.}
certifications:
  - id: pcep
    title: Entry-level Python certificate
    issuer: A Python institute
    stage: language
    preparation:
      - id: pcep-practice
        title: Exam practice
        effort_hours: {min: 2, max: 3}
        cards:
          - {id: pcep-scope, front: What is a local name?, back: One bound inside a function.}
"""

# An imported roadmap the learner has not planned from yet.
UNPLANNED_ROADMAP = """\
format_version: 1
id: statistics-refresher
title: Statistics refresher
source:
  name: Library book
year: 2025
stages:
  - id: basics
    title: Basics
    topics:
      - id: distributions
        title: Distributions
        effort_hours: {min: 2, max: 3}
"""

SPANISH = (
    ("hablar", "to speak"),
    ("comer", "to eat"),
    ("vivir", "to live"),
    ("tener", "to have"),
    ("ir", "to go"),
)
KUBECTL = (
    ("List pods in every namespace", "kubectl get pods -A"),
    ("Follow a pod's logs", "kubectl logs -f POD"),
    ("Open a shell in a pod", "kubectl exec -it POD -- sh"),
    ("Roll back a deployment", "kubectl rollout undo deployment/NAME"),
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A pinned moment on ``day``, in UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


@contextmanager
def deterministic_keys() -> Iterator[None]:
    """Generated keys (cards, milestones) from a counter instead of chance."""
    counter = count(1)

    def fake_uuid4() -> uuid.UUID:
        return uuid.UUID(bytes=hashlib.sha256(str(next(counter)).encode()).digest()[:16])

    with (
        mock.patch("studyplanner.storage.writes.cards.uuid4", fake_uuid4),
        mock.patch("studyplanner.storage.writes.milestones.uuid4", fake_uuid4),
    ):
        yield


def build_head(data_dir: Path) -> Path:
    """A database at the newest schema, filled through the app's own store."""
    store = Store.open(data_dir)
    try:
        with deterministic_keys():
            fill(store, data_dir)
    finally:
        store.close()
    path = data_dir / DATABASE_NAME
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def fill(store: Store, data_dir: Path) -> None:
    """Plans from bundled and imported roadmaps, their study, reviews, quizzes and rules."""
    bundled = {r.id: r for r in bundled_roadmaps()}
    # Long sittings keep the fixtures small: the bundled roadmaps hold thousands of hours.
    days = WeeklyAvailability((360,) * 5 + (120, 0), (time(9, 0),) * 5 + (time(10, 30), None))
    architect = PlanRequest(
        bundled["ai-architect-step-by-step"],
        START,
        days,
        pace=Pace.FAST,
        max_session_minutes=360,
        known_topics=frozenset(
            {"python-programming", "second-language-java-cpp-or-scala", "linear-algebra"}
        ),
        days_off=DaysOff(
            frozenset({date(2026, 4, 3), date(2026, 4, 6)}),
            ((date(2026, 8, 3), date(2026, 8, 16)),),
        ),
        daily_review_minutes=15,
    )
    upwork = PlanRequest(
        bundled["ai-architect-upwork"],
        START,
        WeeklyAvailability.uniform(360),
        pace=Pace.FAST,
        max_session_minutes=360,
        certifications=frozenset({"azure-ai-engineer-associate"}),
        known_topics=frozenset(
            {
                "math-and-statistics-foundations",
                "computer-science-core-subjects",
                "java-programming",
            }
        ),
    )
    engineering = PlanRequest(
        bundled["ai-engineering-architect"],
        START + timedelta(days=7),
        WeeklyAvailability.uniform(360, 240),
        pace=Pace.FAST,
        max_session_minutes=360,
        min_session_minutes=30,
        known_topics=frozenset({"python-proficiency", "systems-language-go-or-java"}),
    )
    imported = []
    for name, text in (("python-data.yaml", IMPORTED_ROADMAP), ("stats.yaml", UNPLANNED_ROADMAP)):
        (data_dir / name).write_text(text, encoding="utf-8")
        imported.append(store.import_roadmap(data_dir / name))
    python = imported[0]
    course = PlanRequest(
        python, START, WeeklyAvailability((60, 0, 60, 0, 60, 120, 0)), pace=Pace.STEADY
    )
    retry = PlanRequest(python, START + timedelta(days=14), WeeklyAvailability.uniform(45))
    retry = replace(retry, target=START + timedelta(days=90), max_session_minutes=45)

    plans: dict[str, int] = {}
    for n, (name, request) in enumerate(
        (
            ("AI architect, full time", architect),
            ("Upwork route", upwork),
            ("Engineering architect", engineering),
            ("Python for data work", course),
            ("Python, second go", retry),
        )
    ):
        plans[name] = store.create_plan(
            name, request, make_plan(request), CREATED + timedelta(minutes=7 * n)
        )

    for plan_id in plans.values():
        study(store, plan_id)
    edit_sessions(store, plans["Upwork route"], plans["Python for data work"])
    add_own_cards(store)
    review(store)
    edit_cards(store)
    take_quizzes(store)
    set_rules(store, plans)


def study(store: Store, plan_id: int) -> None:
    """Sessions before today done, skipped or missed; a few timed, noted or locked."""
    for n, session in enumerate(store.sessions_between(plan_id, START, TODAY - timedelta(1))):
        if n % 7 == 6:
            continue  # missed: still planned
        if n % 5 == 4:
            with store.write() as writes:
                writes.update_session(plan_id, session.key, status=SessionStatus.SKIPPED)
            continue
        actual = session.minutes + 15 if n % 3 == 0 else None
        with store.write() as writes:
            writes.update_session(
                plan_id, session.key, status=SessionStatus.DONE, actual_minutes=actual
            )
    later = store.sessions_between(plan_id, TODAY, TODAY + timedelta(days=30))
    for session in later[2:4]:
        with store.write() as writes:
            writes.update_session(plan_id, session.key, locked=True)
    if later:
        edit = store.session_edit(plan_id, later[0].key)
        with store.write() as writes:
            writes.set_session(
                plan_id, later[0].key, replace(edit, notes="Chapter 3, then exercises")
            )


def edit_sessions(store: Store, upwork: int, course: int) -> None:
    """Moves, a deletion and a re-plan, as the calendar makes them."""
    upcoming = store.sessions_between(course, TODAY, TODAY + timedelta(days=30))
    edit = store.session_edit(course, upcoming[1].key)
    with store.write() as writes:
        writes.set_session(
            course, upcoming[1].key, replace(edit, day=edit.day + timedelta(1), seq=None)
        )
    upcoming = store.sessions_between(upwork, TODAY, TODAY + timedelta(days=30))
    with store.write() as writes:
        writes.delete_session(upwork, upcoming[-1].key)
    request = store.plan_request(upwork)
    with store.write() as writes:
        writes.apply_plan(upwork, request, replan(request, store.plan_state(upwork), TODAY).plan)


def add_own_cards(store: Store) -> None:
    """A deck of the learner's own, and a card of their own in a roadmap topic."""
    for n, (front, back) in enumerate(SPANISH):
        text = CardText(front, back, "verbs spanish")
        with store.write() as writes:
            writes.add_card(NewCard(text, deck="Spanish verbs"), at(START, 20, n))
    text = CardText("What does HAVING filter?", "Groups, after GROUP BY.", "sql")
    with store.write() as writes:
        writes.add_card(NewCard(text, "python-data", "sql"), at(START + timedelta(days=2), 20))


def review(store: Store) -> None:
    """Daily reviews through the review screen's session, with a few days left out."""
    answered = count()
    days = TODAY.toordinal() - START.toordinal()
    for offset in range(days):
        last = offset == days - 1  # broken off early: cards are left in their learning steps
        if offset % 6 == 4 and not last:
            continue  # a day without review: some cards fall overdue
        now = at(START + timedelta(days=offset), 7, 30)
        if last:  # a deck imported just before: its cards are left in their learning steps
            # From 0009 they keep their Anki notes' GUIDs and times of change.
            cards = [
                NewCard(
                    CardText(f, b, "k8s"),
                    deck="Kubernetes commands",
                    guid=f"k8s{n:03}}}Qz",
                    modified=at(START - timedelta(days=40 - n), 22),
                )
                for n, (f, b) in enumerate(KUBECTL)
            ]
            # From 0010 cards show pictures, kept in the database.
            for n, picture in enumerate(PICTURES):
                front, back = KUBECTL[n]
                text = CardText(front, f"{back}\n\n![]({picture})", "k8s")
                cards[n] = replace(cards[n], text=text)
            with store.write() as writes:
                writes.add_cards(cards, now - timedelta(minutes=20))
                writes.add_media(dict.fromkeys(PICTURES, POD_PNG), now - timedelta(minutes=20))
        # On the last day a tighter review limit lets the new cards in before the break.
        limits = replace(LIMITS, reviews=6) if last else LIMITS
        session = ReviewSession(
            store.reviews(), DeckScope(), SETTINGS, limits, now, end_of_day(now)
        )
        try:
            for _ in range(12 if last else 80):
                card = session.next(now)
                if card is None:
                    waiting = session.waiting_until()
                    if waiting is None or waiting.date() != now.date() or last:
                        break
                    now = max(now, waiting)
                    continue
                n = next(answered)
                duration = 2500 + (n * 1367) % 9000
                session.answer(RATINGS[n % len(RATINGS)], now, duration)
                now += timedelta(milliseconds=duration + 4000)
        finally:
            session.close()


def edit_cards(store: Store) -> None:
    """The card browser's edits: a suspension, a correction, a deletion and a reschedule."""
    with closing(sqlite3.connect(store.path)) as conn:
        ids = [card_id for (card_id,) in conn.execute("SELECT id FROM card ORDER BY id")]
    with store.write() as writes:
        writes.set_suspended([ids[3], ids[17]], True)
        writes.edit_card(
            ids[5],
            CardText("What is a tuple, exactly?", "An immutable sequence.", ""),
            at(TODAY - timedelta(days=1), 21),
        )
        writes.delete_cards([ids[30]])
    overdue = store.overdue_cards(at(TODAY, 8))
    if overdue:
        store.reschedule_cards({overdue[0].id: at(TODAY + timedelta(days=2), 6)})


def take_quizzes(store: Store) -> None:
    """Practice quizzes of both kinds, on roadmap topics and on an own deck."""
    rng = random.Random(2026)
    quizzes = (
        (QuizMode.CHOICE, DeckScope("python-data", frozenset({"python-basics", "sql"})), 1),
        (QuizMode.TYPED, DeckScope("python-data"), 2),
        (QuizMode.CHOICE, DeckScope(deck="Spanish verbs"), 5),
        (QuizMode.TYPED, DeckScope("ai-architect-step-by-step"), 8),
        (QuizMode.CHOICE, DeckScope("python-data", frozenset({"python-basics"})), 12),
    )
    for n, (mode, scope, day) in enumerate(quizzes):
        cards, pool = store.quiz_cards(scope)
        quiz = make_quiz(mode, cards, pool, rng, 6)
        while (question := quiz.current) is not None:
            right = (len(quiz.results) + n) % 4 != 0
            if mode == QuizMode.CHOICE:
                quiz.answer(question.correct if right else (question.correct + 1) % 4)
            else:
                quiz.answer(question.card.back if right else "no idea")
        with store.write() as writes:
            writes.add_quiz_scores(
                mode.value, quiz.scores_by_topic(), at(START + timedelta(days=day), 20, 15)
            )


def set_rules(store: Store, plans: dict[str, int]) -> None:
    """Mastery rules, strict mode and milestones of the learner's own."""
    architect = plans["AI architect, full time"]
    engineering = plans["Engineering architect"]
    exam = next(m for m in store.plan_state(engineering).milestones if m.key.startswith("cert:"))
    with store.write() as writes:
        writes.set_mastery_rule("python-data", "", MasteryCriteria(0.9, 0.8, 0.75))
        writes.set_mastery_rule("python-data", "stage:language", MasteryCriteria(1.0, 0.9, 0.9))
        writes.set_mastery_rule("ai-architect-step-by-step", "", MasteryCriteria(0.8, 0.85, 0.7))
        writes.set_mastery_rule(
            "ai-architect-upwork", "stage:education", MasteryCriteria(0.5, 0.7, 0)
        )
        writes.set_strict_mastery(architect, True)
        writes.set_strict_mastery(plans["Python, second go"], True)
        writes.add_own_milestone(
            architect,
            "Portfolio site live",
            date(2026, 3, 20),
            "Three projects written up",
            "own:1",
        )
        writes.mark_own_milestone(architect, "own:1", reached=True)
        writes.add_own_milestone(architect, "Mock interview", date(2026, 6, 12), "", "own:2")
        writes.add_own_milestone(
            plans["Python for data work"], "Kaggle notebook", date(2026, 5, 1), "Public, 1 upvote"
        )
        writes.add_own_milestone(
            engineering,
            f"Renew: {exam.title}",
            exam.day + timedelta(days=3 * 365 - 60),
            "Renewal exam passed",
            renews=exam.ref_id,
        )


# Migrating down


def revisions() -> list[str]:
    """Every schema revision, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def migrate(path: Path, revision: str, down: bool) -> None:
    """Migrate the file to ``revision`` as the app upgrades: keys off, checked, one transaction."""
    engine = create_engine_for(path)
    try:
        engine_migrate(engine, path, revision, down)
    finally:
        engine.dispose()


TableRows = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


def table_rows(path: Path) -> TableRows:
    """Every row of every table but Alembic's, by table and primary key."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ]
        tables: TableRows = {}
        for name in names:
            info = conn.execute(f"PRAGMA table_info({name})").fetchall()
            key = [row["name"] for row in sorted(info, key=lambda r: r["pk"]) if row["pk"]]
            assert key, f"table {name} has no primary key"
            tables[name] = {
                tuple(row[k] for k in key): dict(row)
                for row in conn.execute(f"SELECT * FROM {name}")
            }
    return tables


def lost_data(before: TableRows, after: TableRows) -> list[str]:
    """What of ``before`` is not in ``after``: tables, rows, and values of shared columns."""
    problems = []
    for table, rows in before.items():
        if table not in after:
            problems.append(f"table {table} is gone")
            continue
        kept = after[table]
        if len(kept) != len(rows):
            problems.append(f"{table}: {len(rows)} rows became {len(kept)}")
        for key, row in rows.items():
            if key not in kept:
                problems.append(f"{table} {key}: the row is gone")
                continue
            changed = {c: (v, kept[key][c]) for c, v in row.items() if c in kept[key]}
            changed = {c: pair for c, pair in changed.items() if pair[0] != pair[1]}
            if changed:
                problems.append(f"{table} {key}: changed {changed}")
    return problems


def schema(path: Path) -> dict[str, Any]:
    """A schema as SQLite understands it: columns, indexes and foreign keys by table.

    Not the CREATE statements, whose spelling depends on whether a table was rebuilt.
    """
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found: dict[str, Any] = {}
        for table in tables:
            columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
            indexes = sorted(
                (unique, [c for _, _, c in conn.execute(f"PRAGMA index_info('{name}')")])
                for _, name, unique, _origin, _partial in conn.execute(
                    f"PRAGMA index_list({table})"
                )
            )
            keys = sorted(row[2:] for row in conn.execute(f"PRAGMA foreign_key_list({table})"))
            found[table] = (columns, indexes, keys)
    return found


def finish(path: Path) -> None:
    """A single small file: no write-ahead log, free pages dropped."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def prune(path: Path, revision: str) -> None:
    """Delete the rows the schema at ``revision`` cannot hold."""
    statements = CANNOT_HOLD.get(revision, ())
    if not statements:
        return
    with closing(sqlite3.connect(path)) as conn, conn:
        for statement in statements:
            conn.execute(statement)


def make_fixtures(out: Path) -> list[Path]:
    """Write ``NNNN.sqlite3`` for every revision into ``out``; returns the files.

    Nothing is written unless every step down keeps its data.
    """
    chain = revisions()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        made = {chain[-1]: build_head(work / "head")}
        for newer, older in zip(chain[:0:-1], chain[-2::-1], strict=True):
            made[older] = step_down(made[newer], older, work)
        written = []
        for revision, path in sorted(made.items()):
            finish(path)
            written.append(Path(shutil.copyfile(path, out / f"{revision}.sqlite3")))
    return written


def step_down(newer: Path, older: str, work: Path) -> Path:
    """A copy of ``newer`` migrated down to ``older``, checked to have kept its data."""
    path = work / f"{older}.sqlite3"
    shutil.copyfile(newer, path)
    prune(path, older)
    before = table_rows(path)
    migrate(path, older, down=True)
    after = table_rows(path)
    # Tables the older schema lacks go; every other row and value must stay.
    problems = lost_data({t: rows for t, rows in before.items() if t in after}, after)
    if problems:
        raise RuntimeError(f"migrating down to {older} lost data: {problems[:5]}")
    fresh = work / f"fresh-{older}.sqlite3"
    migrate(fresh, older, down=False)
    if schema(fresh) != schema(path):
        raise RuntimeError(
            f"migrating down to {older} does not give the schema an upgrade to {older} "
            f"builds: {_schema_difference(schema(fresh), schema(path))}"
        )
    print(f"down to {older}: every row kept; tables dropped: {sorted(set(before) - set(after))}")
    return path


def _schema_difference(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    return [
        f"{table}: {expected.get(table)} != {got.get(table)}"
        for table in sorted(set(expected) | set(got))
        if expected.get(table) != got.get(table)
    ]


def describe(path: Path) -> str:
    """One line: the file, its size and its rows per table."""
    counts = ", ".join(f"{t} {len(rows)}" for t, rows in table_rows(path).items())
    return f"{path.name}: {path.stat().st_size // 1024} KiB; {counts}"


def main(argv: list[str] | None = None) -> int:
    """Make the fixtures and print what each holds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=FIXTURES, help="the folder to write to")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in make_fixtures(args.out):
        print(describe(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
