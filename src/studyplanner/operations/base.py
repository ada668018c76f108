"""Operations: a change in one transaction that says what it changed, and its inverse for undo."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from studyplanner.operations.changes import Changed

if TYPE_CHECKING:
    from studyplanner.storage.store import Store

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an operation changed, and what it hands back (a new plan's id, a count)."""

    changed: Changed
    value: T


@dataclass(frozen=True)
class Operation(Generic[T]):
    """A change that cannot be undone from the menu (creating a plan, importing a file).

    ``work`` runs in one transaction of its own; ``title`` names it in messages.
    """

    title: str
    work: Callable[[Store], Outcome[T]]

    def run(self, store: Store) -> Outcome[T]:
        """Make the change."""
        return self.work(store)


class Undoable(ABC):
    """A change the Edit menu can undo and redo, each step in one transaction.

    An operation keeps what its first run learned (a deleted row, the old due times), so that
    undo restores exactly that and redo repeats exactly the first run.
    """

    title: str

    @abstractmethod
    def do(self, store: Store) -> Changed:
        """Make the change the first time."""

    @abstractmethod
    def undo(self, store: Store) -> Changed:
        """Put back what the change replaced."""

    def redo(self, store: Store) -> Changed:
        """Make the change again after an undo."""
        return self.do(store)
