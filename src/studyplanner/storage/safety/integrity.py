"""Checking a database file without trusting it: header, SQLite's quick_check, and our schema."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from studyplanner.storage.database.connections import connect_read_only
from studyplanner.storage.safety.faults import advice, circumstance_of

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
# Tables every version of the schema has; a file without them holds none of a learner's data.
CORE_TABLES = frozenset({"alembic_version", "plan", "study_session", "card", "review"})


class Health(Enum):
    """What a check found."""

    HEALTHY = "healthy"
    MISSING = "missing"  # no file yet: a first start, nothing to check
    EMPTY = "empty"
    NOT_SQLITE = "not a database"
    DAMAGED = "damaged"
    FOREIGN = "not Study Planner's"
    # The disk or the folder stopped the check (full, read-only, in use, failing): the file
    # may be perfectly healthy, so it is never set aside or replaced for this.
    UNAVAILABLE = "out of reach"

    @property
    def usable(self) -> bool:
        """Whether the app can open the file as it is."""
        return self in (Health.HEALTHY, Health.MISSING)

    @property
    def damaged(self) -> bool:
        """Whether the file itself was found broken, so setting it aside loses nothing usable."""
        return self in (Health.EMPTY, Health.NOT_SQLITE, Health.DAMAGED, Health.FOREIGN)


@dataclass(frozen=True)
class Checkup:
    """The verdict on one file, with the reason in words."""

    path: Path
    health: Health
    detail: str = ""

    def __str__(self) -> str:
        if self.health is Health.HEALTHY:
            return f"{self.path}: healthy"
        return (
            f"{self.path} is {self.health.value}: {self.detail}" if self.detail else str(self.path)
        )


def check_file(path: Path, quick: bool = True) -> Checkup:
    """Look at the file at ``path`` without changing a byte of it.

    ``quick`` runs SQLite's quick_check over every page; without it only the header and the
    schema are read, which is enough to list a backup.
    """
    found = check_header(path)
    if found.health is not Health.HEALTHY:
        return found
    return _check_contents(path, quick)


def check_header(path: Path) -> Checkup:
    """The cheapest look: the file exists, has SQLite's header, and is whole pages long."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Checkup(path, Health.MISSING)
    except OSError as exc:
        return _out_of_reach(path, exc)
    if size == 0:
        return Checkup(path, Health.EMPTY, "the file has 0 bytes")
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as exc:
        return _out_of_reach(path, exc)
    if not header.startswith(SQLITE_HEADER):
        return Checkup(path, Health.NOT_SQLITE, "it does not start with SQLite's header")
    page_size = _page_size(header)
    if len(header) < 100 or page_size < 512 or size % page_size:
        return Checkup(path, Health.DAMAGED, f"it is cut short ({size:,} bytes)")
    return Checkup(path, Health.HEALTHY)


def _check_contents(path: Path, quick: bool) -> Checkup:
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        if circumstance_of(exc, path) is not None:
            return _out_of_reach(path, exc)
        return Checkup(path, Health.DAMAGED, f"SQLite cannot open it ({exc})")
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            return Checkup(path, Health.FOREIGN, "it holds no Study Planner schema")
        if not tables >= CORE_TABLES:
            missing = ", ".join(sorted(CORE_TABLES - tables))
            return Checkup(path, Health.DAMAGED, f"its tables are missing ({missing})")
        if conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] != 1:
            return Checkup(path, Health.DAMAGED, "its schema version is missing")
        if quick:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(20)")]
            if problems != ["ok"]:
                return Checkup(path, Health.DAMAGED, _summary(problems))
    except sqlite3.DatabaseError as exc:
        if circumstance_of(exc, path) is not None:
            return _out_of_reach(path, exc)
        return Checkup(path, Health.DAMAGED, f"SQLite cannot read it ({exc})")
    finally:
        conn.close()
    return Checkup(path, Health.HEALTHY)


def _out_of_reach(path: Path, error: BaseException) -> Checkup:
    found = circumstance_of(error, path)
    detail = advice(found, path) if found else f"it cannot be read ({error})"
    return Checkup(path, Health.UNAVAILABLE, detail)


def _summary(problems: list[str]) -> str:
    """SQLite's findings in a sentence: which pages are damaged, or its first finding."""
    text = " ".join(problems)
    pages = sorted({int(page) for page in re.findall(r"[Pp]age (\d+)", text)})
    if pages:
        shown = ", ".join(str(page) for page in pages[:8]) + (", …" if len(pages) > 8 else "")
        return f"SQLite's check found damage in page{'s' * (len(pages) > 1)} {shown}"
    first = next(p for p in problems if not p.startswith("***"))
    return f"SQLite's check found damage ({first})"


def page_size_of(path: Path) -> int | None:
    """The page size in a database file's header, or None without a readable header."""
    try:
        with path.open("rb") as file:
            header = file.read(18)
    except OSError:
        return None
    if not header.startswith(SQLITE_HEADER) or len(header) < 18:
        return None
    return _page_size(header)


def _page_size(header: bytes) -> int:
    """The page size a database header states (SQLite writes 65,536 as 1)."""
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def set_aside(path: Path, now: datetime, keep_in_place: bool = False) -> Path:
    """Rename a damaged database (and its side files) so it is kept, and return its new name.

    Nothing is deleted or overwritten: a name already taken gets a number added. With
    ``keep_in_place`` the database keeps its own name too (a second link), so the caller can
    replace it in one rename and there is never a moment without a database.
    """
    stamp = now.strftime("%Y-%m-%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while any(Path(f"{target}{side}").exists() for side in ("", *SIDE_FILES)):
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    if path.exists():
        try:
            os.link(path, target) if keep_in_place else path.rename(target)
        except OSError:
            if not keep_in_place:
                raise
            shutil.copy2(path, target)  # no hard links here (FAT): a copy keeps it as well
    for side in SIDE_FILES:
        companion = Path(f"{path}{side}")
        if companion.exists():
            companion.rename(f"{target}{side}")
    return target
