"""The main window's backups: the daily one, Back Up Now, and restoring with a safety copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from studyplanner.storage.errors import StorageError
from studyplanner.storage.safety.backups import Backup, backup_folder, list_backups
from studyplanner.storage.safety.recovery import automatic_backup, back_up, restore
from studyplanner.ui.common.errors import show_problem
from studyplanner.ui.common.safe_text import message_box
from studyplanner.ui.dialogs.backups import BackupsDialog
from studyplanner.ui.window.base import WindowBase

# While the app stays open, look every hour whether today's backup is due.
BACKUP_CHECK_MS = 60 * 60 * 1000


class BackupActions(WindowBase):
    """Backups made in the background, listed in a dialog, restored on confirmation."""

    backups_dialog: BackupsDialog | None
    restore_question: QMessageBox

    @property
    def data_dir(self) -> Path:
        """The folder holding the database, its settings and its backups."""
        return self.store.path.parent

    def start_backup_timer(self) -> None:
        """Check hourly for the daily backup, so an app left open for days still makes them."""
        self.backups_dialog = None
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.back_up_if_due)
        self._backup_timer.start()

    def back_up_if_due(self) -> None:
        """The automatic backup, on a worker thread, if something changed and none ran today."""
        data_dir, now, policy = self.data_dir, self._now(), self.settings.backup_policy
        self.tasks.run(
            lambda: automatic_backup(data_dir, now, policy),
            self._backed_up,
            lambda error: self.statusBar().showMessage(f"The daily backup failed: {error}"),
        )

    def back_up_on_quit(self) -> None:
        """The automatic backup as the app closes (the store is closed already)."""
        try:
            automatic_backup(self.data_dir, self._now(), self.settings.backup_policy)
        except StorageError as error:
            show_problem(None, "The backup on closing could not be made", error)

    def back_up_now(self) -> None:
        """A backup the learner asked for; it is kept until they delete it."""
        data_dir, now = self.data_dir, self._now()
        self.tasks.run(
            lambda: back_up(data_dir, now),
            self._backed_up,
            lambda error: show_problem(self, "The backup could not be made", error),
        )

    def _backed_up(self, backup: Backup | None) -> None:
        if backup is not None:
            self.statusBar().showMessage(
                f"Backed up {backup.contents} to {backup.path.name}.", 8000
            )
            self._list_backups()
        self.backedUp.emit(backup)

    def open_backups(self) -> None:
        """The Backups dialog."""
        if self.backups_dialog is None:
            dialog = BackupsDialog(backup_folder(self.data_dir), self.settings.backup_policy, self)
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
            self,
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
        """Put the backup in place, after a safety copy, and show what it holds."""
        if self.flashcards_page.in_review():
            self.flashcards_page.review_screen.end()
        self.tasks.wait()
        try:
            result = restore(self.data_dir, path, self._now())
            self.store.reload()
        except (StorageError, OSError) as error:
            show_problem(self, "The backup could not be restored", error)
            return
        self.undo_stack.clear()  # the edits it held belong to the data that was replaced
        if self.browser is not None:
            self.browser.changed()
        self.refresh_plans()
        self.refresh_cards()
        safety = result.safety_copy
        self.statusBar().showMessage(
            f"Restored the backup from {result.backup.taken:%d %B %Y, %H:%M}."
            + (f" Your data before it is in {safety.path.name}." if safety else ""),
            20000,
        )
        self._list_backups()
        self.restored.emit()
