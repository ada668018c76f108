"""The backups as a table: damaged ones shown, greyed out, and never offered."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from studyplanner.storage.safety.backups import Backup, Contents, Reason
from studyplanner.ui.models.backups import BackupTableModel, describe_size

TAKEN = datetime(2026, 3, 2, 9, 30)


def backups() -> list[Backup]:
    held = Contents(plans=1, sessions=120, cards=40, reviews=300)
    return [
        Backup(Path("manual.db"), TAKEN, Reason.MANUAL, 3 * 1024 * 1024, held, sequence=3),
        Backup(Path("auto.db"), TAKEN, Reason.AUTOMATIC, 2048, held, sequence=2),
        Backup(Path("odd.db"), TAKEN, "after-import", 0, None, "not a database", 1),
    ]


def test_backup_table(qtmodeltester: ModelTester) -> None:
    model = BackupTableModel()
    qtmodeltester.check(model)  # empty
    model.set_backups(backups())
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(4)] == [
        "Mon 02 Mar 2026, 09:30",
        "Made by you",
        "1 plan, 120 sessions, 40 cards, 300 reviews",
        "3.0 MB",
    ]
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == "manual.db"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Size"
    damaged = model.index(2, 2)
    assert damaged.data() == "Damaged (not a database)"
    assert model.index(2, 1).data() == "After import"
    assert damaged.data(Qt.ItemDataRole.ToolTipRole) == "Cannot be restored: not a database"
    assert model.flags(damaged) == Qt.ItemFlag.NoItemFlags
    assert model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsSelectable
    model.set_backups(backups()[1:2])  # a reset
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Automatic"


def test_sizes_read_like_a_file_manager() -> None:
    assert [describe_size(n) for n in (0, 100, 2048, 5 * 1024 * 1024 + 1)] == [
        "0 bytes",
        "1 KB",
        "2 KB",
        "5.0 MB",
    ]
