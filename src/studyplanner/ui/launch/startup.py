"""Opening the learner's data: check it, offer recovery if it is damaged, then show the window."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from studyplanner import APP_NAME
from studyplanner.storage.errors import StorageError
from studyplanner.storage.safety.backups import backup_folder, list_backups
from studyplanner.storage.safety.integrity import Checkup, Health
from studyplanner.storage.safety.recovery import check_data, restore, start_fresh, tidy
from studyplanner.ui.common.safe_text import message_box
from studyplanner.ui.launch.first_paint import after_first_paint
from studyplanner.ui.launch.memory import forget_module_sources

if TYPE_CHECKING:
    from studyplanner.storage.store import Store
    from studyplanner.ui.dialogs.recovery import Recovery, RecoveryDialog
    from studyplanner.ui.window.main_window import MainWindow


READ_ONLY_NOTE = (
    "The data folder {folder} is read-only: you can look at everything, but no change can be "
    "saved until it is writable again."
)


class Startup(QObject):
    """The steps from the first painted frame to the main window, recovery included."""

    opened = Signal(object)  # the MainWindow, whole
    gaveUp = Signal()

    def __init__(
        self,
        data_dir: Path,
        shell: QMainWindow,
        today: Callable[[], date],
        now: Callable[[], datetime],
    ) -> None:
        super().__init__(shell)
        self.data_dir, self.shell = data_dir, shell
        self._today, self._now = today, now
        self.store: Store | None = None
        self.window: MainWindow | None = None
        self.recovery: RecoveryDialog | None = None
        self.unreachable: QMessageBox | None = None
        self._checkup: Checkup | None = None

    def start(self) -> None:
        """Check the database (SQLite's quick_check); open it, or ask how to recover.

        A full disk or a read-only folder is not damage: the learner is asked to fix it and
        try again, and no file is moved. A database gone missing beside its backups is
        offered back rather than silently replaced by an empty one.
        """
        tidy(self.data_dir, self._now().timestamp())
        checkup = check_data(self.data_dir)
        if checkup.health is Health.UNAVAILABLE:
            from studyplanner.ui.dialogs.recovery import unreachable_box

            self.unreachable = unreachable_box(checkup, self.shell)
            self.unreachable.finished.connect(self._after_unreachable)
            self.unreachable.open()
            return
        if checkup.health is Health.HEALTHY or (
            checkup.health is Health.MISSING and not _has_backups(self.data_dir)
        ):
            self._open()
            return
        backups = list_backups(backup_folder(self.data_dir))
        if checkup.health is Health.MISSING and not any(b.usable for b in backups):
            self._open()
            return
        from studyplanner.ui.dialogs.recovery import RecoveryDialog

        self._checkup = checkup
        self.recovery = RecoveryDialog(checkup, backups, self.shell)
        self.recovery.chosen.connect(self._recover)
        self.recovery.open()

    def _after_unreachable(self, result: int) -> None:
        if result == QMessageBox.StandardButton.Retry:
            self.start()
        else:
            self.gaveUp.emit()

    def front(self) -> QWidget:
        """What to bring to the front when the app is launched again."""
        if self.recovery is not None and self.recovery.isVisible():
            return self.recovery
        if self.unreachable is not None and self.unreachable.isVisible():
            return self.unreachable
        return self.window if self.window is not None else self.shell

    def _recover(self, choice: Recovery, backup: Path | None) -> None:
        from studyplanner.ui.dialogs.recovery import Recovery

        now = self._now()
        try:
            if choice is Recovery.RESTORE and backup is not None:
                restored = restore(self.data_dir, backup, now)
                kept = restored.set_aside
                note = f"Restored the backup from {restored.backup.taken:%d %B %Y, %H:%M}."
            elif choice is Recovery.START_FRESH:
                missing = self._checkup is not None and self._checkup.health is Health.MISSING
                kept = None if missing else start_fresh(self.data_dir, now)
                note = "Started with empty data."
            else:
                self.gaveUp.emit()
                return
        except (StorageError, OSError) as error:
            self._fail("Study Planner could not recover its data", error)
            return
        if kept is not None:
            note += f" The damaged file is kept as {kept.name}."
        self._open(note)

    def _open(self, note: str = "") -> None:
        from studyplanner.storage.store import Store
        from studyplanner.ui.window.main_window import MainWindow

        try:
            self.store = Store.open(self.data_dir)
        except StorageError as error:
            self._fail(f"{APP_NAME} cannot open its data", error)
            return
        # The Today page first; the other pages once it is painted (see MainWindow).
        window = MainWindow(self.store, self._today, self._now, today_first=True)
        window.setGeometry(self.shell.geometry())
        window.show()
        self.shell.close()
        self.window = window
        if not os.access(self.data_dir, os.W_OK):
            note = f"{note} {READ_ONLY_NOTE.format(folder=self.data_dir)}".strip()
        if note:
            window.statusBar().showMessage(note, 0 if READ_ONLY_NOTE[:20] in note else 20000)
        if window.built:
            self.opened.emit(window)
        else:
            after_first_paint(window, lambda: self._finish(window))

    def _finish(self, window: MainWindow) -> None:
        """The rest of the window, once its Today page is on the screen."""
        if not window.isVisible():  # closed already: the app is on its way out
            return
        forget_module_sources()
        window.build_rest()
        forget_module_sources()
        self.opened.emit(window)

    def _fail(self, title: str, error: BaseException) -> None:
        box = message_box(
            QMessageBox.Icon.Critical, title, title, QMessageBox.StandardButton.Ok, self.shell
        )
        box.setInformativeText(str(error))
        box.finished.connect(self.gaveUp)
        self.failure = box
        box.open()


def _has_backups(data_dir: Path) -> bool:
    """Whether any backup file is there, without opening one (the first start has none)."""
    folder = backup_folder(data_dir)
    return folder.is_dir() and any(folder.glob("studyplanner-*.sqlite3"))
