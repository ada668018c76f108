"""studyplanner-cli: roadmaps, validate, plans, schema and the self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studyplanner import __version__
from studyplanner.cli.main import main
from studyplanner.core.roadmap.loader import bundled_roadmaps
from tests.roadmaps import CATALOGUE


def test_roadmaps_lists_id_and_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roadmaps"], CATALOGUE) == 0
    assert capsys.readouterr().out == (
        "data-engineer\tData Engineer\nml-engineer\tMachine Learning Engineer\n"
    )


def test_roadmaps_lists_the_bundled_ones_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roadmaps"]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert listed == [[r.id, r.title] for r in bundled_roadmaps()]


def test_validate_accepts_a_good_file(
    tmp_path: Path, small_roadmap_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(small_roadmap_text)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == "good.yaml: valid (2 stages, 4 topics, 1 cards)\n"


def test_validate_reports_problems_on_stderr_with_exit_2(
    tmp_path: Path, small_roadmap_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(small_roadmap_text.replace("year: 2026", "year: soon"))
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "bad.yaml:6:1: year: input should be a valid integer, unable to parse string as an "
        "integer (found 'soon')\n"
    )


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"studyplanner-cli {__version__}\n"


def test_plans_uses_the_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "plans"]) == 0
    assert capsys.readouterr().out == ""
    assert not (tmp_path / "studyplanner.sqlite3").exists()  # listing plans makes no database


def test_plans_explains_a_broken_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "studyplanner.sqlite3").write_bytes(b"not a database" * 200)
    assert main(["--data-dir", str(tmp_path), "plans"]) == 1
    assert "cannot be read as a database" in capsys.readouterr().err


@pytest.mark.slow
def test_self_test_runs_as_a_console_script(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studyplanner.cli.main", "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "STUDYPLANNER_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []  # the self-test never touches the learner's data
    assert result.stdout.splitlines()[-1] == "self-test passed"
    assert f"ok: loaded {len(bundled_roadmaps())} bundled roadmaps" in result.stdout
