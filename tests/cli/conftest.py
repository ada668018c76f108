"""The command line's shared fixture: a data folder holding one saved plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyplanner.cli.main import main

PLAIN = (
    "format_version: 1\nid: plain\ntitle: Plain\nsource: {name: T}\nyear: 2026\n"
    "stages:\n  - id: s\n    title: S\n    topics:\n"
    "      - {id: a, title: A, effort_hours: {min: 10, max: 10}}\n"
    "      - {id: b, title: B, effort_hours: {min: 5, max: 5}, optional: true}\n"
)


@pytest.fixture
def saved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data folder holding plan 1: Plain, an hour each weekday, due by 20 March 2026."""
    roadmap = tmp_path / "plain.yaml"
    roadmap.write_text(PLAIN)
    data = tmp_path / "data"
    assert (
        main(
            [
                "plan",
                str(roadmap),
                "--start",
                "2026-03-02",
                "--weekly",
                "mon=60,tue=60,wed=60,thu=60,fri=60",
                "--until",
                "2026-03-20",
                "--save",
                "--data-dir",
                str(data),
            ]
        )
        == 0
    )
    capsys.readouterr()
    return data
