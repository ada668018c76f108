"""The agenda: days as parents, each holding its sessions and milestones as children."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from studyplanner.storage.queries.views import MilestoneView, SessionView
from studyplanner.ui.common.palette import stage_colour
from studyplanner.ui.models.base import AnyIndex
from studyplanner.ui.models.session_grid import SessionSource
from studyplanner.ui.models.sessions import describe

SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
AGENDA_DAYS = 28
DAY_ID = 0  # a day's internal id; an entry's is its day's row plus one

Entry = SessionView | MilestoneView
MilestoneSource = Callable[[], Sequence[MilestoneView]]


class AgendaModel(QAbstractItemModel):
    """Four weeks from a first day, only the days that hold something."""

    def __init__(self, first: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._first = first
        self._sessions: SessionSource | None = None
        self._milestones: MilestoneSource | None = None
        self._stage_order: Mapping[str, int] = {}
        self._days: list[date] = []
        self._entries: list[list[Entry]] = []

    @property
    def first(self) -> date:
        """The first day shown."""
        return self._first

    @property
    def last(self) -> date:
        """The last day shown."""
        return self._first + timedelta(days=AGENDA_DAYS - 1)

    def set_sources(
        self,
        sessions: SessionSource | None,
        milestones: MilestoneSource | None,
        stage_order: Mapping[str, int] | None = None,
    ) -> None:
        """Where entries come from (None shows nothing), and the stages' order for colours."""
        self._show(self._first, sessions, milestones, dict(stage_order or {}))

    def show_from(self, first: date) -> None:
        """Show four weeks from ``first``."""
        self._show(first, self._sessions, self._milestones, self._stage_order)

    def reload(self) -> None:
        """Fetch the entries again."""
        self._show(self._first, self._sessions, self._milestones, self._stage_order)

    def _show(
        self,
        first: date,
        sessions: SessionSource | None,
        milestones: MilestoneSource | None,
        stage_order: Mapping[str, int],
    ) -> None:
        """Fetch first, then swap everything in, in one reset: a failed fetch changes nothing."""
        last = first + timedelta(days=AGENDA_DAYS - 1)
        by_day: dict[date, list[Entry]] = defaultdict(list)
        if milestones is not None:
            for milestone in milestones():
                if first <= milestone.day <= last:
                    by_day[milestone.day].append(milestone)
        if sessions is not None:
            for session in sessions(first, last):
                by_day[session.day].append(session)
        days = sorted(by_day)
        self.beginResetModel()
        self._first, self._sessions, self._milestones = first, sessions, milestones
        self._stage_order = stage_order
        self._days, self._entries = days, [by_day[day] for day in days]
        self.endResetModel()

    # Qt model interface.

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        """Days at the top, entries under their day."""
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, DAY_ID) if row < len(self._days) else QModelIndex()
        if parent.internalId() != DAY_ID or parent.row() >= len(self._entries):
            return QModelIndex()
        if row >= len(self._entries[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        """An entry's day."""
        if not child.isValid() or child.internalId() == DAY_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, DAY_ID)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """Days, or a day's entries."""
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() == DAY_ID and parent.row() < len(self._entries):
            return len(self._entries[parent.row()])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """One column."""
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A day's heading, or an entry's line."""
        if not index.isValid():
            return None
        if index.internalId() == DAY_ID:
            day = self._days[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return day.strftime("%A %d %B %Y")
            if role == Qt.ItemDataRole.FontRole:
                bold = QFont()
                bold.setBold(True)
                return bold
            return None
        entry = self._entries[index.internalId() - 1][index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if isinstance(entry, MilestoneView):
                return f"◆ {entry.title}"
            return describe(entry)
        if role == Qt.ItemDataRole.DecorationRole and isinstance(entry, SessionView):
            return stage_colour(self._stage_order.get(entry.stage_id, 0))
        if role == SESSION_ROLE:
            return entry if isinstance(entry, SessionView) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Everything can be selected."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
