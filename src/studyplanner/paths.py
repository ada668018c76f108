"""Where the app keeps its files, and the options both entry points share."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

from studyplanner import __version__

DATA_DIR_ENV = "STUDYPLANNER_DATA_DIR"


def resolve_data_dir(option: str | None, environ: Mapping[str, str]) -> Path:
    """The data folder: ``--data-dir``, else $STUDYPLANNER_DATA_DIR, else the platform's."""
    if option:
        return Path(option).expanduser()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser()
    return Path(user_data_dir("StudyPlanner", appauthor=False))


def add_common_options(parser: argparse.ArgumentParser, self_test_help: str) -> None:
    """--version, --data-dir and --self-test, as both entry points take them."""
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="keep every file of the app in DIR")
    parser.add_argument("--self-test", action="store_true", help=self_test_help)


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    """--data-dir on a subcommand too, without overriding one given before it."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep every file of the app in DIR",
    )
