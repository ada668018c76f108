"""The Backups dialog: every backup with what it holds, Back Up Now, and Restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from studyplanner.storage.safety.backups import Backup, BackupPolicy
from studyplanner.ui.models.backups import BackupTableModel


def backup_table(model: BackupTableModel, name: str) -> QTableView:
    """A read-only table of backups, one row chosen at a time."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.setMinimumSize(640, 240)
    return table


def select_first_usable(table: QTableView, model: BackupTableModel) -> None:
    """Select the newest backup that can be restored, if there is one."""
    for row, backup in enumerate(model.backups):
        if backup.usable:
            table.selectionModel().select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            table.setCurrentIndex(model.index(row, 0))
            return


def chosen_backup(table: QTableView, model: BackupTableModel) -> Backup | None:
    """The usable backup selected in the table."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    backup = model.backups[rows[0].row()]
    return backup if backup.usable else None


class BackupsDialog(QDialog):
    """Lists the backups; the window does the backing up and restoring it asks for."""

    backUpRequested = Signal()
    restoreRequested = Signal(Path)

    def __init__(self, folder: Path, policy: BackupPolicy, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        intro = QLabel(
            "Study Planner backs up your data once a day when something has changed, and "
            f"keeps the last {policy.daily} daily, {policy.weekly} weekly and "
            f"{policy.monthly} monthly copies (change this in Settings). Restoring a backup "
            "first backs up your data as it is now, so you can always go back.\n\n"
            f"The backups are in {folder}."
        )
        intro.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.table = backup_table(self.model, "Backups")
        self.backup_button = QPushButton("&Back Up Now")
        self.restore_button = QPushButton("&Restore…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.backUpRequested)
        self.restore_button.clicked.connect(self._restore)
        self.table.doubleClicked.connect(self._restore)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def set_backups(self, backups: list[Backup]) -> None:
        """Show these backups, the newest usable one selected."""
        self.model.set_backups(backups)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        select_first_usable(self.table, self.model)
        self._enable()

    def _enable(self) -> None:
        self.restore_button.setEnabled(chosen_backup(self.table, self.model) is not None)

    def _restore(self) -> None:
        backup = chosen_backup(self.table, self.model)
        if backup is not None:
            self.restoreRequested.emit(backup.path)
