"""Tests for which backups thinning keeps."""

from __future__ import annotations

from datetime import datetime, timedelta

from studyplanner.storage.safety.thinning import BackupPolicy, backups_to_keep


def test_a_year_of_daily_backups_thins_to_the_policys_counts() -> None:
    taken = [datetime(2025, 1, 1, 20) + timedelta(days=n) for n in range(400)]
    keep = backups_to_keep(taken, BackupPolicy(daily=12, weekly=10, monthly=9))
    kinds = {
        kind: sorted(taken[i] for i, k in keep.items() if k == kind) for kind in set(keep.values())
    }
    assert {kind: len(times) for kind, times in kinds.items()} == {
        "daily": 12,
        "weekly": 10,
        "monthly": 9,
    }
    assert kinds["daily"] == taken[-12:]
    # Older copies are spread out: one a week, then one a month, each older than the last kind.
    assert len({t.isocalendar()[:2] for t in kinds["weekly"]}) == 10
    assert max(kinds["weekly"]) < min(kinds["daily"])
    assert len({(t.year, t.month) for t in kinds["monthly"]}) == 9
    assert max(kinds["monthly"]) < min(kinds["weekly"])
    # The newest backup of each month is its last day's: February to October 2025.
    assert [t.date().isoformat() for t in kinds["monthly"]][::4] == [
        "2025-02-28",
        "2025-06-30",
        "2025-10-31",
    ]


def test_only_the_newest_backup_of_a_day_counts_as_its_daily_copy() -> None:
    day = [datetime(2026, 3, 2, hour) for hour in (9, 12, 18)]
    assert backups_to_keep(day, BackupPolicy(daily=3, weekly=0, monthly=0)) == {2: "daily"}


def test_a_policy_of_zeros_keeps_nothing() -> None:
    taken = [datetime(2026, 3, 2), datetime(2026, 3, 3)]
    assert backups_to_keep(taken, BackupPolicy(0, 0, 0)) == {}


def test_fewer_backups_than_places_keeps_them_all() -> None:
    taken = [datetime(2026, 1, 5), datetime(2026, 2, 9), datetime(2026, 3, 2)]
    assert backups_to_keep(taken, BackupPolicy()).keys() == {0, 1, 2}


def test_a_backup_made_after_the_clock_went_back_counts_as_the_next_day() -> None:
    # Three daily backups, then the clock is set back a month and two more are made.
    taken = [datetime(2026, 3, day, 20) for day in (1, 2, 3)]
    taken += [datetime(2026, 2, 1, 20), datetime(2026, 2, 2, 20)]
    keep = backups_to_keep(taken, BackupPolicy(daily=4, weekly=0, monthly=0))
    # The newest four by the order they were made, not by their stamps: the two made last
    # are kept, and none of the older ones is mistaken for newer.
    assert keep == {1: "daily", 2: "daily", 3: "daily", 4: "daily"}


def test_identical_stamps_are_told_apart_by_their_order() -> None:
    same = datetime(2026, 3, 2, 21)
    keep = backups_to_keep([same, same, same], BackupPolicy(daily=2, weekly=0, monthly=0))
    assert keep == {1: "daily", 2: "daily"}
