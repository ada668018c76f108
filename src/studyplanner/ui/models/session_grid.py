"""What the month and week models share: days of sessions drawn from a source function."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel

from studyplanner.storage.queries.views import SessionView

SessionSource = Callable[[date, date], Sequence[SessionView]]


@dataclass(frozen=True, eq=False)
class GridSettings:
    """What a grid shows apart from its dates: today, the weeks' first day and the source."""

    today: date
    first_weekday: int = 0
    source: SessionSource | None = None
    stage_order: Mapping[str, int] = field(default_factory=dict)

    def sessions(self, first: date, last: date) -> Sequence[SessionView]:
        """The sessions between two days, read from the source (none without one)."""
        return self.source(first, last) if self.source is not None else []


class SessionGridModel(QAbstractTableModel):
    """A table of days; subclasses lay the days out, fetching in ``_load`` before any reset."""

    def __init__(self, today: date, first_weekday: int = 0, parent: Any = None) -> None:
        super().__init__(parent)
        self._settings = GridSettings(today, first_weekday)

    @property
    def today(self) -> date:
        """The date marked as today."""
        return self._settings.today

    @property
    def first_weekday(self) -> int:
        """The day weeks start on, 0 for Monday."""
        return self._settings.first_weekday

    def set_today(self, today: date) -> None:
        """Move the today marker."""
        self._load(replace(self._settings, today=today))

    def set_source(
        self, source: SessionSource | None, stage_order: Mapping[str, int] | None = None
    ) -> None:
        """Where sessions come from (None shows none), and the stages' order for colours."""
        self._load(replace(self._settings, source=source, stage_order=dict(stage_order or {})))

    def stage_index(self, stage_id: str) -> int:
        """A stage's position in its roadmap, which picks its colour."""
        return self._settings.stage_order.get(stage_id, 0)

    def reload(self) -> None:
        """Fetch the shown sessions again."""
        self._load(self._settings)

    def _load(self, settings: GridSettings) -> None:
        """Fetch what ``settings`` show, then swap settings and sessions in, in one reset.

        A source that fails leaves the model as it was: nothing changes before the fetch.
        """
        raise NotImplementedError
