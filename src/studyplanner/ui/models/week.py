"""A week as time slots: rows of half an hour, a column per day, and a row for any time."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.common.safe_text import tooltip_as_written
from studyplanner.ui.models.base import AnyIndex
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.models.session_grid import GridSettings, SessionGridModel
from studyplanner.ui.models.sessions import describe

FIRST_HOUR, LAST_HOUR = 6, 24
SLOT_MINUTES = 30
SLOTS = (LAST_HOUR - FIRST_HOUR) * 60 // SLOT_MINUTES
ANYTIME_ROW = 0


def week_start(day: date, first_weekday: int) -> date:
    """The first day of the week holding ``day``."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_of(day: date, first_weekday: int) -> tuple[date, date]:
    """The first and last day of the week holding ``day``."""
    first = week_start(day, first_weekday)
    return first, first + timedelta(days=6)


def slot_of(start: time) -> int:
    """The row of the slot a start time falls in (clamped to the day's slots)."""
    minutes = start.hour * 60 + start.minute - FIRST_HOUR * 60
    return 1 + min(max(minutes // SLOT_MINUTES, 0), SLOTS - 1)


class WeekModel(SessionGridModel):
    """Seven days of slots; a timed session sits in the slot where it starts."""

    def __init__(self, today: date, first_weekday: int = 0, parent: Any = None) -> None:
        super().__init__(today, first_weekday, parent)
        self._start = week_start(today, first_weekday)
        self._cells: dict[tuple[int, int], list[SessionView]] = {}
        self._spans: list[tuple[int, int, int]] = []

    @property
    def start(self) -> date:
        """The week's first day."""
        return self._start

    def show_week_of(self, day: date) -> None:
        """Show the week holding ``day``."""
        self._show(week_start(day, self.first_weekday), self._settings)

    def step(self, weeks: int) -> None:
        """Show an earlier or later week."""
        self.show_week_of(self._start + timedelta(weeks=weeks))

    def set_first_weekday(self, weekday: int) -> None:
        """Start the weeks on another day, 0 for Monday."""
        self._show(week_start(self._start, weekday), replace(self._settings, first_weekday=weekday))

    def spans(self) -> list[tuple[int, int, int]]:
        """(row, column, rows) for each timed session, for the view to merge its slots."""
        return list(self._spans)

    def _load(self, settings: GridSettings) -> None:
        self._show(self._start, settings)

    def _show(self, start: date, settings: GridSettings) -> None:
        cells: dict[tuple[int, int], list[SessionView]] = defaultdict(list)
        spans: list[tuple[int, int, int]] = []
        taken: set[tuple[int, int]] = set()
        for session in settings.sessions(start, start + timedelta(days=6)):
            column = (session.day - start).days
            if session.start_time is None:
                cells[(ANYTIME_ROW, column)].append(session)
                continue
            row = slot_of(session.start_time)
            cells[(row, column)].append(session)
            rows = min(max(1, math.ceil(session.minutes / SLOT_MINUTES)), SLOTS + 1 - row)
            covered = {(r, column) for r in range(row, row + rows)}
            if not covered & taken:
                spans.append((row, column, rows))
                taken |= covered
        self.beginResetModel()
        self._start, self._settings = start, settings
        self._cells, self._spans = dict(cells), spans
        self.endResetModel()

    # Qt model interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """The anytime row and the day's slots."""
        return 0 if parent.isValid() else 1 + SLOTS

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """Seven days."""
        return 0 if parent.isValid() else 7

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The sessions that start in a slot."""
        if not index.isValid() or index.model() is not self:
            return None
        sessions = self._cells.get((index.row(), index.column()), [])
        if role == MonthRole.SESSIONS:
            return list(sessions)
        if role == MonthRole.DATE:
            return self._start + timedelta(days=index.column())
        if role == MonthRole.IS_TODAY:
            return self._start + timedelta(days=index.column()) == self.today
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_as_written("\n".join(describe(s) for s in sessions))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return "\n".join(describe(s) for s in sessions)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Days across the top, times down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < 7:
                return None
            return (self._start + timedelta(days=section)).strftime("%a %d")
        if section == ANYTIME_ROW:
            return "Any time"
        if not 0 < section <= SLOTS:
            return None
        minutes = FIRST_HOUR * 60 + (section - 1) * SLOT_MINUTES
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Slots can be selected."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
