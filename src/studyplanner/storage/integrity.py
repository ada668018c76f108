"""Checking a database file without trusting it: header, SQLite's quick_check, and our schema."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")


class Health(Enum):
    """What a check found."""

    HEALTHY = "healthy"
    MISSING = "missing"  # no file yet: a first start, nothing to check
    EMPTY = "empty"
    NOT_SQLITE = "not a database"
    DAMAGED = "damaged"
    FOREIGN = "not Study Planner's"

    @property
    def usable(self) -> bool:
        """Whether the app can open the file as it is."""
        return self in (Health.HEALTHY, Health.MISSING)


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
        return Checkup(path, Health.DAMAGED, f"it cannot be read ({exc.strerror})")
    if size == 0:
        return Checkup(path, Health.EMPTY, "the file has 0 bytes")
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as exc:
        return Checkup(path, Health.DAMAGED, f"it cannot be read ({exc.strerror})")
    if not header.startswith(SQLITE_HEADER):
        return Checkup(path, Health.NOT_SQLITE, "it does not start with SQLite's header")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if len(header) < 100 or page_size < 512 or size % page_size:
        return Checkup(path, Health.DAMAGED, f"it is cut short ({size:,} bytes)")
    return Checkup(path, Health.HEALTHY)


def _check_contents(path: Path, quick: bool) -> Checkup:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return Checkup(path, Health.DAMAGED, f"SQLite cannot open it ({exc})")
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            return Checkup(path, Health.FOREIGN, "it holds no Study Planner schema")
        if quick:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(20)")]
            if problems != ["ok"]:
                return Checkup(path, Health.DAMAGED, _summary(problems))
    except sqlite3.DatabaseError as exc:
        return Checkup(path, Health.DAMAGED, f"SQLite cannot read it ({exc})")
    finally:
        conn.close()
    return Checkup(path, Health.HEALTHY)


def _summary(problems: list[str]) -> str:
    """SQLite's findings in a sentence: which pages are damaged, or its first finding."""
    text = " ".join(problems)
    pages = sorted({int(page) for page in re.findall(r"[Pp]age (\d+)", text)})
    if pages:
        shown = ", ".join(str(page) for page in pages[:8]) + (", …" if len(pages) > 8 else "")
        return f"SQLite's check found damage in page{'s' * (len(pages) > 1)} {shown}"
    first = next(p for p in problems if not p.startswith("***"))
    return f"SQLite's check found damage ({first})"


def set_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its side files) so it is kept, and return its new name.

    Nothing is deleted or overwritten: a name already taken gets a number added.
    """
    stamp = now.strftime("%Y-%m-%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while any(Path(f"{target}{side}").exists() for side in ("", *SIDE_FILES)):
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    for side in SIDE_FILES:
        companion = Path(f"{path}{side}")
        if companion.exists():
            companion.rename(f"{target}{side}")
    if path.exists():
        path.rename(target)
    return target
