"""File → Export: the plan as .ics or CSV, and the shown week or month as a printable PDF."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from studyplanner.interop.files import write_bytes_atomically
from studyplanner.interop.plan_csv import plan_to_csv
from studyplanner.printing.week_pdf import weeks_of, weeks_pdf
from studyplanner.storage.queries.views import PlanSummary
from studyplanner.storage.store import Store

Report = Callable[[str, BaseException], None]
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
    """Asks where to save, writes the file, and says what it wrote."""

    exported = Signal(str)  # a message for the status bar

    def __init__(
        self, store: Store, now: Callable[[], datetime], report: Report, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.store, self._now, self.report, self._window = store, now, report, parent

    def ask_path(self, kind: str, plan: PlanSummary, suffix_name: str) -> Path | None:
        """The file to write, chosen by the learner; None if they cancel."""
        pattern, suffix = KINDS[kind]
        default = Path.home() / f"{plan.name}{suffix_name}{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(self._window, "Export", str(default), pattern)
        return Path(chosen) if chosen else None

    def export(self, kind: str, plan: PlanSummary, path: Path) -> None:
        """Write the plan as .ics or CSV."""
        try:
            state = self.store.plan_state(plan.id)
            roadmap = self.store.plan_roadmap(plan.id)
            if kind == "ics":
                from studyplanner.interop.ics import plan_to_ics  # 90 ms to load: not at start

                write_bytes_atomically(path, plan_to_ics(state, roadmap, self._now()))
            else:
                write_bytes_atomically(path, plan_to_csv(state, roadmap).encode("utf-8"))
        except Exception as exc:
            self.report(f"{path.name} could not be written", exc)
            return
        self.exported.emit(f"Exported {plan.name} to {path.name}.")

    def export_pdf(self, plan: PlanSummary, weeks: list[date], path: Path) -> None:
        """Write these weeks of the plan, a page each."""
        try:
            state = self.store.plan_state(plan.id)
            roadmap = self.store.plan_roadmap(plan.id)
            write_bytes_atomically(path, weeks_pdf(state, roadmap, weeks, plan.name))
        except Exception as exc:
            self.report(f"{path.name} could not be written", exc)
            return
        pages = len(weeks)
        self.exported.emit(f"Exported {pages} week{'s' if pages != 1 else ''} to {path.name}.")
