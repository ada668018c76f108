"""studyplanner-cli plan: output, exports, saving and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from studyplanner.cli.main import main
from studyplanner.storage.store import Store
from tests.conftest import MONDAY
from tests.roadmaps import CATALOGUE, DATA_ENGINEER, ML_ENGINEER

WEEK = "mon=60,tue=60,wed=60,thu=60,fri=60,sat=0,sun=0"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line's exit code, output and errors; the test roadmaps are known by id."""
    code = main(list(args), CATALOGUE)
    out, err = capsys.readouterr()
    return code, out, err


def plan_small(
    capsys: pytest.CaptureFixture[str], path: Path, *extra: str, weekly: str = WEEK
) -> tuple[int, str, str]:
    """Plan the small roadmap file from Monday 2 March 2026."""
    return run(capsys, "plan", str(path), "--start", "2026-03-02", "--weekly", weekly, *extra)


@pytest.fixture
def small_file(tmp_path: Path, small_roadmap_text: str) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(small_roadmap_text)
    return path


def test_json_output(capsys: pytest.CaptureFixture[str], small_file: Path) -> None:
    code, out, err = plan_small(capsys, small_file, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["finish"] == "2026-05-05"
    assert data["total_minutes"] == 360
    assert data["finish_dates"] == {
        "optimistic": "2026-04-04",
        "expected": "2026-05-05",
        "late": "2026-06-08",
    }
    assert data["sessions"][0] == {
        "date": "2026-03-02",
        "start": None,
        "minutes": 60,
        "topic": "python",
        "stage": "basics",
        "kind": "study",
        "key": "python/1",
        "title": "Python",
    }
    assert data["sessions"][4]["kind"] == "certification"
    assert data["milestones"] == [
        {"date": "2026-03-06", "title": "Finish: Basics", "kind": "stage_end", "stage": "basics"},
        {
            "date": "2026-03-13",
            "title": "Exam: A certificate",
            "kind": "certification",
            "stage": "basics",
        },
        {"date": "2026-05-05", "title": "Finish: On the job", "kind": "stage_end", "stage": "job"},
    ]
    assert data["warnings"] == []
    assert data["target"] is None


def test_the_same_input_gives_the_same_bytes(capsys: pytest.CaptureFixture[str]) -> None:
    args = (
        "plan",
        ML_ENGINEER,
        "--start",
        "2026-01-05",
        "--weekly",
        "mon=90,tue=0,wed=60,thu=0,fri=0,sat=180,sun=120",
        "--off",
        "2026-08-01:2026-08-14",
        "--json",
    )
    first = run(capsys, *args)
    second = run(capsys, *args)
    assert first == second
    assert first[0] == 0
    assert json.loads(first[1])["sessions"][0]["key"] == "the-ml-engineer-role/1"


def test_readable_summary(capsys: pytest.CaptureFixture[str], small_file: Path) -> None:
    code, out, _ = plan_small(capsys, small_file)
    assert code == 0
    assert out.splitlines()[:5] == [
        "Small roadmap: 6 sessions, 6 h of study, 2026-03-02 to 2026-05-05",
        "Finish dates: optimistic 2026-04-04, expected 2026-05-05, late 2026-06-08",
        "Week of 2026-03-02: 5 sessions, 300 min: Python (180 min), SQL (60 min), "
        "Exam practice (60 min)",
        "  2026-03-06 Finish: Basics",
        "Week of 2026-03-09: 1 session, 60 min: MLOps (60 min)",
    ]


def test_days_off_and_session_length(capsys: pytest.CaptureFixture[str], small_file: Path) -> None:
    code, out, _ = plan_small(
        capsys,
        small_file,
        "--off",
        "2026-03-09",
        "--max-session",
        "45",
        "--json",
        weekly="mon=120",
    )
    assert code == 0
    sessions = json.loads(out)["sessions"]
    assert [(s["date"], s["minutes"]) for s in sessions[:4]] == [
        ("2026-03-02", 45),
        ("2026-03-02", 45),
        ("2026-03-02", 30),
        ("2026-03-16", 45),
    ]


def test_a_target_that_fits(capsys: pytest.CaptureFixture[str], small_file: Path) -> None:
    code, out, _ = plan_small(
        capsys,
        small_file,
        "--until",
        "2026-05-20",
        "--json",
    )
    data = json.loads(out)
    assert code == 0
    assert data["finish"] <= "2026-05-20"
    assert data["target"] == {
        "date": "2026-05-20",
        "met": True,
        "needed_weekly_minutes": None,
        "earliest_finish": "2026-04-04",
    }


def test_an_infeasible_target_exits_3_with_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(
        "format_version: 1\nid: plain\ntitle: Plain\nsource: {name: T}\nyear: 2026\n"
        "stages:\n  - id: s\n    title: S\n    topics:\n"
        "      - {id: a, title: A, effort_hours: {min: 15, max: 15}}\n"
    )
    code, out, err = run(
        capsys,
        "plan",
        str(path),
        "--start",
        "2026-03-02",
        "--weekly",
        WEEK,
        "--until",
        "2026-03-13",
    )
    assert (code, out) == (3, "")
    assert err == (
        "studyplanner-cli plan: The target date 13 March 2026 cannot be met. It needs 450 "
        "minutes of study a week. At the current availability the earliest finish is "
        "20 March 2026.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--weekly", "mon=90,funday=3"), "'funday=3' should be a weekday and minutes"),
        (("--weekly", "mon=lots"), "'lots' in 'mon=lots' is not a number"),
        (("--weekly", "mon=2000"), "mon=2000: minutes must be between 0 and 1440"),
        (("--weekly", WEEK, "--off", "2026-03-10:2026-03-01"), "ends before it starts"),
        (("--weekly", WEEK, "--pace", "slow"), "invalid choice: 'slow'"),
        (("--weekly", WEEK, "--pace", "fast", "--until", "2027-01-01"), "not allowed with"),
    ],
)
def test_bad_arguments_exit_2_naming_them(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["plan", DATA_ENGINEER, "--start", "2026-03-02", *args], CATALOGUE)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_an_unknown_roadmap_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "plan", "nope", "--start", "2026-03-02", "--weekly", WEEK)
    assert code == 2
    assert err == (
        "studyplanner-cli plan: 'nope' is neither a bundled roadmap (data-engineer, ml-engineer) "
        "nor a file\n"
    )


