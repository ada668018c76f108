"""The command line's values, each refused with one line naming the option and what to do.

The convention for every input error of ``studyplanner-cli``: one line on stderr, in the form
``studyplanner-cli COMMAND: WHAT: what is wrong; what to do``, and exit status 2; never a
traceback, never a silent default. The argument parser's own errors (an unknown option, a
missing value) follow it through ``OneLineParser``; a value the parser cannot judge alone
(a topic id the roadmap lacks) is raised as ``UsageError`` and reported the same way. Text the
learner typed is echoed with its control characters escaped, so that it cannot move the
cursor, change colours or add lines. Failures that are not the input's fault (a full disk, a
damaged database) are also one line, naming the file or folder, and exit 1.

Dates are taken from 1900-01-01 to 9000-12-31 (``EARLIEST_DATE``, ``LATEST_DATE``): a plan
runs for at most 40 years, and every date it reaches stays well inside the calendar.
"""

from __future__ import annotations

import argparse
import stat
import unicodedata
from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import NoReturn, TypeAlias

from studyplanner.core.planning.dates import EARLIEST_DATE, LATEST_DATE
from studyplanner.core.planning.week import WEEKDAYS, DaysOff, WeeklyAvailability

DAY_NAMES = tuple(name[:3].lower() for name in WEEKDAYS)
DAY_MINUTES = 24 * 60
# SQLite's integers are signed 64-bit: a larger id can never name a row.
LARGEST_ID = 2**63 - 1
MAX_TEXT_CHARS = 200
SHOWN_CHARS = 80
# Characters that steer a terminal or break a line: C0 and C1 controls and DEL (category Cc),
# the line and paragraph separators, and the bidirectional overrides that reorder text.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


# The subcommands' registry, as the command modules receive it to declare themselves.
Commands: TypeAlias = "argparse._SubParsersAction[OneLineParser]"


class UsageError(Exception):
    """An input the parser accepted but the command cannot use; the message is one line."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, without the usage text, and exit 2."""

    def error(self, message: str) -> NoReturn:
        """Report a bad command line as ``PROG: MESSAGE`` on one line."""
        self.exit(2, f"{self.prog}: {escaped(message)}\n")


def is_control(character: str) -> bool:
    """Whether a character steers the terminal or the text's direction rather than showing."""
    return unicodedata.category(character) in ("Cc", "Zl", "Zp") or character in _BIDI_CONTROLS


