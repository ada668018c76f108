"""studyplanner-cli milestones: text and JSON, and choosing the plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyplanner.cli.main import main
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.storage.store import Store
from tests.conftest import SMALL_ROADMAP
from tests.roadmaps import CATALOGUE
from tests.storage.test_store import plan_small


@pytest.fixture
def data(tmp_path: Path) -> Path:
    store = Store.open(tmp_path, CATALOGUE)
    plan_small(store, parse_roadmap(SMALL_ROADMAP), "Evenings")
    store.close()
    return tmp_path


def test_json_lists_every_milestone_with_its_missing_criteria(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["milestones", "--data-dir", str(data), "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [(r["key"], r["planned"]) for r in reports] == [
        ("stage:basics", "2026-03-06"),
        ("cert:cert", "2026-03-13"),
        ("stage:job", "2026-05-05"),
    ]
    basics = reports[0]
    assert basics["state"] == "missed"  # its date is long past and nothing was done
    assert basics["forecast"] is None  # no pace before any work is logged
    assert [m["criterion"] for m in basics["missing"]] == [
        "study sessions done",
        "cards reviewed at least once",
        "average recall today",
        "practice-quiz score",
    ]


def test_text_and_choosing_a_plan_by_name(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["milestones", "--plan", "evenings", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Evenings: 3 milestones\n2026-03-06  Finish: Basics: missed (planned")
    assert "    missing: study sessions done: 0 of 4, needs all. Do the 4 sessions left" in out
    assert "2026-03-13  Exam: A certificate: missed" in out


def test_an_unknown_plan_exits_2(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["milestones", "--plan", "mornings", "--data-dir", str(data)]) == 2
    assert "no plan is called 'mornings'; the plans: 1 (Evenings)" in capsys.readouterr().err
