"""Parsing the plan command's values, with messages that name the bad argument."""

from __future__ import annotations

import argparse
from datetime import date, time

from studyplanner.core.planning.week import WEEKDAYS, DaysOff, WeeklyAvailability

DAY_NAMES = tuple(name[:3].lower() for name in WEEKDAYS)


def iso_date(text: str) -> date:
    """A YYYY-MM-DD date."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def weekly(text: str) -> WeeklyAvailability:
    """``mon=90,tue=0,sat=180@09:30,...``: minutes per weekday, and optionally a start time.

    Days not named get no study time.
    """
    minutes = dict.fromkeys(DAY_NAMES, 0)
    starts: dict[str, time | None] = dict.fromkeys(DAY_NAMES)
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, equals, value = part.partition("=")
        name = name.strip().lower()[:3]
        if not equals or name not in minutes:
            raise argparse.ArgumentTypeError(
                f"'{part}' should be a weekday and minutes, such as mon=90 or mon=90@18:00"
            )
        amount, _, start = value.partition("@")
        try:
            minutes[name] = int(amount)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{amount}' in '{part}' is not a number") from None
        if not 0 <= minutes[name] <= 24 * 60:
            raise argparse.ArgumentTypeError(f"{part}: minutes must be between 0 and 1440")
        if start:
            try:
                starts[name] = time.fromisoformat(start)
            except ValueError:
                raise argparse.ArgumentTypeError(
                    f"'{start}' in '{part}' is not a time such as 18:00"
                ) from None
    week: tuple[int, int, int, int, int, int, int] = tuple(minutes.values())  # type: ignore[assignment]
    return WeeklyAvailability(week, tuple(starts.values()))


def day_off(text: str) -> tuple[date, date]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD:YYYY-MM-DD``: one day off, or a range of them."""
    first_text, _, last_text = text.partition(":")
    first = iso_date(first_text)
    last = iso_date(last_text) if last_text else first
    if last < first:
        raise argparse.ArgumentTypeError(f"'{text}' ends before it starts")
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
