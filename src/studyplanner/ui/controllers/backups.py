"""The window's backups: the daily one, Back Up Now, and restoring with a safety copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from studyplanner.operations.changes import Changed
from studyplanner.storage.errors import StorageError
from studyplanner.storage.safety.backups import Backup, backup_folder, list_backups
from studyplanner.storage.safety.recovery import Restored, automatic_backup, back_up, restore
from studyplanner.ui.common.safe_text import message_box
from studyplanner.ui.controllers.context import WindowContext

if TYPE_CHECKING:
    from studyplanner.ui.dialogs.backups import BackupsDialog

# While the app stays open, look every hour whether today's backup is due.
BACKUP_CHECK_MS = 60 * 60 * 1000


class BackupsController(QObject):
    """Backups made on the worker, listed in a dialog, restored on confirmation."""

    backedUp = Signal(object)  # the Backup, or None when none was due
    restored = Signal()
    restore_question: QMessageBox  # the last question asked, kept while it shows

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context.window)
        self.context = context
        self.backups_dialog: BackupsDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(BACKUP_CHECK_MS)
        self._timer.timeout.connect(self.back_up_if_due)
        self._timer.start()

    @property
    def data_dir(self) -> Path:
        """The folder holding the database, its settings and its backups."""
        return self.context.store.path.parent

    def back_up_if_due(self) -> None:
        """The automatic backup, on the worker, if something changed and none ran today."""
        data_dir, now = self.data_dir, self.context.clock.now()
        policy = self.context.settings.backup_policy
        self.context.runner.tasks.run(
            lambda: automatic_backup(data_dir, now, policy),
            self._backed_up,
            lambda error: self.context.say(f"The daily backup failed: {error}", 0),
        )

    def back_up_on_quit(self) -> None:
        """The automatic backup as the app closes (the store is closed already)."""
        try:
            automatic_backup(
                self.data_dir, self.context.clock.now(), self.context.settings.backup_policy
            )
        except StorageError as error:
            from studyplanner.ui.common.errors import show_problem

            show_problem(None, "The backup on closing could not be made", error)

    def back_up_now(self) -> None:
        """A backup the learner asked for; it is kept until they delete it."""
        data_dir, now = self.data_dir, self.context.clock.now()
        self.context.runner.read(
            lambda: back_up(data_dir, now), self._backed_up, "The backup could not be made"
        )

    def _backed_up(self, backup: Backup | None) -> None:
        if backup is not None:
            self.context.say(f"Backed up {backup.contents} to {backup.path.name}.")
            self._list_backups()
        self.backedUp.emit(backup)

    def open_backups(self) -> None:
        """The Backups dialog."""
        if self.backups_dialog is None:
            from studyplanner.ui.dialogs.backups import BackupsDialog

            dialog = BackupsDialog(
                backup_folder(self.data_dir),
                self.context.settings.backup_policy,
                self.context.window,
            )
            dialog.backUpRequested.connect(self.back_up_now)
            dialog.restoreRequested.connect(self.ask_to_restore)
            self.backups_dialog = dialog
        self._list_backups()
        self.backups_dialog.open()

    def _list_backups(self) -> None:
        if self.backups_dialog is not None:
            self.backups_dialog.set_backups(list_backups(backup_folder(self.data_dir)))

    def ask_to_restore(self, path: Path) -> None:
        """Confirm, then restore the backup at ``path``."""
        chosen = next((b for b in list_backups(path.parent) if b.path == path), None)
        if chosen is None or not chosen.usable:
            return
        question = message_box(
            QMessageBox.Icon.Question,
            "Restore this backup?",
            f"Restore the backup from {chosen.taken:%A %d %B %Y, %H:%M}?",
            QMessageBox.StandardButton.Cancel,
            self.context.window,
        )
        question.setInformativeText(
            f"It holds {chosen.contents}. Your data as it is now is backed up first, so "
            "you can restore it again from this list."
        )
        restore_button = question.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
        question.setDefaultButton(restore_button)
        restore_button.clicked.connect(lambda: self.restore_from(path))
        self.restore_question = question
        question.open()

    def restore_from(self, path: Path) -> None:
        """Put the backup in place on the worker, after a safety copy; show what it holds."""
        context = self.context
        if context.pages.reviewing():  # its connection would keep the replaced file open
            context.pages.flashcards.review_screen.end()
        store, data_dir, now = context.store, self.data_dir, context.clock.now()

        def work() -> Restored:
            result = restore(data_dir, path, now)
            store.reload()
            return result

        def done(result: Restored) -> None:
            runner = context.runner
            runner.reopen()
            runner.forget_history()  # the changes it held belong to the data that was replaced
            runner.changed.emit(Changed.EVERYTHING)
            safety = result.safety_copy
            context.say(
                f"Restored the backup from {result.backup.taken:%d %B %Y, %H:%M}."
                + (f" Your data before it is in {safety.path.name}." if safety else ""),
                20000,
            )
            self._list_backups()
            self.restored.emit()

        context.runner.read(work, done, "The backup could not be restored")
