"""Telling the learner about problems: theirs shown plainly, ours as a crash report."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from studyplanner import __version__
from studyplanner.core.planning.planner import PlanningError
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.interop.anki_text import CardFileError
from studyplanner.storage.errors import StorageError
from studyplanner.storage.store import RoadmapConflictError
from studyplanner.ui.common.safe_text import message_box

# Problems caused by files, disks or input, which the learner can act on.
EXPECTED = (
    RoadmapError,
    StorageError,
    PlanningError,
    RoadmapConflictError,
    CardFileError,
    OSError,
)


def show_problem(parent: QWidget | None, title: str, error: BaseException) -> None:
    """Report an expected problem with a plain message; anything else is a crash."""
    if not isinstance(error, EXPECTED):
        show_crash(type(error), error, error.__traceback__)
        return
    box = message_box(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    if isinstance(error, RoadmapError):
        lines = [str(p) for p in error.problems]
        box.setInformativeText(
            f"The file has {len(lines)} problem{'s' if len(lines) != 1 else ''}. "
            "Nothing was changed."
        )
        box.setDetailedText("\n".join(lines))
        box.setText(f"{title}\n\n" + "\n".join(lines[:5]) + ("\n…" if len(lines) > 5 else ""))
    elif isinstance(error, OSError):
        box.setInformativeText(f"{error.strerror or error}: {error.filename or ''}".strip(": "))
    else:
        box.setInformativeText(str(error))
    box.setAccessibleName(title)
    box.exec()


def show_crash(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Our bug: say so, and give the details to copy into a report."""
    details = "".join(traceback.format_exception(kind, error, tb))
    print(details, file=sys.stderr)
    if QApplication.instance() is None:
        return
    box = message_box(QMessageBox.Icon.Critical, "Study Planner hit a bug", "")
    box.setText("Something went wrong inside Study Planner. This is our bug, not yours.")
    box.setInformativeText(
        "Your saved data is safe: every change is written as a whole or not at all. "
        "Please report the details below."
    )
    box.setDetailedText(f"Study Planner {__version__}\n\n{details}")
    box.exec()


def install_crash_handler() -> None:
    """Route uncaught exceptions to the crash dialog instead of killing the app."""
    sys.excepthook = show_crash
