"""Which backups to keep: the newest few of each day, then of each week, then of each month."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class BackupPolicy:
    """How many daily, weekly and monthly backups to keep (Anki's defaults)."""

    daily: int = 12
    weekly: int = 10
    monthly: int = 9


def backups_to_keep(taken: Iterable[datetime], policy: BackupPolicy) -> dict[datetime, str]:
    """The times of the backups to keep, each with why: "daily", "weekly" or "monthly".

    Newest first: the newest backup of each day, until the daily places are full; then the
    newest of each week not yet covered, until the weekly places are full; then the newest of
    each month not yet covered. Everything else can go.
    """
    keep: dict[datetime, str] = {}
    days: set[tuple[int, ...]] = set()
    weeks: set[tuple[int, ...]] = set()
    months: set[tuple[int, ...]] = set()
    left = {"daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
    for moment in sorted(taken, reverse=True):
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
        keep[moment] = kind
        days.add(day)
        weeks.add(week)
        months.add(month)
    return keep
