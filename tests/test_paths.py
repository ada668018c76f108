"""Where the app keeps its files."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from platformdirs import user_data_dir

from studyplanner.paths import (
    DATA_DIR_ENV,
    PORTABLE_MARKER,
    DataDirError,
    add_common_options,
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


def test_an_empty_option_is_an_error_not_the_default(tmp_path: Path) -> None:
    with pytest.raises(DataDirError, match="--data-dir is empty: name a folder"):
        resolve_data_dir("", {DATA_DIR_ENV: str(tmp_path)})


@pytest.mark.parametrize("value", ["", "  "])
def test_the_parser_refuses_an_empty_data_dir(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="studyplanner")
    add_common_options(parser, "check")
    with pytest.raises(SystemExit) as stop:
        parser.parse_args(["--data-dir", value])
    assert stop.value.code == 2
    assert "argument --data-dir: it is empty: name a folder" in capsys.readouterr().err


def test_the_parser_refuses_a_file_as_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("")
    parser = argparse.ArgumentParser(prog="studyplanner")
    add_common_options(parser, "check")
    with pytest.raises(SystemExit):
        parser.parse_args(["--data-dir", str(file)])
    assert f"argument --data-dir: '{file}' is not a folder" in capsys.readouterr().err
    # A folder that does not exist yet is fine: the app makes it.
    assert parser.parse_args(["--data-dir", str(tmp_path / "new")]).data_dir == str(
        tmp_path / "new"
    )


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
