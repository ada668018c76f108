"""File → Export: the plan as .ics or CSV, and the shown week or month as a PDF, on the worker."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from studyplanner.interop.files import write_bytes_atomically
from studyplanner.interop.plan_csv import plan_to_csv
from studyplanner.printing.week_pdf import weeks_of, weeks_pdf
from studyplanner.storage.queries.views import PlanSummary
from studyplanner.ui.controllers.context import WindowContext

KINDS = {
    "ics": ("Calendar file (*.ics)", ".ics"),
    "csv": ("Spreadsheet (*.csv)", ".csv"),
    "pdf": ("PDF (*.pdf)", ".pdf"),
}


def month_weeks(year: int, month: int, first_weekday: int) -> list[date]:
    """The weeks that hold the days of a month."""
    last = calendar.monthrange(year, month)[1]
    return weeks_of(date(year, month, 1), date(year, month, last), first_weekday)


class PlanExport(QObject):
    """Asks where to save, writes the file on the worker, and says what it wrote."""

    exported = Signal(str)  # a message for the status bar

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context.window)
        self.context = context
        self.exported.connect(context.say)

    def ask_path(self, kind: str, plan: PlanSummary, suffix_name: str) -> Path | None:
        """The file to write, chosen by the learner; None if they cancel."""
        pattern, suffix = KINDS[kind]
        default = Path.home() / f"{plan.name}{suffix_name}{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(
            self.context.window, "Export", str(default), pattern
        )
        return Path(chosen) if chosen else None

    def export_plan(self, kind: str, path: Path | None = None) -> None:
        """The current plan as an .ics calendar or a CSV spreadsheet."""
        plan = self.context.current_plan()
        if plan is None:
            return
        path = path or self.ask_path(kind, plan, "")
        if path is None:
            return
        store, now = self.context.store, self.context.clock.now()

        def contents() -> bytes:
            state, roadmap = store.plan_state(plan.id), store.plan_roadmap(plan.id)
            if kind == "ics":
                from studyplanner.interop.ics import plan_to_ics  # 90 ms to load: not at start

                return plan_to_ics(state, roadmap, now)
            return plan_to_csv(state, roadmap).encode("utf-8")

        self._write(path, contents, f"Exported {plan.name} to {path.name}.")

    def export_pdf(self, period: str, path: Path | None = None) -> None:
        """The week or the month the calendar shows, a page a week."""
        plan = self.context.current_plan()
        if plan is None:
            return
        pages = self.context.pages
        if period == "week":
            weeks = [pages.week.start]
            label = f" week of {weeks[0]:%Y-%m-%d}"
        else:
            year, month = pages.month.year, pages.month.month
            weeks = month_weeks(year, month, pages.week.first_weekday)
            label = f" {year}-{month:02d}"
        path = path or self.ask_path("pdf", plan, label)
        if path is None:
            return
        store, name = self.context.store, plan.name

        def contents() -> bytes:
            return weeks_pdf(store.plan_state(plan.id), store.plan_roadmap(plan.id), weeks, name)

        count = len(weeks)
        self._write(
            path, contents, f"Exported {count} week{'s' if count != 1 else ''} to {path.name}."
        )

    def _write(self, path: Path, contents: Callable[[], bytes], message: str) -> None:
        self.context.runner.read(
            lambda: write_bytes_atomically(path, contents()),
            lambda _none: self.exported.emit(message),
            f"{path.name} could not be written",
        )
