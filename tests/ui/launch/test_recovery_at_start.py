"""Recovery at start tells damage from circumstance, and never starts empty beside backups."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from studyplanner.storage.safety.backups import Reason, backup_folder, make_backup
from studyplanner.storage.safety.integrity import Checkup, Health
from studyplanner.storage.safety.recovery import check_data, database_path
from studyplanner.storage.store import Store
from studyplanner.ui.dialogs.recovery import RecoveryDialog
from studyplanner.ui.window.main_window import MainWindow
from tests.storage.safety.test_backups import EVENING, dump
from tests.storage.small_disk import SmallDisk
from tests.ui.test_data_safety import starting


def test_an_unreachable_database_is_not_offered_for_replacing(
    qtbot: QtBot, store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = store.path.parent
    make_backup(store.path, backup_folder(data_dir), EVENING, Reason.AUTOMATIC)
    store.close()
    before = sorted(p.name for p in data_dir.rglob("*"))
    full = Checkup(database_path(data_dir), Health.UNAVAILABLE, "the disk that holds it is full")
    checks = [full]
    monkeypatch.setattr(
        "studyplanner.ui.launch.startup.check_data",
        lambda folder: checks.pop() if checks else check_data(folder),
    )
    startup = starting(qtbot, data_dir)
    box = startup.unreachable
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert startup.recovery is None  # no restore, no start fresh: the file is not damaged
    assert "The disk that holds it is full." in box.informativeText()
    assert "Nothing has been changed" in box.informativeText()
    assert sorted(p.name for p in data_dir.rglob("*")) == before
    # Space is freed; Retry opens the data as it was.
    with qtbot.waitSignal(startup.opened, timeout=10000):
        box.button(QMessageBox.StandardButton.Retry).click()
    window = startup.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert [p.name for p in window._plans] == ["Cards"]
    assert startup.store is not None
    startup.store.close()


def test_quitting_while_unreachable_moves_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_path(tmp_path).write_bytes(b"whatever is there")
    stuck = Checkup(database_path(tmp_path), Health.UNAVAILABLE, "the folder is read-only")
    monkeypatch.setattr("studyplanner.ui.launch.startup.check_data", lambda _: stuck)
    startup = starting(qtbot, tmp_path)
    assert startup.unreachable is not None
    with qtbot.waitSignal(startup.gaveUp):
        startup.unreachable.button(QMessageBox.StandardButton.Close).click()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["studyplanner.sqlite3"]


def test_a_missing_database_beside_backups_offers_them(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    data_dir = store.path.parent
    backup = make_backup(store.path, backup_folder(data_dir), EVENING, Reason.AUTOMATIC)
    store.close()
    database_path(data_dir).unlink()
    startup = starting(qtbot, data_dir)
    dialog = startup.recovery
    assert isinstance(dialog, RecoveryDialog) and dialog.isVisible()
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(startup.opened, timeout=10000):
        dialog.restore_button.click()
    assert startup.window is not None
    qtbot.addWidget(startup.window)
    assert [p.name for p in startup.window._plans] == ["Cards"]
    assert dump(database_path(data_dir)) == dump(backup.path)
    assert startup.store is not None
    startup.store.close()


def test_a_first_start_opens_without_asking(qtbot: QtBot, tmp_path: Path) -> None:
    startup = starting(qtbot, tmp_path)
    assert startup.recovery is None and startup.unreachable is None
    assert startup.window is not None
    qtbot.addWidget(startup.window)
    assert startup.store is not None
    startup.store.close()


def test_a_first_start_on_a_full_disk_is_a_message_not_a_crash(
    qtbot: QtBot,
    small_disk: SmallDisk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crashes: list[object] = []
    monkeypatch.setattr("studyplanner.ui.common.errors.show_crash", lambda *a: crashes.append(a))
    data_dir = small_disk.root / "new"
    data_dir.mkdir()
    small_disk.fill()
    startup = starting(qtbot, data_dir)
    box = startup.failure
    assert box.isVisible() and crashes == []
    assert "Creating the database failed" in box.informativeText()
    assert "is full. Free at least" in box.informativeText()
    assert list(data_dir.iterdir()) == []  # no empty file to be called damaged next time
    with qtbot.waitSignal(startup.gaveUp):
        box.button(QMessageBox.StandardButton.Ok).click()


def test_a_read_only_data_folder_opens_to_look_at(
    qtbot: QtBot,
    small_disk: SmallDisk,
) -> None:
    from studyplanner.storage.database.instance_lock import InstanceLock
    from tests.conftest import make_cards_plan
    from tests.roadmaps import CATALOGUE

    data_dir = small_disk.root / "data"
    store = Store.open(data_dir, CATALOGUE)
    make_cards_plan(store)
    store.close()
    with small_disk.read_only():
        lock = InstanceLock(data_dir).acquire()  # as the app takes it
        try:
            assert lock.read_only
            startup = starting(qtbot, data_dir)
            window = startup.window
            assert isinstance(window, MainWindow)
            qtbot.addWidget(window)
            assert [p.name for p in window._plans] == ["Cards"]
            assert "is read-only: you can look at everything" in window.statusBar().currentMessage()
            assert startup.store is not None
            startup.store.close()
            window.close()
        finally:
            lock.release()
