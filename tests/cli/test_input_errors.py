"""Every bad command line is one line on stderr and exit 2, never a traceback or a default."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from studyplanner.cli.main import main
from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.paths import DATA_DIR_ENV
from studyplanner.storage.store import DATABASE_NAME, Store
from tests.conftest import MONDAY
from tests.roadmaps import CATALOGUE, DATA_ENGINEER, by_id

HUGE = "9" * 20
NOW = datetime(2026, 3, 1, 9, 0).astimezone()

START = ("--start", "2026-03-02")
WEEK = ("--weekly", "mon=60,tue=60")
RANGE = "give a date from 1900-01-01 to 9000-12-31"
TOO_LONG = (
    "the plan would take longer than 40 years: give the week more study minutes, "
    "or plan fewer topics, days off or review minutes"
)


def outcome(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int | str | None, str]:
    """The exit status (returned, or raised by the argument parser) and what went to stderr."""
    try:
        code: int | str | None = main(list(argv), CATALOGUE)
    except SystemExit as stop:
        code = stop.code
    return code, capsys.readouterr().err


def refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one line a refused command line prints; it must exit 2 and print nothing else."""
    code, err = outcome(capsys, *argv)
    assert code == 2, err
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    return err.removesuffix("\n")


def plan(*extra: str) -> tuple[str, ...]:
    return ("plan", DATA_ENGINEER, *START, *extra)


@pytest.mark.parametrize(
    ("weekly", "message"),
    [
        ("mon=0", "'mon=0' gives no day any study time: give at least one day some minutes"),
        ("mon=0,tue=0,sun=0", "gives no day any study time"),
        ("", "'' gives no day any study time"),
        (",", "',' gives no day any study time"),
        ("mon=-5", "mon=-5: minutes must be between 0 and 1440"),
        ("mon=1441", "mon=1441: minutes must be between 0 and 1440"),
        ("funday=3", "'funday=3' should be a weekday and minutes, such as mon=90"),
        ("monkey=30", "'monkey=30' should be a weekday and minutes"),
        ("mo=30", "'mo=30' should be a weekday and minutes"),
        ("mon=60,monday=30", "'monday=30': mon is given twice; name it once"),
        ("mon=60,mon=60", "'mon=60': mon is given twice; name it once"),
    ],
)
def test_a_bad_week_is_refused_naming_it(
    capsys: pytest.CaptureFixture[str], weekly: str, message: str
) -> None:
    line = refusal(capsys, *plan("--weekly", weekly))
    assert line.startswith("studyplanner-cli plan: argument --weekly: ")
    assert message in line


def test_weekdays_may_be_spelt_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = outcome(capsys, *plan("--weekly", "Tues=60,thursday=30,SAT=90", "--json"))
    assert (code, err) == (0, "")


def test_a_plan_over_40_years_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert refusal(capsys, *plan("--weekly", "mon=1")) == f"studyplanner-cli plan: {TOO_LONG}"


def roadmap_file(tmp_path: Path, topic_hours: int, stage_years: int | None = None) -> Path:
    duration = (
        f"    duration: {{min: {stage_years}, max: {stage_years}, unit: years}}\n"
        if stage_years
        else ""
    )
    path = tmp_path / "long.yaml"
    path.write_text(
        "format_version: 1\nid: long\ntitle: Long\nsource: {name: T}\nyear: 2026\n"
        f"stages:\n  - id: s\n    title: S\n{duration}    topics:\n"
        f"      - {{id: a, title: A, effort_hours: {{min: {topic_hours}, max: {topic_hours}}}}}\n"
    )
    return path


@pytest.mark.parametrize(
    ("topic_hours", "stage_years", "extra"),
    [
        (5000, None, ()),  # 5,000 weeks of an hour a week
        (5000, None, ("--until", "2030-01-01")),  # the target check plans it too
        (1, 41, ()),  # a time-based stage longer than the horizon
        (1, 99, ("--start", "9000-12-31")),  # ... and near the last date too
    ],
)
def test_a_roadmap_that_needs_more_than_40_years_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    topic_hours: int,
    stage_years: int | None,
    extra: tuple[str, ...],
) -> None:
    path = roadmap_file(tmp_path, topic_hours, stage_years)
    line = refusal(capsys, "plan", str(path), *START, "--weekly", "mon=60", *extra)
    assert line == f"studyplanner-cli plan: {TOO_LONG}"


@pytest.mark.parametrize(
    ("argv", "option", "value"),
    [
        (("plan", DATA_ENGINEER, "--start", "9999-12-01", *WEEK), "--start", "9999-12-01"),
        (("plan", DATA_ENGINEER, "--start", "1899-12-31", *WEEK), "--start", "1899-12-31"),
        (plan(*WEEK, "--until", "9999-12-31"), "--until", "9999-12-31"),
        (plan(*WEEK, "--off", "2026-03-02:9999-12-31"), "--off", "9999-12-31"),
        (plan(*WEEK, "--off", "9001-01-01"), "--off", "9001-01-01"),
        (("replan", "1", "--today", "9999-12-31"), "--today", "9999-12-31"),
        (("export", "--pdf", "week.pdf", "--week", "9999-12-31"), "--week", "9999-12-31"),
    ],
)
def test_dates_the_app_cannot_plan_with_are_refused(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], option: str, value: str
) -> None:
    line = refusal(capsys, *argv)
    assert line.endswith(
        f": argument {option}: {value} is outside the dates the app plans with: {RANGE}"
    )


