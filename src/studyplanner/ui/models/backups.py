"""The backups as a table: when, why, what each holds; damaged ones shown but not selectable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from studyplanner.storage.safety.backups import Backup, Reason
from studyplanner.ui.models.base import AnyIndex, column_title

HEADERS = ("Taken", "Kind", "Holds", "Size")
KINDS = {
    Reason.AUTOMATIC: "Automatic",
    Reason.MANUAL: "Made by you",
    Reason.BEFORE_RESTORE: "Before a restore",
    Reason.BEFORE_UPGRADE: "Before an upgrade",
}


def describe_size(size: int) -> str:
    """A file size the way a file manager shows it."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB" if size else "0 bytes"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupTableModel(QAbstractTableModel):
    """One row per backup file, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.backups: list[Backup] = []

    def set_backups(self, backups: list[Backup]) -> None:
        """Replace every row."""
        backups = list(backups)
        self.beginResetModel()
        self.backups = backups
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """How many backups."""
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        """Taken, kind, contents and size."""
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text; a damaged backup says what is wrong in every cell's tooltip."""
        if not index.isValid() or not 0 <= index.row() < len(self.backups):
            return None
        backup = self.backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(backup, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Cannot be restored: {backup.problem}" if not backup.usable else None
        if role == Qt.ItemDataRole.UserRole:
            return str(backup.path)
        return None

    @staticmethod
    def _text(backup: Backup, column: int) -> str:
        if column == 0:
            return backup.taken.strftime("%a %d %b %Y, %H:%M")
        if column == 1:
            return KINDS.get(backup.reason, backup.reason.replace("-", " ").capitalize())
        if column == 2:
            return str(backup.contents) if backup.usable else f"Damaged ({backup.problem})"
        return describe_size(backup.size)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Usable backups can be chosen; damaged ones are shown greyed out."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.backups[index.row()].usable:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles."""
        return column_title(HEADERS, section, orientation, role)
