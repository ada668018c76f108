"""A month of a plan as a 6 x 7 table of days, each holding its sessions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt

from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.common.safe_text import tooltip_as_written
from studyplanner.ui.models.base import AnyIndex
from studyplanner.ui.models.session_grid import GridSettings, SessionGridModel
from studyplanner.ui.models.sessions import describe

ROWS, COLUMNS = 6, 7


class MonthRole(IntEnum):
    """Extra data roles of the month model."""

    DATE = Qt.ItemDataRole.UserRole + 1
    SESSIONS = Qt.ItemDataRole.UserRole + 2
    IN_MONTH = Qt.ItemDataRole.UserRole + 3
    IS_TODAY = Qt.ItemDataRole.UserRole + 4


def grid_start(year: int, month: int, first_weekday: int) -> date:
    """The first date shown: the ``first_weekday`` (0 = Monday) on or before the 1st."""
    first = date(year, month, 1)
    return first - timedelta(days=(first.weekday() - first_weekday) % 7)


class MonthModel(SessionGridModel):
    """Six weeks around one month. Sessions come from a source function, not from Qt items."""

    def __init__(self, today: date, first_weekday: int = 0, parent: Any = None) -> None:
        super().__init__(today, first_weekday, parent)
        self._year, self._month = today.year, today.month
        self._by_day: dict[date, list[SessionView]] = {}

    # Navigation

    @property
    def year(self) -> int:
        """The year of the month shown."""
        return self._year

    @property
    def month(self) -> int:
        """The month shown, 1-12."""
        return self._month

    def first_date(self) -> date:
        """The first date in the grid."""
        return grid_start(self._year, self._month, self.first_weekday)

    def last_date(self) -> date:
        """The last date in the grid."""
        return self.first_date() + timedelta(days=ROWS * COLUMNS - 1)

    def show_month(self, year: int, month: int) -> None:
        """Show another month."""
        self._show(year, month, self._settings)

    def step(self, months: int) -> None:
        """Show the month ``months`` after the current one (negative goes back)."""
        index = self._month - 1 + months
        self.show_month(self._year + index // 12, index % 12 + 1)

    def set_first_weekday(self, weekday: int) -> None:
        """Start the weeks on another day, 0 for Monday."""
        self._show(self._year, self._month, replace(self._settings, first_weekday=weekday))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def _load(self, settings: GridSettings) -> None:
        self._show(self._year, self._month, settings)

    def _show(self, year: int, month: int, settings: GridSettings) -> None:
        first = grid_start(year, month, settings.first_weekday)
        by_day: dict[date, list[SessionView]] = defaultdict(list)
        for session in settings.sessions(first, first + timedelta(days=ROWS * COLUMNS - 1)):
            by_day[session.day].append(session)
        self.beginResetModel()
        self._year, self._month, self._settings = year, month, settings
        self._by_day = dict(by_day)
        self.endResetModel()

    def date_at(self, index: AnyIndex) -> date:
        """The date of a cell."""
        return self.first_date() + timedelta(days=index.row() * COLUMNS + index.column())

    def index_of(self, day: date) -> QModelIndex:
        """The cell of a date, or an invalid index when it is not shown."""
        offset = (day - self.first_date()).days
        if not 0 <= offset < ROWS * COLUMNS:
            return QModelIndex()
        return self.index(offset // COLUMNS, offset % COLUMNS)

    # Qt model interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """Six weeks."""
        return 0 if parent.isValid() else ROWS

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """Seven days."""
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A day's number, date, sessions and description."""
        if not index.isValid() or index.model() is not self:
            return None
        day = self.date_at(index)
        sessions = self._by_day.get(day, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role == MonthRole.DATE:
            return day
        if role == MonthRole.SESSIONS:
            return list(sessions)
        if role == MonthRole.IN_MONTH:
            return day.month == self._month
        if role == MonthRole.IS_TODAY:
            return day == self.today
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_as_written(self._describe(day, sessions))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._describe(day, sessions)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Weekday names across the top."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < COLUMNS:
            return None
        weekday = (self.first_weekday + section) % 7 + 1  # Qt counts Monday as 1
        return QLocale().dayName(weekday, QLocale.FormatType.ShortFormat)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Days can be selected, not edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def _describe(day: date, sessions: Sequence[SessionView]) -> str:
        heading = day.strftime("%A %d %B %Y")
        if not sessions:
            return f"{heading}: nothing planned"
        lines = [describe(s) for s in sessions]
        return f"{heading}:\n" + "\n".join(lines)
