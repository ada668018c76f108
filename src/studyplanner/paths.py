"""Where the app keeps its files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

DATA_DIR_ENV = "STUDYPLANNER_DATA_DIR"


def resolve_data_dir(option: str | None, environ: Mapping[str, str]) -> Path:
    """The data folder: ``--data-dir``, else $STUDYPLANNER_DATA_DIR, else the platform's."""
    if option:
        return Path(option).expanduser()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser()
    return Path(user_data_dir("StudyPlanner", appauthor=False))
