"""studyplanner-cli export: iCalendar read back with icalendar, CSV, and a weekly PDF."""

from __future__ import annotations

import csv
import errno
import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from studyplanner.cli.main import main
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, SMALL_ROADMAP
from tests.roadmaps import CATALOGUE
from tests.storage.test_store import plan_small


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = Store.open(folder, CATALOGUE)
    plan_id = plan_small(store, parse_roadmap(SMALL_ROADMAP), "Evenings")
    first = store.sessions_between(plan_id, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(plan_id, first.key, status=SessionStatus.DONE)
    store.close()
    return folder


def events(path: Path) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Study Planner")
    return [dict(event) for event in calendar.walk("VEVENT")]


def test_ics_uids_are_unique_and_stable_across_exports(data: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert main(["export", "--ics", str(first), "--data-dir", str(data)]) == 0
    assert (
        main(["export", "--plan", "Evenings", "--ics", str(second), "--data-dir", str(data)]) == 0
    )
    a, b = events(first), events(second)
    uids = [str(e["UID"]) for e in a]
    assert len(uids) == len(set(uids)) == 6 + 3  # six sessions, three milestones
    assert uids == [str(e["UID"]) for e in b]
    assert all("DTSTAMP" in e for e in a)
    store = Store.open(data, CATALOGUE)
    sessions = store.sessions_between(1, MONDAY, MONDAY + timedelta(days=400))
    store.close()
    by_uid = {str(e["UID"]): e for e in a}
    for session in sessions:
        event = by_uid[f"small.20260302.{session.key}@studyplanner"]
        start = event["DTSTART"].dt  # type: ignore[attr-defined]
        end = event["DTEND"].dt  # type: ignore[attr-defined]
        if session.start_time is None:
            assert (start, end) == (session.day, session.day + timedelta(days=1))
        else:
            expected = datetime.combine(session.day, session.start_time)
            assert (start, end) == (expected, expected + timedelta(minutes=session.minutes))


def test_csv_has_a_row_per_session_and_milestone(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    assert main(["export", "--csv", str(target), "--data-dir", str(data)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 9
    assert rows[0] == {
        "date": "2026-03-02",
        "start": "",
        "kind": "session",
        "title": "Python",
        "stage": "Basics",
        "minutes": "60",
        "status": "done",
        "actual_minutes": "",
        "locked": "no",
        "key": "python/1",
    }
    assert [r["kind"] for r in rows if r["kind"] != "session"] == [
        "stage_end",
        "certification",
        "stage_end",
    ]


def test_a_weekly_pdf_has_one_page(data: Path, tmp_path: Path, qapp: object) -> None:
    # ``qapp``: the test process's QApplication, made first so the command reuses it rather
    # than making the plain QGuiApplication it makes on its own.
    target = tmp_path / "week.pdf"
    args = ["export", "--pdf", str(target), "--week", "2026-03-04", "--data-dir", str(data)]
    assert main(args) == 0
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", content)) == 1


def test_a_target_in_a_missing_folder_exits_2_naming_it(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "plan.csv"
    with pytest.raises(SystemExit) as stop:
        main(["export", "--csv", str(target), "--data-dir", str(data)])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        f"studyplanner-cli export: argument --csv: the folder {target.parent} does not exist: "
        "create it, or name a file elsewhere\n"
    )


@pytest.mark.parametrize("option", ["--ics", "--csv", "--pdf"])
def test_a_folder_as_target_exits_2_naming_it(
    data: Path, tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["export", option, str(tmp_path), "--data-dir", str(data)])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        f"studyplanner-cli export: argument {option}: {tmp_path} is a folder: "
        "name a file inside it\n"
    )


def test_an_unwritable_target_exits_1_naming_it(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("the old export")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)
    monkeypatch.setattr(Path, "write_bytes", refuse)
    assert main(["export", "--csv", str(target), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("studyplanner-cli export: cannot write ")
    assert "plan.csv" in err
    assert err.count("\n") == 1
    assert target.read_bytes() == b"the old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "plan.csv"]