@pytest.mark.parametrize("start", ["1900-01-01", "9000-12-31"])
def test_the_first_and_last_plannable_dates_plan(
    capsys: pytest.CaptureFixture[str], start: str
) -> None:
    code, err = outcome(capsys, "plan", DATA_ENGINEER, "--start", start, *WEEK, "--json")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--max-session", "0", "'0' should be whole minutes from 5 to 1440"),
        ("--max-session", HUGE, f"'{HUGE}' should be whole minutes from 5 to 1440"),
        ("--review", "-1", "'-1' should be whole minutes from 0 to 1440"),
        ("--review", "lots", "'lots' should be whole minutes from 0 to 1440"),
        ("--ics", "", "the file name is empty: name the file to write"),
    ],
)
def test_bad_numbers_and_empty_names_are_refused(
    capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    line = refusal(capsys, *plan(*WEEK, option, value))
    assert line == f"studyplanner-cli plan: argument {option}: {message}"


@pytest.mark.parametrize("number", ["99999999999999999999999", str(2**63), "0", "-1", "one"])
def test_a_plan_number_outside_sqlite_integers_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, number: str
) -> None:
    line = refusal(capsys, "replan", number, "--data-dir", str(tmp_path))
    assert line == (
        f"studyplanner-cli replan: argument PLAN: '{number}' is not a plan number: "
        "give the number the plans command lists"
    )


def test_the_largest_plan_number_is_looked_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    number = str(2**63 - 1)
    line = refusal(capsys, "replan", number, "--data-dir", str(tmp_path))
    assert line == f"studyplanner-cli replan: there is no plan {number}: see the plans command"


def test_an_empty_data_dir_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(capsys, "--data-dir", "", "plans")
    assert line == (
        "studyplanner-cli: argument --data-dir: it is empty: name a folder, "
        "or leave --data-dir out to use the usual one"
    )
    line = refusal(capsys, "plans", "--data-dir", "")
    assert line.startswith("studyplanner-cli plans: argument --data-dir: it is empty")


def test_a_data_dir_that_is_a_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine")
    line = refusal(capsys, "plans", "--data-dir", str(file))
    assert (
        line
        == f"studyplanner-cli plans: argument --data-dir: '{file}' is not a folder: name a folder"
    )
    assert file.read_text() == "mine"


@pytest.mark.parametrize("command", [("plans",), ("check",), ("backup",), ("milestones",)])
def test_a_data_folder_variable_naming_a_file_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine")
    monkeypatch.setenv(DATA_DIR_ENV, str(file))
    line = refusal(capsys, *command)
    assert line == (
        f"studyplanner-cli: the data folder {file} is not a folder: name a folder with "
        f"--data-dir or ${DATA_DIR_ENV}"
    )
    assert file.read_text() == "mine"


def test_a_plan_of_known_topics_only_saves_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    known = [arg for topic in by_id(DATA_ENGINEER).all_topics() for arg in ("--known", topic.id)]
    data = tmp_path / "data"
    code, err = outcome(capsys, *plan(*WEEK, *known, "--save", "--data-dir", str(data)))
    assert (code, err) == (0, "")
    store = Store.open(data, CATALOGUE)
    try:
        [summary] = store.plans()
        state = store.plan_state(summary.id)
    finally:
        store.close()
    assert (summary.sessions, state.sessions) == (0, ())
    assert state.milestones  # the stages' ends and the exam are still there
    main(plan(*WEEK, *known), CATALOGUE)
    assert "Nothing is left to study: every topic of this plan is known already." in (
        capsys.readouterr().out.splitlines()
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Evenings\x1b[31m", "'Evenings\\x1b[31m' holds control characters"),
        ("Two\nlines", "'Two\\x0alines' holds control characters"),
        ("C1 \x9b31m", "'C1 \\x9b31m' holds control characters"),
        ("right-to-left \u202e", "'right-to-left \\u202e' holds control characters"),
        ("   ", "it is empty: give some text"),
        ("x" * 201, "it is 201 characters long: keep it to 200"),
    ],
)
def test_names_with_control_characters_or_too_long_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str, message: str
) -> None:
    data = tmp_path / "data"
    line = refusal(capsys, *plan(*WEEK, "--save", "--name", value, "--data-dir", str(data)))
    assert line.startswith(f"studyplanner-cli plan: argument --name: {message}")
    assert not data.exists()
    line = refusal(capsys, "cards", "import", str(tmp_path), "--deck", value)
    assert line.startswith("studyplanner-cli cards import: argument")