def test_a_broken_roadmap_file_exits_2_with_its_line(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    small_file.write_text(small_file.read_text().replace("year: 2026", "year: soon"))
    code, _, err = plan_small(capsys, small_file)
    assert code == 2
    assert err.startswith("small.yaml:6:1: year: input should be a valid integer")


def test_a_target_before_the_start_exits_2(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    code, _, err = plan_small(
        capsys,
        small_file,
        "--until",
        "2026-01-01",
    )
    assert code == 2
    assert "the target date 2026-01-01 is before the start 2026-03-02" in err


def ics_events(path: Path) -> dict[str, str]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(event["UID"]): event.decoded("DTSTART").isoformat() for event in calendar.walk("VEVENT")
    }


def test_ics_export_has_stable_uids(
    capsys: pytest.CaptureFixture[str], small_file: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    base = ("plan", str(small_file), "--start", "2026-03-02", "--weekly", WEEK)
    assert run(capsys, *base, "--ics", str(first))[0] == 0
    assert run(capsys, *base, "--off", "2026-03-03", "--ics", str(second))[0] == 0
    before, after = ics_events(first), ics_events(second)
    assert len(before) == 6 + 3
    assert before.keys() == after.keys()  # the same events, so calendars update them
    uid = "small.20260302.python/2@studyplanner"
    assert (before[uid], after[uid]) == ("2026-03-03", "2026-03-04")
    assert "small.20260302.stage:job@studyplanner" in before


def test_save_then_list(
    capsys: pytest.CaptureFixture[str], small_file: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    code, _, _ = plan_small(
        capsys,
        small_file,
        "--save",
        "--name",
        "Evenings",
        "--data-dir",
        str(data),
    )
    assert code == 0
    listing = "1\tEvenings\t2026-03-02 to 2026-05-05\t6 sessions\n"
    assert run(capsys, "--data-dir", str(data), "plans")[:2] == (0, listing)
    assert run(capsys, "plans", "--data-dir", str(data))[:2] == (0, listing)


def test_a_roadmap_known_by_id_is_saved_as_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    args = ("plan", DATA_ENGINEER, "--start", "2026-03-02", "--weekly", WEEK)
    assert run(capsys, *args, "--save", "--data-dir", str(data))[0] == 0
    store = Store.open(data, CATALOGUE)
    try:
        [plan] = store.plans()
        entries = [(e.roadmap.id, e.origin) for e in store.roadmaps()]
    finally:
        store.close()
    assert (plan.name, plan.roadmap_id, plan.start) == ("Data Engineer", DATA_ENGINEER, MONDAY)
    # Not kept as an imported copy beside the catalogue's own.
    assert entries == [(DATA_ENGINEER, "bundled"), (ML_ENGINEER, "bundled")]


def test_start_times_known_topics_certifications_and_review(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    code, out, err = plan_small(
        capsys,
        small_file,
        "--known",
        "python",
        "--cert",
        "cert",
        "--review",
        "15",
        "--json",
        weekly="mon=90@18:00,tue=90@07:15",
    )
    assert (code, err) == (0, "")
    sessions = json.loads(out)["sessions"]
    # Python is known; review takes the first 15 of each day's 90 minutes, so study starts at
    # 18:15 and 07:30 with 75 minutes to fill.
    assert [(s["date"], s["start"], s["minutes"], s["topic"]) for s in sessions[:4]] == [
        ("2026-03-02", "18:15", 60, "sql"),
        ("2026-03-02", "19:15", 15, "cert-prep"),
        ("2026-03-03", "07:30", 45, "cert-prep"),
        ("2026-03-03", "08:15", 30, "mlops"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--known", "cobol"), "--known cobol: the roadmap has no topic with that id"),
        (("--cert", "nope"), "--cert nope: the roadmap has no certification with that id"),
    ],
)
def test_unknown_ids_exit_2(
    capsys: pytest.CaptureFixture[str], small_file: Path, args: tuple[str, ...], message: str
) -> None:
    code, _, err = run(
        capsys, "plan", str(small_file), "--start", "2026-03-02", "--weekly", WEEK, *args
    )
    assert code == 2
    assert message in err


def test_a_bad_start_time(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(
            ["plan", DATA_ENGINEER, "--start", "2026-03-02", "--weekly", "mon=60@25:00"], CATALOGUE
        )
    assert "'25:00' in 'mon=60@25:00' is not a time such as 18:00" in capsys.readouterr().err
