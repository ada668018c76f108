"""File → Export from the app: .ics, CSV, and the problems week or month as PDF."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from pytestqt.qtbot import QtBot

from studyplanner.storage.store import Store
from studyplanner.ui.controllers.export import month_weeks
from tests.ui.conftest import Problems, open_window, settle


def test_exports_write_whole_files(
    qtbot: QtBot, store: Store, cards_plan: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, store)
    with qtbot.waitSignal(window.plan_export.exported) as done:
        window.plan_export.export_plan("ics", tmp_path / "plan.ics")
    assert done.args == ["Exported Cards to plan.ics."]
    calendar = Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) > 0
    window.plan_export.export_plan("csv", tmp_path / "plan.csv")
    settle(qtbot, window)
    assert (tmp_path / "plan.csv").read_text(encoding="utf-8").startswith("date,start,kind,")
    with qtbot.waitSignal(window.plan_export.exported) as done:
        window.plan_export.export_pdf("month", tmp_path / "march.pdf")
    pages = len(re.findall(rb"/Type\s*/Page\b", (tmp_path / "march.pdf").read_bytes()))
    assert pages == len(month_weeks(2026, 3, window.week_model.first_weekday)) == 6
    assert done.args == ["Exported 6 weeks to march.pdf."]
    window.plan_export.export_pdf("week", tmp_path / "week.pdf")
    settle(qtbot, window)
    assert len(re.findall(rb"/Type\s*/Page\b", (tmp_path / "week.pdf").read_bytes())) == 1
    exported = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".csv", ".ics"))
    assert exported == ["march.pdf", "plan.csv", "plan.ics", "week.pdf"]  # no temporary files


def test_an_unwritable_place_is_reported(
    qtbot: QtBot, store: Store, cards_plan: int, tmp_path: Path, problems: Problems
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    window = open_window(qtbot, store)
    window.plan_export.export_plan("csv", out / "no-such-folder" / "plan.csv")
    window.plan_export.export_pdf("week", out / "no-such-folder" / "week.pdf")
    (out / "plan.ics").mkdir()
    window.plan_export.export_plan("ics", out / "plan.ics")
    settle(qtbot, window)
    assert problems == [
        (
            "plan.csv could not be written",
            f"cannot write plan.csv: the folder {out / 'no-such-folder'} does not exist",
        ),
        (
            "week.pdf could not be written",
            f"cannot write week.pdf: the folder {out / 'no-such-folder'} does not exist",
        ),
        (
            "plan.ics could not be written",
            f"cannot write plan.ics: {out / 'plan.ics'} is a folder; choose a file name",
        ),
    ]
    assert [p.name for p in out.iterdir()] == ["plan.ics"]  # the folder, left as it was


def test_exports_leave_nothing_in_the_system_temporary_folder(
    qtbot: QtBot,
    store: Store,
    cards_plan: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    system_temp, out = tmp_path / "system-temp", tmp_path / "out"
    system_temp.mkdir()
    out.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_temp))
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    window = open_window(qtbot, store)
    for kind in ("ics", "csv"):
        with qtbot.waitSignal(window.plan_export.exported):
            window.plan_export.export_plan(kind, out / f"plan.{kind}")
    with qtbot.waitSignal(window.plan_export.exported):
        window.plan_export.export_pdf("week", out / "week.pdf")
    assert list(system_temp.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["plan.csv", "plan.ics", "week.pdf"]


def test_month_weeks() -> None:

    assert month_weeks(2026, 3, 0) == [
        date(2026, 2, 23) + __import__("datetime").timedelta(weeks=n) for n in range(6)
    ]