def test_a_name_of_200_characters_is_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    name = "é" * 200
    assert (
        outcome(capsys, *plan(*WEEK, "--save", "--name", name, "--data-dir", str(tmp_path)))[0] == 0
    )
    assert main(["plans", "--data-dir", str(tmp_path)], CATALOGUE) == 0
    assert capsys.readouterr().out.split("\t")[1] == name


def test_typed_text_is_echoed_with_its_escapes_shown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = refusal(capsys, *plan(*WEEK, "--known", "\x1b]0;owned\x07"))
    assert line == (
        "studyplanner-cli plan: --known \\x1b]0;owned\\x07: the roadmap has no topic with that id"
    )
    assert "\x1b" not in refusal(capsys, *plan("--weekly", "mon=\x1b[2J"))


def test_stored_names_are_listed_with_their_escapes_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = PlanRequest(by_id(DATA_ENGINEER), MONDAY, WeeklyAvailability.uniform(60))
    store = Store.open(tmp_path, CATALOGUE)
    try:
        store.create_plan("Bad\x1b[31m\tname", request, make_plan(request), NOW)
    finally:
        store.close()
    assert main(["plans", "--data-dir", str(tmp_path)], CATALOGUE) == 0
    assert capsys.readouterr().out.startswith("1\tBad\\x1b[31m\\x09name\t")
    assert outcome(capsys, "milestones", "--plan", "nope", "--data-dir", str(tmp_path)) == (
        2,
        "studyplanner-cli: no plan is called 'nope'; the plans: 1 (Bad\\x1b[31m\\x09name)\n",
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("plan", "", *START, *WEEK), "studyplanner-cli plan: '' is neither a bundled roadmap"),
        (
            ("cards", "export", "", "--csv", "x.csv"),
            "studyplanner-cli: the roadmap is empty: give a bundled roadmap's id",
        ),
        (("validate", ""), "studyplanner-cli validate: argument file: the file name is empty"),
        (("restore", ""), "studyplanner-cli: there is no backup called '': see backup --list"),
    ],
)
def test_empty_strings_are_named(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, err = outcome(capsys, *argv)
    assert code in (1, 2)
    assert err.count("\n") == 1, err
    assert err.startswith(message)


LONG_NAME = "x" * 5000


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ("plan", f"{LONG_NAME}.yaml", *START, *WEEK),
            2,
            "x" * 77 + "...: cannot read the file: it cannot be read (File name too long)",
        ),
        (
            ("restore", LONG_NAME),
            2,
            f"studyplanner-cli: there is no backup called '{'x' * 77}...': see backup --list",
        ),
        (
            ("plan", DATA_ENGINEER, *START, *WEEK, "--ics", "a\0b"),
            2,
            "studyplanner-cli plan: argument --ics: 'a\\x00b' holds a NUL character, which no "
            "file name can: name another file",
        ),
        (
            ("--data-dir", "a\0b", "plans"),
            2,
            "studyplanner-cli: argument --data-dir: 'a\\x00b' holds a NUL character, which no "
            "folder name can: name another folder",
        ),
        (
            ("plan", DATA_ENGINEER, *START, "--weekly", "mon=60@18:00+05:00"),
            2,
            "studyplanner-cli plan: argument --weekly: '18:00+05:00' in 'mon=60@18:00+05:00' "
            "is not a time such as 18:00",
        ),
    ],
)
def test_odd_names_and_values_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], code: int, message: str
) -> None:
    found, err = outcome(capsys, *argv)
    assert found == code
    assert err.count("\n") == 1, err
    assert err == f"{message}\n"


def test_a_data_folder_inside_a_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine")
    for command in ("plans", "check", "backup", "milestones"):
        code, err = outcome(capsys, command, "--data-dir", str(file / "data" / "sub"))
        assert code == 2, command
        assert err == (
            f"studyplanner-cli: the data folder {file / 'data' / 'sub'} is inside a file, "
            f"{file}: name a folder with --data-dir or $STUDYPLANNER_DATA_DIR\n"
        )


def test_a_roadmap_revision_too_large_for_sqlite_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = roadmap_file(tmp_path, topic_hours=1)
    path.write_text(path.read_text().replace("year: 2026", f"year: 2026\nrevision: {2**63}"))
    data = tmp_path / "data"
    line = refusal(capsys, "plan", str(path), *START, *WEEK, "--save", "--data-dir", str(data))
    # The roadmap format itself caps the revision at what SQLite can store.
    assert line == (
        "long.yaml:6:1: revision: input should be less than or equal to 9223372036854775807 "
        f"(found {2**63})"
    )
    assert not (data / DATABASE_NAME).exists()


def test_an_output_file_inside_a_file_names_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("mine")
    code, err = outcome(
        capsys, "plan", DATA_ENGINEER, *START, *WEEK, "--ics", str(blocker / "x.ics")
    )
    assert code == 2
    assert err.endswith(f"{blocker} is a file, not a folder: name a file in a folder\n")
