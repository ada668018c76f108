"""Watching a model's resets, to check that its data is read before one starts, never inside."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel

from studyplanner.storage.errors import StorageError

R = TypeVar("R")


class ResetWatch:
    """Counts a model's resets and whether a source was read in the middle of one."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.inside = False
        self.resets = 0
        self.reads_inside = 0
        self.reads = 0
        self.failing = False
        model.modelAboutToBeReset.connect(self._begin)
        model.modelReset.connect(self._end)

    def _begin(self) -> None:
        self.inside = True

    def _end(self) -> None:
        self.inside = False
        self.resets += 1

    def source(self, read: Callable[..., R]) -> Callable[..., R]:
        """``read``, counted, and raising a storage error while ``failing`` is set."""

        def watched(*args: object) -> R:
            self.reads += 1
            self.reads_inside += self.inside
            if self.failing:
                raise StorageError("The database is locked.")
            return read(*args)

        return watched
