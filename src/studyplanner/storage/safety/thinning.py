"""Which backups to keep: the newest few of each day, then of each week, then of each month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class BackupPolicy:
    """How many daily, weekly and monthly backups to keep (Anki's defaults)."""

    daily: int = 12
    weekly: int = 10
    monthly: int = 9


def backups_to_keep(taken: Sequence[datetime], policy: BackupPolicy) -> dict[int, str]:
    """Which backups to keep, by index in ``taken`` (their times, in the order made), and why.

    Why is "daily", "weekly" or "monthly".
    Newest first: the newest backup of each day, until the daily places are full; then the
    newest of each week not yet covered, until the weekly places are full; then the newest of
    each month not yet covered. Everything else can go.

    Automatic backups are made at most once a day, so one stamped no later than the backup
    before it was made after the clock was set back: it counts as a day after that one. The
    clock going back never makes older backups look newer, and never thins the newest.
    """
    effective: list[datetime] = []
    for moment in taken:
        if effective and moment <= effective[-1]:
            moment = effective[-1] + timedelta(days=1)
        effective.append(moment)
    keep: dict[int, str] = {}
    days: set[tuple[int, ...]] = set()
    weeks: set[tuple[int, ...]] = set()
    months: set[tuple[int, ...]] = set()
    left = {"daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
    for index in reversed(range(len(effective))):
        moment = effective[index]
        day = (moment.year, moment.month, moment.day)
        week = tuple(moment.isocalendar())[:2]
        month = (moment.year, moment.month)
        if left["daily"]:
            kind, seen = "daily", day in days
        elif left["weekly"]:
            kind, seen = "weekly", week in weeks
        elif left["monthly"]:
            kind, seen = "monthly", month in months
        else:
            break
        if seen:
            continue
        left[kind] -= 1
        keep[index] = kind
        days.add(day)
        weeks.add(week)
        months.add(month)
    return keep
