"""Waiting for the serial worker in tests that drive operations without a window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studyplanner.ui.operations.tasks import TaskRunner


def drain(tasks: TaskRunner) -> None:
    """Until every job has run and its result has been delivered on this thread.

    A delivered result may hand the worker the next job, so this goes round until none is left.
    """
    while tasks.busy:
        assert tasks.wait(15000), "the worker did not finish"
        QCoreApplication.sendPostedEvents()
