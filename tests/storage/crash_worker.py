"""Kill -9 during saves: a child that saves plans and answers cards, and the parent's checks."""

from __future__ import annotations

import multiprocessing
import os
import random
import select
import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from itertools import count
from pathlib import Path
from typing import Any

from studyplanner.core.cards.queue import DueCard
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState, ReviewSettings, answer
from studyplanner.core.planning.plan import Plan
from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.reviews.reviews import kind_of, read_time, stored_time
from studyplanner.storage.store import Store
from tests.conftest import CARDS, MONDAY, NOW

# A plan's version is its weekly hours: one of eight lengths a day, a base-8 digit per weekday.
# Each version is a re-plan of the whole schedule (sessions updated, added and removed) in one
# transaction, as the app's "change the weekly hours and re-plan" does.
DAY_MINUTES = (30, 45, 60, 75, 90, 105, 120, 135)
VERSIONS = len(DAY_MINUTES) ** 7
# The child's transactions, repeated from its start: an undo takes back the answer before it.
CYCLE = ("plan", "answer", "plan", "answer", "undo")
# The child says it is ready once it has opened the database, read where it stands and made a
# first change that changes nothing (so that its saves are warm). The parent then waits for none,
# one or two of its acknowledgements, and kills it at a uniformly random moment within this many
# seconds, or within three of its saves as long as they took in the kills before, if longer (a
# busy machine slows the child down).
MAX_DELAY = 0.15
SAVES_IN_WINDOW = 3
READY = b"ready\n"
START_TIMEOUT = 30.0
# Answers are scheduled without load balancing, so the log replays to the exact card state.
SETTINGS = ReviewSettings()
RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


class CrashCheckError(AssertionError):
    """The database after a kill is not what the committed transactions left."""


@cache
def crash_roadmap() -> Roadmap:
    """The roadmap of the plan under test: four cards in three topics."""
    return parse_roadmap(CARDS)


def request_for(version: int) -> PlanRequest:
    """The plan request whose weekly hours spell ``version``."""
    if not 0 <= version < VERSIONS:
        raise ValueError(f"version {version} is out of range")
    m = [DAY_MINUTES[(version >> (3 * day)) & 7] for day in range(7)]
    return PlanRequest(
        crash_roadmap(),
        MONDAY,
        WeeklyAvailability((m[0], m[1], m[2], m[3], m[4], m[5], m[6])),
        known_topics=frozenset({"mlops"}),
        days_off=DaysOff(frozenset({date(2026, 3, 14)})),
    )


def version_of(request: PlanRequest) -> int:
    """The version a stored request's weekly hours spell."""
    digits = [DAY_MINUTES.index(m) for m in request.availability.minutes]
    return sum(digit << (3 * day) for day, digit in enumerate(digits))


@cache
def plan_for(version: int) -> Plan:
    """The schedule of a version."""
    return make_plan(request_for(version))


@dataclass(frozen=True)
class Answer:
    """The n-th answer of the review log (from 0): which card, how, when and how long."""

    card_id: int
    rating: Rating
    at: datetime
    duration_ms: int


def nth_answer(n: int, card_ids: list[int]) -> Answer:
    """The n-th answer. It depends on n alone, so an answer undone comes back the same."""
    rng = random.Random(n)
    rating = rng.choices(RATINGS, weights=(2, 1, 5, 2))[0]
    return Answer(card_ids[n % len(card_ids)], rating, NOW + timedelta(minutes=n), 1000 + n % 9000)


def read_cards(conn: sqlite3.Connection) -> dict[int, CardState]:
    """Every card's stored FSRS state, by id."""
    rows = conn.execute(
        "SELECT id, state, step, stability, difficulty, due, last_review FROM card ORDER BY id"
    )
    return {
        card_id: CardState(
            State(state), step, stability, difficulty, read_time(due), read_time(last)
        )
        for card_id, state, step, stability, difficulty, due, last in rows
    }


def work(data_dir: Path, ack_fd: int) -> None:
    """The child: the transactions of CYCLE, forever, each acknowledged once it has committed.

    An acknowledgement is one line ("plan 12", "answer 7", "undo 6": the version saved, or the
    number of answers in the log now) in one write to a pipe, so it arrives whole or not at all.
    """
    store = Store.open(data_dir)
    [summary] = store.plans()
    plan_id = summary.id
    version = version_of(store.plan_request(plan_id))
    with closing(sqlite3.connect(store.path)) as conn:
        cards = read_cards(conn)
        (answered,) = conn.execute("SELECT count(*) FROM review").fetchone()
    card_ids = sorted(cards)
    reviews = store.reviews()
    # The first change loads and compiles what the later ones reuse: made here, it is not what
    # a kill soon after READY finds the child doing. It re-applies the version stored, which
    # writes nothing.
    with store.write() as writes:
        writes.apply_plan(plan_id, request_for(version), plan_for(version))
    plan_for(version + 1)
    os.write(ack_fd, READY)
    last: tuple[DueCard, int] | None = None
    for step in count():
        action = CYCLE[step % len(CYCLE)]
        if action == "plan":
            version += 1
            with store.write() as writes:
                writes.apply_plan(plan_id, request_for(version), plan_for(version))
            line = f"plan {version}"
        elif action == "answer":
            given = nth_answer(answered, card_ids)
            card = DueCard(given.card_id, cards[given.card_id])
            after = answer(card.state, given.rating, given.at, SETTINGS, None, given.duration_ms)
            review_id = reviews.answer(card, given.rating, after, given.at, given.duration_ms)
            cards[card.id] = after
            answered += 1
            last = (card, review_id)
            line = f"answer {answered}"
        else:
            assert last is not None
            card, review_id = last
            reviews.undo(card, review_id)
            cards[card.id] = card.state
            answered -= 1
            last = None
            line = f"undo {answered}"
        os.write(ack_fd, f"{line}\n".encode())


