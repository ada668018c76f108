"""Random faults across save, import, backup, restore and recovery, and what must survive them.

Each round runs one operation under one fault: a kill at a random moment, a full disk, a
read-only disk or a clock set far back or forward. Afterwards the newest data committed
before the round must still be somewhere (the database or a backup), the database must
be healthy, no backup may have changed, and no file set aside may be a healthy one.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import random
import signal
import sqlite3
from collections.abc import Callable
from contextlib import closing, nullcontext, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.views import CardText, NewCard
from studyplanner.storage.safety.backups import (
    BackupPolicy,
    Reason,
    backup_folder,
    list_backups,
    make_backup,
)
from studyplanner.storage.safety.integrity import Health, check_file
from studyplanner.storage.safety.recovery import automatic_backup, database_path, restore
from studyplanner.storage.store import Store
from studyplanner.storage.writes.writes import Writes
from tests.conftest import make_cards_plan
from tests.roadmaps import CATALOGUE
from tests.storage.small_disk import SmallDisk

OPERATIONS = ("save", "import", "backup", "restore", "recovery")
FAULTS = ("kill", "full", "read-only", "clock")
MAX_KILL_DELAY = 0.03
POLICY = BackupPolicy(daily=3, weekly=2, monthly=2)
START = datetime(2026, 3, 2, 21, 0)
KEPT_BACKUPS = 8  # the newest, for restoring; the rest are deleted between rounds


@dataclass(frozen=True)
class Contents:
    """The two things the rounds change: a session's minutes (the save) and the card count."""

    minutes: int
    cards: int


@dataclass
class Tally:
    """What the rounds found."""

    rounds: dict[tuple[str, str], int] = field(default_factory=dict)
    losses: list[str] = field(default_factory=list)
    healthy_set_aside: list[str] = field(default_factory=list)
    changed_backups: list[str] = field(default_factory=list)
    unhealthy: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[str]:
        """Every broken promise, in words."""
        return self.losses + self.healthy_set_aside + self.changed_backups + self.unhealthy


