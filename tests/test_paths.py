"""Where the app keeps its files."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from studyplanner.paths import (
    DATA_DIR_ENV,
    PORTABLE_MARKER,
    app_folder,
    frozen_executable,
    portable_data_dir,
    resolve_data_dir,
)


def test_option_wins_over_environment(tmp_path: Path) -> None:
    env = {DATA_DIR_ENV: str(tmp_path / "env")}
    assert resolve_data_dir(str(tmp_path / "opt"), env) == tmp_path / "opt"


def test_environment_wins_over_default(tmp_path: Path) -> None:
    assert resolve_data_dir(None, {DATA_DIR_ENV: str(tmp_path)}) == tmp_path


def test_default_is_the_platform_data_dir() -> None:
    expected = Path(user_data_dir("StudyPlanner", appauthor=False))
    assert resolve_data_dir(None, {}) == expected
    assert resolve_data_dir(None, {DATA_DIR_ENV: ""}) == expected


def packaged_app(folder: Path, *, portable: bool) -> Path:
    """A fake onedir bundle: the executable, and the marker file if asked for."""
    folder.mkdir(parents=True)
    executable = folder / "StudyPlanner"
    executable.write_bytes(b"")
    if portable:
        (folder / PORTABLE_MARKER).write_text("")
    return executable


def test_a_portable_marker_keeps_the_data_beside_the_executable(tmp_path: Path) -> None:
    executable = packaged_app(tmp_path / "StudyPlanner", portable=True)
    assert resolve_data_dir(None, {}, executable) == tmp_path / "StudyPlanner" / "data"


def test_without_the_marker_the_packaged_app_uses_the_platform_folder(tmp_path: Path) -> None:
    executable = packaged_app(tmp_path / "StudyPlanner", portable=False)
    expected = Path(user_data_dir("StudyPlanner", appauthor=False))
    assert resolve_data_dir(None, {}, executable) == expected


def test_a_folder_named_portable_is_not_the_marker(tmp_path: Path) -> None:
    executable = packaged_app(tmp_path / "StudyPlanner", portable=False)
    (tmp_path / "StudyPlanner" / PORTABLE_MARKER).mkdir()
    assert portable_data_dir(executable) is None


def test_the_option_and_the_environment_win_over_portable_mode(tmp_path: Path) -> None:
    executable = packaged_app(tmp_path / "StudyPlanner", portable=True)
    assert resolve_data_dir(str(tmp_path / "opt"), {}, executable) == tmp_path / "opt"
    env = {DATA_DIR_ENV: str(tmp_path / "env")}
    assert resolve_data_dir(None, env, executable) == tmp_path / "env"


def test_on_macos_the_marker_sits_next_to_the_app_bundle(tmp_path: Path) -> None:
    executable = packaged_app(tmp_path / "StudyPlanner.app" / "Contents" / "MacOS", portable=False)
    (tmp_path / PORTABLE_MARKER).write_text("")
    assert app_folder(executable) == tmp_path
    assert resolve_data_dir(None, {}, executable) == tmp_path / "data"


def test_running_from_source_is_never_portable() -> None:
    assert frozen_executable() is None
    assert portable_data_dir(None) is None