@dataclass(frozen=True)
class Kill:
    """One child's life and what the database held after its kill."""

    life: float  # seconds from the child's start to its kill
    acknowledged: int  # transactions it acknowledged
    unacknowledged: bool  # the database held one more, committed but not acknowledged
    check_seconds: float  # from the kill to the database checked


@dataclass(frozen=True)
class Saved:
    """What the child's transactions determine: the plan's version and the answers logged."""

    version: int
    answered: int

    def after(self, action: str) -> Saved:
        """The state after one more transaction."""
        if action == "plan":
            return Saved(self.version + 1, self.answered)
        return Saved(self.version, self.answered + (1 if action == "answer" else -1))


class CrashLoop:
    """One database, and children that work on it until they are killed.

    The state the child's transactions leave is determined by two numbers (``Saved``): the
    plan's version fixes its settings and every session and milestone, and the number of
    answers fixes the review log row by row and, replayed through FSRS, every card's state.
    After a kill, let A be the state after the last transaction the child acknowledged and B the
    state after the transaction it would have run next. The database must hold exactly A (the
    kill came before B's commit) or B (B committed, the acknowledgement was not yet written).
    """

    def __init__(self, data_dir: Path, seed: int, max_delay: float = MAX_DELAY) -> None:
        self.data_dir = data_dir
        self.random = random.Random(seed)
        self.max_delay = max_delay
        self.save_seconds = 0.0  # how long one of the child's saves took, lately
        store = Store.open(data_dir)
        try:
            store.create_plan("Crash", request_for(0), plan_for(0), NOW)
        finally:
            store.close()  # no connection may be open across a fork
        with self._connect() as conn:
            self.card_ids = sorted(read_cards(conn))
        self.saved = Saved(0, 0)
        # The log's rows, and the cards' states after each number of answers, as needed.
        self._rows: list[tuple[Any, ...]] = []
        self._states: list[dict[int, CardState]] = [
            {card_id: CardState() for card_id in self.card_ids}
        ]
        self._context = multiprocessing.get_context("fork")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.data_dir / "studyplanner.sqlite3")) as conn:
            yield conn

    def kill_once(self) -> Kill:
        """Start a child, kill it at a random moment of its work, and check what it left."""
        read_fd, write_fd = os.pipe()
        child = self._context.Process(target=work, args=(self.data_dir, write_fd), daemon=True)
        started = time.perf_counter()
        child.start()
        os.close(write_fd)
        try:
            rest = _wait_until_ready(read_fd)
            ready = time.perf_counter()
            # Waiting for none lets a kill hit the first save; most kills come after one.
            rest = _wait_for_lines(read_fd, rest, self.random.randrange(3))
            window = max(self.max_delay, SAVES_IN_WINDOW * self.save_seconds)
            time.sleep(self.random.uniform(0, window))
            child.kill()
            killed = time.perf_counter()
            child.join()
            acks = _read_all(read_fd, rest)
        finally:
            child.kill()
            os.close(read_fd)
        if child.exitcode != -signal.SIGKILL:
            raise CrashCheckError(f"the child stopped before its kill (exit code {child.exitcode})")
        if acks:
            took = (killed - ready) / len(acks)
            self.save_seconds = (
                took if not self.save_seconds else 0.7 * self.save_seconds + 0.3 * took
            )
        state = self._follow(acks)
        found = self.check(state, state.after(CYCLE[len(acks) % len(CYCLE)]))
        self.saved = found
        return Kill(killed - started, len(acks), found != state, time.perf_counter() - killed)

    def _follow(self, acks: list[str]) -> Saved:
        """The state after the acknowledged transactions, which must follow CYCLE."""
        state = self.saved
        for step, line in enumerate(acks):
            action = CYCLE[step % len(CYCLE)]
            state = state.after(action)
            number = state.version if action == "plan" else state.answered
            if line != f"{action} {number}":
                raise CrashCheckError(f"acknowledgement {step}: '{line}', not '{action} {number}'")
        return state

    def check(self, acknowledged: Saved, following: Saved) -> Saved:
        """Check the database after a kill; it must hold one of the two states. Returns it."""
        path = self.data_dir / "studyplanner.sqlite3"
        store = Store.open(self.data_dir)  # the app's own way in, as at the next start
        try:
            with self._connect() as conn:
                [(integrity,), *more] = conn.execute("PRAGMA integrity_check").fetchall()
                if integrity != "ok" or more:
                    raise CrashCheckError(f"{path.name}: integrity_check says {integrity}")
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise CrashCheckError(f"rows whose foreign keys are broken: {broken[:5]}")
            plans = store.plans()
            if len(plans) != 1:
                raise CrashCheckError(f"{len(plans)} plans instead of 1")
            plan_id = plans[0].id
            version = version_of(store.plan_request(plan_id))
            self._check_plan(version, store.plan_state(plan_id))
        finally:
            store.close()
        with self._connect() as conn:
            answered = self._check_reviews(conn)
        found = Saved(version, answered)
        if found not in (acknowledged, following):
            raise CrashCheckError(
                f"the database holds {found}; after the last acknowledged transaction it "
                f"should hold {acknowledged}, or {following} after the one that followed"
            )
        return found

    def _check_plan(self, version: int, stored: Plan) -> None:
        """The sessions and milestones are exactly those of the version the settings spell."""
        expected = plan_for(version)
        if stored.sessions != expected.sessions:
            raise CrashCheckError(f"the plan's settings are version {version}, its sessions not")
        if [(m.key, m.day) for m in stored.milestones] != [
            (m.key, m.day) for m in expected.milestones
        ]:
            raise CrashCheckError(f"the plan's settings are version {version}, its milestones not")

    def _check_reviews(self, conn: sqlite3.Connection) -> int:
        """The log is the first n answers exactly, and each card is their replay. Returns n."""
        stored = conn.execute(
            "SELECT id, card_id, rating, reviewed_at, duration_ms, kind FROM review ORDER BY id"
        ).fetchall()
        answered = len(stored)
        expected = self._log(answered)
        for row, want in zip(stored, expected, strict=True):
            if tuple(row) != want:
                raise CrashCheckError(f"review {row[0]} is {tuple(row)}, expected {want}")
        # Stated on its own, whatever the worker did: a card's last review is its newest log row.
        mismatched = conn.execute(
            "SELECT c.id, c.last_review, max(r.reviewed_at) FROM card c "
            "LEFT JOIN review r ON r.card_id = c.id GROUP BY c.id "
            "HAVING c.last_review IS NOT max(r.reviewed_at)"
        ).fetchall()
        if mismatched:
            raise CrashCheckError(f"cards whose last review is not in the log: {mismatched}")
        cards = read_cards(conn)
        for card_id, state in self._cards_after(answered).items():
            if cards[card_id] != state:
                raise CrashCheckError(
                    f"card {card_id} is {cards[card_id]}, but its {answered} answers give {state}"
                )
        return answered

    def _cards_after(self, answered: int) -> dict[int, CardState]:
        """Every card's state after the first ``answered`` answers, replayed through FSRS."""
        self._replay(answered)
        return self._states[answered]

    def _log(self, answered: int) -> list[tuple[Any, ...]]:
        """The review log's rows after the first ``answered`` answers."""
        self._replay(answered)
        return self._rows[:answered]

    def _replay(self, answered: int) -> None:
        """Work out the log rows and card states up to ``answered`` answers, once each."""
        while len(self._rows) < answered:
            n = len(self._rows)
            given = nth_answer(n, self.card_ids)
            states = dict(self._states[n])
            before = states[given.card_id]
            states[given.card_id] = answer(
                before, given.rating, given.at, SETTINGS, None, given.duration_ms
            )
            self._states.append(states)
            self._rows.append(
                (
                    n + 1,
                    given.card_id,
                    int(given.rating),
                    stored_time(given.at),
                    given.duration_ms,
                    kind_of(before),
                )
            )


def _wait_until_ready(fd: int) -> bytes:
    """Wait for the child's "ready" line; returns what came after it."""
    data = b""
    while not data.startswith(READY):
        readable, _, _ = select.select([fd], [], [], START_TIMEOUT)
        chunk = os.read(fd, 65536) if readable else b""
        if not chunk:
            raise CrashCheckError("the child did not start its work")
        data += chunk
    return data[len(READY) :]


def _wait_for_lines(fd: int, data: bytes, lines: int) -> bytes:
    """Wait until the child has acknowledged ``lines`` transactions; returns all it wrote."""
    while (have := data.count(b"\n")) < lines:
        readable, _, _ = select.select([fd], [], [], START_TIMEOUT)
        chunk = os.read(fd, 65536) if readable else b""
        if not chunk:
            raise CrashCheckError(f"the child stopped after {have} of {lines} acknowledgements")
        data += chunk
    return data


def _read_all(fd: int, data: bytes) -> list[str]:
    """Every line a dead child wrote to the pipe, after ``data`` read before."""
    while chunk := os.read(fd, 65536):
        data += chunk
    if data and not data.endswith(b"\n"):
        raise CrashCheckError("an acknowledgement arrived in part")
    return data.decode().splitlines()
