"""The backup as the app closes, whether or not the window had made its controllers yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studyplanner.storage.safety.backups import backup_folder, has_changed, list_backups
from studyplanner.ui.app import back_up_on_quit
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY, NOW
from tests.ui.window.test_today_first import store_with_plan


@pytest.mark.parametrize("built", [False, True])
def test_a_change_is_backed_up_on_quit(qtbot: QtBot, tmp_path: Path, built: bool) -> None:
    store, _plan = store_with_plan(tmp_path)  # a change since the last backup: none yet
    assert has_changed(backup_folder(tmp_path))
    window = MainWindow(store, lambda: MONDAY, lambda: NOW, today_first=True)
    qtbot.addWidget(window)
    assert not window.built  # closed in the moment after the Today page is painted
    if built:
        window.build_rest()
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=15000)
    window.close()
    window.tasks.shutdown()
    store.close()
    back_up_on_quit(tmp_path, window)
    assert len(list_backups(backup_folder(tmp_path))) == 1
    assert not has_changed(backup_folder(tmp_path))
