"""Shown at start when the database is damaged: restore a backup, or start with empty data."""

from __future__ import annotations

import html
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from studyplanner.storage.safety.backups import Backup
from studyplanner.storage.safety.integrity import Checkup, Health
from studyplanner.ui.common.safe_text import message_box
from studyplanner.ui.dialogs.backups import backup_table, chosen_backup, select_first_usable
from studyplanner.ui.models.backups import BackupTableModel


class Recovery(Enum):
    """What the learner chose."""

    RESTORE = "restore"
    START_FRESH = "start fresh"
    QUIT = "quit"


class RecoveryDialog(QDialog):
    """Says what is wrong and that the damaged file is kept, then offers the ways on."""

    chosen = Signal(object, object)  # a Recovery, and the backup's path (or None)

    def __init__(self, checkup: Checkup, backups: list[Backup], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Study Planner's data needs attention")
        self._answered = False
        usable = [b for b in backups if b.usable]
        what = QLabel(_explanation(checkup, bool(usable)))
        what.setTextFormat(Qt.TextFormat.RichText)
        what.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.model.set_backups(backups)
        self.table = backup_table(self.model, "Backups to restore")
        self.table.setVisible(bool(backups))
        select_first_usable(self.table, self.model)
        self.restore_button = QPushButton("&Restore Selected Backup")
        self.fresh_button = QPushButton("&Start Fresh")
        self.quit_button = QPushButton("&Quit")
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.fresh_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(bool(usable))
        self.restore_button.setDefault(bool(usable))
        self.table.selectionModel().selectionChanged.connect(
            lambda: self.restore_button.setEnabled(
                chosen_backup(self.table, self.model) is not None
            )
        )
        self.restore_button.clicked.connect(self._restore)
        self.fresh_button.clicked.connect(lambda: self._choose(Recovery.START_FRESH, None))
        self.quit_button.clicked.connect(lambda: self._choose(Recovery.QUIT, None))
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _enable(self) -> None:
        self.restore_button.setEnabled(chosen_backup(self.table, self.model) is not None)

    def _restore(self) -> None:
        backup = chosen_backup(self.table, self.model)
        if backup is not None:
            self._choose(Recovery.RESTORE, backup.path)

    def _choose(self, choice: Recovery, backup: Path | None) -> None:
        if self._answered:
            return
        self._answered = True
        self.chosen.emit(choice, backup)
        self.done(0 if choice is Recovery.QUIT else 1)

    def reject(self) -> None:
        """Closing the dialog (or Escape) quits, leaving every file as it is."""
        self._choose(Recovery.QUIT, None)


def _explanation(checkup: Checkup, can_restore: bool) -> str:
    """What is wrong, what happens to the file, and the ways on, as rich text."""
    folder = html.escape(str(checkup.path.parent))
    if checkup.health is Health.MISSING:
        head = (
            f"<p><b>There is no data file in {folder}, but there are backups of it.</b></p>"
            "<p>It may have been moved or deleted outside Study Planner.</p>"
        )
    else:
        head = (
            f"<p><b>The data file cannot be used: it is {checkup.health.value}.</b><br>"
            f"{html.escape(checkup.detail)}</p>"
            f"<p>The file, {html.escape(checkup.path.name)}, will be kept, renamed, in "
            f"{folder}. Nothing is deleted.</p>"
        )
    if can_restore:
        return head + "<p>Choose a backup to restore, or start with empty data.</p>"
    return head + (
        "<p>There is no backup to restore, so Study Planner can start with empty data.</p>"
    )


def unreachable_box(checkup: Checkup, parent: Any = None) -> QMessageBox:
    """Shown when the disk or the folder stops the check: try again, or quit; nothing moves."""
    box = message_box(
        QMessageBox.Icon.Warning,
        "Study Planner cannot reach its data",
        "Study Planner cannot reach its data right now.",
        QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close,
        parent,
    )
    box.setInformativeText(
        f"{checkup.detail[:1].upper()}{checkup.detail[1:]}.\n\nNothing has been changed or "
        "moved. Fix this, then choose Retry."
    )
    box.button(QMessageBox.StandardButton.Close).setText("&Quit")
    box.setDefaultButton(QMessageBox.StandardButton.Retry)
    return box
