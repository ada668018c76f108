"""What the month and week models share: days of sessions drawn from a source function."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel

from studyplanner.storage.queries.views import SessionView

SessionSource = Callable[[date, date], Sequence[SessionView]]


class SessionGridModel(QAbstractTableModel):
    """A table of days; subclasses lay the days out and fetch in ``reload``."""

    def __init__(self, today: date, first_weekday: int = 0, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._first_weekday = first_weekday
        self._source: SessionSource | None = None
        self._stage_order: Mapping[str, int] = {}

    @property
    def today(self) -> date:
        """The date marked as today."""
        return self._today

    @property
    def first_weekday(self) -> int:
        """The day weeks start on, 0 for Monday."""
        return self._first_weekday

    def set_today(self, today: date) -> None:
        """Move the today marker."""
        self._today = today
        self.reload()

    def set_source(
        self, source: SessionSource | None, stage_order: Mapping[str, int] | None = None
    ) -> None:
        """Where sessions come from (None shows none), and the stages' order for colours."""
        self._source = source
        self._stage_order = stage_order or {}
        self.reload()

    def stage_index(self, stage_id: str) -> int:
        """A stage's position in its roadmap, which picks its colour."""
        return self._stage_order.get(stage_id, 0)

    def reload(self) -> None:
        """Fetch the shown sessions again."""
        raise NotImplementedError