def read_contents(path: Path) -> Contents | None:
    """The marker values in a database or backup file, or None if it cannot be read."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            (minutes,) = conn.execute(
                "SELECT coalesce(actual_minutes, 0) FROM study_session ORDER BY id LIMIT 1"
            ).fetchone()
            (cards,) = conn.execute("SELECT count(*) FROM card").fetchone()
    except (sqlite3.Error, TypeError):
        return None
    return Contents(int(minutes), int(cards))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FaultLoop:
    """One data folder on a small disk, and rounds of operations under faults."""

    def __init__(self, disk: SmallDisk, seed: int) -> None:
        self.disk = disk
        self.data_dir = disk.root / "data"
        self.rng = random.Random(seed)
        self.clock = START
        self.minutes = 0
        self.tally = Tally()
        store = Store.open(self.data_dir, CATALOGUE)
        try:
            self.plan_id = make_cards_plan(store)
            [first, *_] = store.sessions_between(self.plan_id, START.date(), START.date())
            self.session_key = first.key
        finally:
            store.close()

    @property
    def database(self) -> Path:
        """The live database file."""
        return database_path(self.data_dir)

    def run(self, rounds: int, report: Callable[[str], None] = lambda _: None) -> Tally:
        """Run ``rounds`` rounds, each a random operation under a random fault."""
        for number in range(rounds):
            operation = self.rng.choice(OPERATIONS)
            fault = self.rng.choice(FAULTS)
            self.round(operation, fault, f"round {number + 1} ({operation}, {fault})")
            key = (operation, fault)
            self.tally.rounds[key] = self.tally.rounds.get(key, 0) + 1
            if self.tally.failures:
                report(self.tally.failures[-1])
                break
        return self.tally

    def round(self, operation: str, fault: str, name: str) -> None:
        """One operation under one fault, then every check."""
        self.clock += timedelta(days=1)
        now = self.clock
        if fault == "clock":
            now += timedelta(days=self.rng.choice((-400, -30, -1, 0, 1, 30, 400)))
        self._make_room()
        newest = read_contents(self.database)
        assert newest is not None, f"{name}: the database cannot be read before the round"
        if operation == "recovery":
            # The damage itself is the test's: the newest data goes to a backup first.
            make_backup(self.database, backup_folder(self.data_dir), now, Reason.MANUAL)
        backups = self._backup_digests()
        work, changed = self._operation(operation, now, newest)
        if operation == "recovery":
            _damage(self.database)
        self._under(fault, work)
        self._finish_recovery(now)
        self._check(name, newest, changed, backups)

    def _operation(
        self, operation: str, now: datetime, newest: Contents
    ) -> tuple[Callable[[], object], Contents | None]:
        """The work of the round, and what the database holds if that work commits.

        None for the operations that leave the database as it was or put a backup in it.
        """
        data_dir, plan_id, key = self.data_dir, self.plan_id, self.session_key
        if operation == "save":
            self.minutes += 1
            minutes = self.minutes
            return lambda: _with_store(
                data_dir, lambda w: w.update_session(plan_id, key, actual_minutes=minutes)
            ), Contents(minutes, newest.cards)
        if operation == "import":
            cards = [NewCard(CardText(f"Q{n} {now}", f"A{n}"), deck="Faults") for n in range(3)]
            return lambda: _with_store(data_dir, lambda w: w.add_cards(cards, now)), Contents(
                newest.minutes, newest.cards + 3
            )
        if operation == "backup":
            return (
                lambda: (
                    automatic_backup(data_dir, now, POLICY)
                    or make_backup(
                        database_path(data_dir), backup_folder(data_dir), now, Reason.MANUAL
                    )
                ),
                None,
            )
        usable = [b for b in list_backups(backup_folder(data_dir)) if b.usable]
        chosen = usable[0] if operation == "recovery" else self.rng.choice(usable or [None])
        if chosen is None:
            return lambda: None, None
        return lambda: restore(data_dir, chosen.path, now), None

    def _under(self, fault: str, work: Callable[[], object]) -> None:
        # A write that failed can leave its connection to the cyclic collector; a read-only
        # remount waits for no open file, so collect it first.
        gc.collect()
        _as_after_quitting(self.database)
        if fault == "kill":
            _run_and_kill(work, self.rng.uniform(0, MAX_KILL_DELAY))
            return
        context = (
            self.disk.read_only()
            if fault == "read-only"
            else FilledDisk(self.disk)
            if fault == "full"
            else nullcontext()
        )
        with context, suppress(StorageError):  # refusing is right; what it leaves is checked
            work()

    def _finish_recovery(self, now: datetime) -> None:
        """A recovery that a fault stopped is done again, as the learner would."""
        if check_file(self.database).health.damaged:
            newest = next(b for b in list_backups(backup_folder(self.data_dir)) if b.usable)
            restore(self.data_dir, newest.path, now)

    def _make_room(self) -> None:
        """Delete what earlier rounds checked already, as a learner tidies a small disk."""
        for backup in list_backups(backup_folder(self.data_dir))[KEPT_BACKUPS:]:
            backup.path.unlink()
        for aside in self.data_dir.glob("*.damaged-*"):
            aside.unlink()

    def _backup_digests(self) -> dict[Path, tuple[str, str]]:
        return {
            b.path: (b.reason, _digest(b.path)) for b in list_backups(backup_folder(self.data_dir))
        }

    def _check(
        self,
        name: str,
        newest: Contents,
        changed: Contents | None,
        before: dict[Path, tuple[str, str]],
    ) -> None:
        health = check_file(self.database).health
        if health is not Health.HEALTHY:
            self.tally.unhealthy.append(f"{name}: the database is {health.value}")
            return
        current = read_contents(self.database)
        if changed is not None:  # a change: exactly the state before it, or after it
            if current not in (newest, changed):
                self.tally.losses.append(f"{name}: found {current}, not {newest} or {changed}")
        else:  # the state before the round is still somewhere: the database or a backup
            backups = [b.path for b in list_backups(backup_folder(self.data_dir))]
            if newest != current and newest not in {read_contents(p) for p in backups}:
                self.tally.losses.append(
                    f"{name}: {newest} is in neither the database nor a backup"
                )
        for path, (reason, digest) in before.items():
            if path.exists() and _digest(path) != digest:
                self.tally.changed_backups.append(f"{name}: {path.name} was overwritten")
            elif not path.exists() and reason != Reason.AUTOMATIC:
                self.tally.changed_backups.append(f"{name}: {path.name} disappeared")
        for aside in self.data_dir.glob("*.damaged-*"):
            side_file = aside.name.endswith(("-wal", "-shm", "-journal"))
            if not side_file and check_file(aside).health is Health.HEALTHY:
                self.tally.healthy_set_aside.append(f"{name}: {aside.name} was healthy")
        if current is not None:
            self.minutes = max(self.minutes, current.minutes)


def _with_store(data_dir: Path, change: Callable[[Writes], object]) -> None:
    store = Store.open(data_dir, CATALOGUE)
    try:
        with store.write() as writes:
            change(writes)
    finally:
        store.close()


def _as_after_quitting(path: Path) -> None:
    """Side files as the app leaves them when it quits: no index, and no log unless one waits.

    Reading then needs a new index, which a full disk or a read-only folder forbids.
    """
    Path(f"{path}-shm").unlink(missing_ok=True)
    log = Path(f"{path}-wal")
    if log.exists() and log.stat().st_size == 0:
        log.unlink()


def _damage(path: Path) -> None:
    """Zero the page headers of the database's tables, as a failing disk might."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data), page):
        data[start : start + 8] = bytes(8)
    path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


class FilledDisk:
    """The disk full for the length of a block."""

    def __init__(self, disk: SmallDisk) -> None:
        self.disk = disk

    def __enter__(self) -> None:
        self.disk.fill()

    def __exit__(self, *_: object) -> None:
        self.disk.free()


def _child(work: Callable[[], object]) -> None:
    with suppress(StorageError):
        work()


def _run_and_kill(work: Callable[[], object], delay: float) -> None:
    """Run ``work`` in a child process and kill it with SIGKILL ``delay`` seconds in."""
    child = multiprocessing.get_context("fork").Process(target=_child, args=(work,))
    child.start()
    child.join(delay)
    if child.is_alive() and child.pid is not None:
        os.kill(child.pid, signal.SIGKILL)
    child.join()
