"""Edit → Undo and Redo: the last answer while reviewing, otherwise the last change made here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from studyplanner.ui.controllers.context import Pages
    from studyplanner.ui.operations.runner import OperationRunner


def undo_last(runner: OperationRunner, pages: Pages) -> None:
    """Undo the last answer while reviewing, otherwise the last change made here."""
    if pages.reviewing():
        pages.flashcards.review_screen.undo()
    else:
        runner.undo()


def redo_last(runner: OperationRunner, pages: Pages) -> None:
    """Redo the last undone change (answers are redone by answering again)."""
    if not pages.reviewing():
        runner.redo()


class UndoEntries:
    """The Undo and Redo menu entries, their words and state kept to what they would do."""

    def __init__(
        self, runner: OperationRunner, pages: Pages, undo_action: QAction, redo_action: QAction
    ) -> None:
        self.runner, self.pages = runner, pages
        self.undo_action, self.redo_action = undo_action, redo_action

    def update(self) -> None:
        """The entries' words and whether they can be used, now."""
        undo, redo = self.undo_action, self.redo_action
        if self.pages.reviewing():
            screen = self.pages.flashcards.review_screen
            undo.setText("&Undo Answer")
            undo.setEnabled(screen.session is not None and screen.session.can_undo)
            redo.setText("&Redo")
            redo.setEnabled(False)
            return
        history = self.runner.history
        undo.setText(f"&Undo {history.undoText()}".rstrip())
        undo.setEnabled(self.runner.can_undo)
        redo.setText(f"&Redo {history.redoText()}".rstrip())
        redo.setEnabled(self.runner.can_redo)
