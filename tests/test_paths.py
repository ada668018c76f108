"""Where the app keeps its files."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from studyplanner.paths import DATA_DIR_ENV, resolve_data_dir


def test_option_wins_over_environment(tmp_path: Path) -> None:
    env = {DATA_DIR_ENV: str(tmp_path / "env")}
    assert resolve_data_dir(str(tmp_path / "opt"), env) == tmp_path / "opt"


def test_environment_wins_over_default(tmp_path: Path) -> None:
    assert resolve_data_dir(None, {DATA_DIR_ENV: str(tmp_path)}) == tmp_path


def test_default_is_the_platform_data_dir() -> None:
    expected = Path(user_data_dir("StudyPlanner", appauthor=False))
    assert resolve_data_dir(None, {}) == expected
    assert resolve_data_dir(None, {DATA_DIR_ENV: ""}) == expected
