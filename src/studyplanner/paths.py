"""Where the app keeps its files, and the options both entry points share."""

from __future__ import annotations

import argparse
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from studyplanner import __version__

DATA_DIR_ENV = "STUDYPLANNER_DATA_DIR"
PORTABLE_MARKER = "portable"
PORTABLE_DATA = "data"


class DataDirError(ValueError):
    """The data folder named cannot be used; the message is one line saying what to do."""


def data_dir_option(text: str) -> str:
    """A ``--data-dir`` value: not empty, and not the name of something other than a folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "it is empty: name a folder, or leave --data-dir out to use the usual one"
        )
    if "\0" in text:
        raise argparse.ArgumentTypeError(
            f"{text!r} holds a NUL character, which no folder name can: name another folder"
        )
    try:
        mode: int | None = Path(text).expanduser().stat().st_mode
    except (OSError, ValueError):
        mode = None  # nothing there yet: the app makes the folder
    if mode is not None and not stat.S_ISDIR(mode):
        raise argparse.ArgumentTypeError(f"{text!r} is not a folder: name a folder")
    return text


def frozen_executable() -> Path | None:
    """The packaged app's executable, or None when running from a Python install."""
    return Path(sys.executable) if getattr(sys, "frozen", False) else None


def app_folder(executable: Path) -> Path:
    """The folder the learner sees the app in: the executable's, or the one holding the .app."""
    folder = executable.resolve().parent
    contents = folder.parent
    if folder.name == "MacOS" and contents.name == "Contents" and contents.parent.suffix == ".app":
        return contents.parent.parent
    return folder


def portable_data_dir(executable: Path | None) -> Path | None:
    """``data/`` beside the packaged app, when a ``portable`` file sits next to it."""
    if executable is None:
        return None
    folder = app_folder(executable)
    return folder / PORTABLE_DATA if (folder / PORTABLE_MARKER).is_file() else None


def resolve_data_dir(
    option: str | None, environ: Mapping[str, str], executable: Path | None = None
) -> Path:
    """``--data-dir``, else $STUDYPLANNER_DATA_DIR, else portable, else the platform's folder.

    ``executable`` is the packaged app's (see ``frozen_executable``); None when run from source.
    An empty ``--data-dir`` is refused (DataDirError); an empty $STUDYPLANNER_DATA_DIR counts
    as unset, as empty environment variables conventionally do.
    """
    if option is not None:
        if not option.strip():
            raise DataDirError("--data-dir is empty: name a folder, or leave the option out")
        return Path(option).expanduser()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser()
    portable = portable_data_dir(executable)
    if portable is not None:
        return portable
    from platformdirs import user_data_dir  # its import costs 4-9 ms: only when needed

    return Path(user_data_dir("StudyPlanner", appauthor=False))


def add_common_options(parser: argparse.ArgumentParser, self_test_help: str) -> None:
    """--version, --data-dir and --self-test, as both entry points take them."""
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", type=data_dir_option, metavar="DIR", help="keep every file of the app in DIR"
    )
    parser.add_argument("--self-test", action="store_true", help=self_test_help)


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    """--data-dir on a subcommand too, without overriding one given before it."""
    parser.add_argument(
        "--data-dir",
        type=data_dir_option,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep every file of the app in DIR",
    )
