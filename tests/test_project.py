"""Project metadata: every package ships, and the entry points are declared."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_source_package_is_listed() -> None:
    source = ROOT / "src"
    found = {
        ".".join(init.parent.relative_to(source).parts) for init in source.rglob("__init__.py")
    }
    found.add("studyplanner.resources")
    listed = set(pyproject()["tool"]["setuptools"]["packages"])  # type: ignore[index]
    assert listed == found


def test_entry_points() -> None:
    project = pyproject()["project"]
    assert project["gui-scripts"] == {"studyplanner": "studyplanner.ui.app:main"}  # type: ignore[index]
    assert project["scripts"] == {"studyplanner-cli": "studyplanner.cli.main:main"}  # type: ignore[index]


def test_pyside6_612_is_excluded_below_python_312() -> None:
    deps = pyproject()["project"]["dependencies"]  # type: ignore[index]
    assert "pyside6>=6.8,<6.12; python_version < '3.12'" in deps  # type: ignore[operator]
