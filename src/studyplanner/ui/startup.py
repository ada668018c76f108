"""Opening the learner's data: check it, offer recovery if it is damaged, then show the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from studyplanner import APP_NAME
from studyplanner.storage.backups import backup_folder, list_backups
from studyplanner.storage.engine import StorageError
from studyplanner.storage.recovery import check_data, restore, start_fresh
from studyplanner.ui.recovery_dialog import Recovery, RecoveryDialog

if TYPE_CHECKING:
    from studyplanner.storage.store import Store
    from studyplanner.ui.main_window import MainWindow


class Startup(QObject):
    """The steps from the first painted frame to the main window, recovery included."""

    opened = Signal(object)  # the MainWindow
    gaveUp = Signal()  # noqa: N815  (Qt signal naming)

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

    def start(self) -> None:
        """Check the database (SQLite's quick_check); open it, or ask how to recover."""
        checkup = check_data(self.data_dir)
        if checkup.health.usable:
            self._open()
            return
        backups = list_backups(backup_folder(self.data_dir))
        self.recovery = RecoveryDialog(checkup, backups, self.shell)
        self.recovery.chosen.connect(self._recover)
        self.recovery.open()

    def front(self) -> QWidget:
        """What to bring to the front when the app is launched again."""
        if self.recovery is not None and self.recovery.isVisible():
            return self.recovery
        return self.window if self.window is not None else self.shell

    def _recover(self, choice: Recovery, backup: Path | None) -> None:
        now = self._now()
        try:
            if choice is Recovery.RESTORE and backup is not None:
                restored = restore(self.data_dir, backup, now)
                kept = restored.set_aside
                note = f"Restored the backup from {restored.backup.taken:%d %B %Y, %H:%M}."
            elif choice is Recovery.START_FRESH:
                kept = start_fresh(self.data_dir, now)
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
        from studyplanner.ui.main_window import MainWindow

        try:
            self.store = Store.open(self.data_dir)
        except StorageError as error:
            self._fail(f"{APP_NAME} cannot open its data", error)
            return
        window = MainWindow(self.store, self._today, self._now)
        window.setGeometry(self.shell.geometry())
        window.show()
        self.shell.close()
        self.window = window
        if note:
            window.statusBar().showMessage(note, 20000)
        self.opened.emit(window)

    def _fail(self, title: str, error: BaseException) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical, title, title, QMessageBox.StandardButton.Ok, self.shell
        )
        box.setInformativeText(str(error))
        box.finished.connect(self.gaveUp)
        self.failure = box
        box.open()
