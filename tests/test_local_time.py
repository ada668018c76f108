"""The learner's clock: the system's time zone with its rules, where the system names it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from studyplanner.core.cards.learner_day import learner_day
from studyplanner.local_time import LocalClock, system_zone


@pytest.mark.parametrize(
    ("tz", "key"),
    [("Europe/Berlin", "Europe/Berlin"), (":America/New_York", "America/New_York")],
)
def test_the_tz_variable_names_the_zone(tz: str, key: str, tmp_path: Path) -> None:
    assert system_zone({"TZ": tz}, tmp_path / "none") == ZoneInfo(key)


def test_the_zone_file_names_the_zone_by_its_link(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Asia/Kolkata")
    assert system_zone({}, link) == ZoneInfo("Asia/Kolkata")


@pytest.mark.parametrize("tz", ["Nope/Zone", "../../../etc/passwd", "/etc/passwd"])
def test_a_zone_that_is_not_one_gives_none(tz: str, tmp_path: Path) -> None:
    assert system_zone({"TZ": tz}, tmp_path / "none") is None


def test_a_zone_file_that_is_no_link_gives_none(tmp_path: Path) -> None:
    plain = tmp_path / "localtime"
    plain.write_bytes(b"TZif")
    assert system_zone({}, plain) is None
    elsewhere = tmp_path / "link"
    elsewhere.symlink_to(tmp_path / "somewhere" / "else")
    assert system_zone({}, elsewhere) is None


def test_the_clock_keeps_todays_offset_until_it_has_found_the_zone() -> None:
    clock = LocalClock()
    before = clock.now()
    assert isinstance(before.tzinfo, timezone)  # a fixed offset
    clock.settle({"TZ": "Europe/Berlin"})
    assert clock.now().tzinfo == ZoneInfo("Europe/Berlin")
    assert abs(clock.now() - before) < timedelta(minutes=1)


def test_with_the_zones_rules_a_review_day_holds_across_a_change_of_clock() -> None:
    # 02:30 UTC on 1 July is 04:30 in Berlin's summer (the 1st's review day); today's
    # winter offset (+01:00) would make it 03:30 and put it on 30 June.
    summer = datetime(2026, 7, 1, 2, 30, tzinfo=UTC)
    assert learner_day(summer, ZoneInfo("Europe/Berlin")).day == 1
    assert learner_day(summer, timezone(timedelta(hours=1))).day == 30