def escaped(text: str) -> str:
    r"""The text with every control character written as an escape, such as ``\x1b``."""
    return "".join(
        (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") if is_control(c) else c
        for c in text
    )


def shown(text: str) -> str:
    """Learner-typed text, safe to echo in a message: escaped and cut to 80 characters."""
    safe = escaped(text)
    return safe if len(safe) <= SHOWN_CHARS else safe[: SHOWN_CHARS - 3] + "..."


def iso_date(text: str) -> date:
    """A YYYY-MM-DD date the planner can plan with: from 1900-01-01 to 9000-12-31."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{shown(text)}' is not a date in the form YYYY-MM-DD"
        ) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise argparse.ArgumentTypeError(
            f"{day} is outside the dates the app plans with: give a date from "
            f"{EARLIEST_DATE} to {LATEST_DATE}"
        )
    return day


def record_id(text: str) -> int:
    """A stored record's number: a whole number from 1 to 2**63 - 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= LARGEST_ID:
        raise argparse.ArgumentTypeError(
            f"'{shown(text)}' is not a plan number: give the number the plans command lists"
        )
    return number


def minutes_between(low: int, high: int) -> Callable[[str], int]:
    """A type for a whole number of minutes from ``low`` to ``high``."""

    def minutes(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"'{shown(text)}' should be whole minutes from {low} to {high}"
            )
        return value

    return minutes


def free_text(text: str) -> str:
    """A name to store and show: not blank, printable, at most 200 characters."""
    if not text.strip():
        raise argparse.ArgumentTypeError("it is empty: give some text")
    if any(is_control(c) for c in text):
        raise argparse.ArgumentTypeError(
            f"'{shown(text)}' holds control characters: use letters, digits and punctuation"
        )
    if len(text) > MAX_TEXT_CHARS:
        raise argparse.ArgumentTypeError(
            f"it is {len(text)} characters long: keep it to {MAX_TEXT_CHARS}"
        )
    return text


def output_file(text: str) -> Path:
    """A file to write: not a folder nor a device, in a folder that exists."""
    if not text:
        raise argparse.ArgumentTypeError("the file name is empty: name the file to write")
    if "\0" in text:
        raise argparse.ArgumentTypeError(
            f"'{shown(text)}' holds a NUL character, which no file name can: name another file"
        )
    path = Path(text)
    kind = what_is_at(path)
    if kind == "folder":
        raise argparse.ArgumentTypeError(f"{shown(text)} is a folder: name a file inside it")
    if kind not in (None, "file"):
        raise argparse.ArgumentTypeError(f"{shown(text)} is {kind}: name a regular file")
    folder = path.parent
    found = what_is_at(folder)
    if found is not None and found != "folder":
        raise argparse.ArgumentTypeError(
            f"{shown(str(folder))} is {'a file' if found == 'file' else found}, not a folder: "
            "name a file in a folder"
        )
    if found is None:
        raise argparse.ArgumentTypeError(
            f"the folder {shown(str(folder))} does not exist: create it, or name a file elsewhere"
        )
    return path


def input_file(text: str) -> Path:
    """A file to read: an existing regular file, never a folder, FIFO or device."""
    if not text:
        raise argparse.ArgumentTypeError("the file name is empty: name the file to read")
    path = Path(text)
    kind = what_is_at(path)
    if kind is None:
        raise argparse.ArgumentTypeError(f"there is no file {shown(text)}: check its name")
    if kind == "folder":
        raise argparse.ArgumentTypeError(f"{shown(text)} is a folder: name a file inside it")
    if kind != "file":
        raise argparse.ArgumentTypeError(f"{shown(text)} is {kind}: name a regular file")
    return path


def what_is_at(path: Path) -> str | None:
    """What is at ``path``: "file", "folder", "a FIFO", ...; None if nothing or no such name.

    Found without opening it, so a FIFO never blocks; a name too long or holding a NUL
    character names nothing.
    """
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    return "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"


def weekly(text: str) -> WeeklyAvailability:
    """``mon=90,tue=0,sat=180@09:30,...``: minutes per weekday, and optionally a start time.

    Days not named get no study time; at least one day needs some. A day is its English name
    or the first three or more letters of it, and is named once.
    """
    minutes = dict.fromkeys(DAY_NAMES, 0)
    starts: dict[str, time | None] = dict.fromkeys(DAY_NAMES)
    named: set[str] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        shown_part = shown(part)
        given, equals, value = part.partition("=")
        name = _day(given.strip().lower())
        if not equals or name is None:
            raise argparse.ArgumentTypeError(
                f"'{shown_part}' should be a weekday and minutes, such as mon=90 or mon=90@18:00"
            )
        if name in named:
            raise argparse.ArgumentTypeError(f"'{shown_part}': {name} is given twice; name it once")
        named.add(name)
        amount, _, start = value.partition("@")
        try:
            minutes[name] = int(amount)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"'{shown(amount)}' in '{shown_part}' is not a number"
            ) from None
        if not 0 <= minutes[name] <= DAY_MINUTES:
            raise argparse.ArgumentTypeError(
                f"{shown_part}: minutes must be between 0 and {DAY_MINUTES}"
            )
        if start:
            starts[name] = _start_time(start, shown_part)
    if not any(minutes.values()):
        raise argparse.ArgumentTypeError(
            f"'{shown(text)}' gives no day any study time: give at least one day some minutes, "
            "such as mon=60"
        )
    week: tuple[int, int, int, int, int, int, int] = tuple(minutes.values())  # type: ignore[assignment]
    return WeeklyAvailability(week, tuple(starts.values()))


def _start_time(text: str, part: str) -> time:
    """A local time of day, such as 18:00, without a time zone."""
    try:
        start = time.fromisoformat(text)
    except ValueError:
        start = None
    if start is None or start.tzinfo is not None:
        raise argparse.ArgumentTypeError(
            f"'{shown(text)}' in '{part}' is not a time such as 18:00"
        ) from None
    return start


def _day(given: str) -> str | None:
    """The short name of the weekday ``given`` spells out or begins with (three letters or more)."""
    if len(given) < 3:
        return None
    for short, full in zip(DAY_NAMES, WEEKDAYS, strict=True):
        if full.lower().startswith(given):
            return short
    return None


def day_off(text: str) -> tuple[date, date]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD:YYYY-MM-DD``: one day off, or a range of them."""
    first_text, _, last_text = text.partition(":")
    first = iso_date(first_text)
    last = iso_date(last_text) if last_text else first
    if last < first:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' ends before it starts")
    return first, last


def days_off(ranges: list[tuple[date, date]]) -> DaysOff:
    """Single days and ranges as the planner takes them."""
    singles = frozenset(first for first, last in ranges if first == last)
    spans = tuple(sorted((first, last) for first, last in ranges if first != last))
    return DaysOff(singles, spans)


def add_off_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--off DATE[:DATE]``, repeatable, collected as (first, last) pairs."""
    parser.add_argument(
        "--off", type=day_off, action="append", default=[], metavar="DATE[:DATE]", help=help_text
    )
