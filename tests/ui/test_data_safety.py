"""Backups, restoring, recovery at start and disk errors, as the learner meets them."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from studyplanner.storage.reviews.reviews import Reviews
from studyplanner.storage.safety.backups import (
    Reason,
    backup_folder,
    list_backups,
    make_backup,
)
from studyplanner.storage.safety.integrity import Health
from studyplanner.storage.safety.recovery import check_data, database_path
from studyplanner.storage.store import Store
from studyplanner.ui.dialogs.recovery import RecoveryDialog
from studyplanner.ui.launch.startup import Startup
from studyplanner.ui.models.backups import BackupTableModel
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY, NOW
from tests.storage.safety.test_backups import EVENING, dump
from tests.storage.safety.test_recovery import digest, flip
from tests.ui.conftest import Problems, open_window, settle


def test_the_backup_table_model(qtmodeltester: ModelTester, store: Store, cards_plan: int) -> None:
    folder = backup_folder(store.path.parent)
    make_backup(store.path, folder, EVENING, Reason.AUTOMATIC)
    (folder / "studyplanner-2026-03-03-210000-000002-automatic.sqlite3").write_bytes(b"")
    model = BackupTableModel()
    model.set_backups(list_backups(folder))
    qtmodeltester.check(model)
    assert model.index(0, 2).data() == "Damaged (empty: the file has 0 bytes)"
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags
    assert model.index(1, 0).data() == "Mon 02 Mar 2026, 21:00"
    assert model.index(1, 1).data() == "Automatic"
    assert model.index(1, 2).data().startswith("1 plan, ")


def test_back_up_now_then_restore_it(qtbot: QtBot, store: Store, cards_plan: int) -> None:
    window = open_window(qtbot, store)
    window.action("backups").trigger()
    dialog = window.backups.backups_dialog
    assert dialog is not None
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    with qtbot.waitSignal(window.backups.backedUp, timeout=10000):
        dialog.backup_button.click()
    assert dialog.model.rowCount() == 1
    assert dialog.restore_button.isEnabled()  # the newest backup is selected
    [backup] = list_backups(backup_folder(store.path.parent))
    assert backup.reason == Reason.MANUAL

    [session] = store.sessions_between(cards_plan, MONDAY, MONDAY)
    before = store.session_edit(cards_plan, session.key)
    window.plans.edit_session(session, replace(before, notes="after the backup"))  # undoable
    settle(qtbot, window)
    assert window.runner.history.count() == 1
    dialog.restore_button.click()
    question = window.backups.restore_question
    assert question.text().startswith("Restore the backup from ")
    assert "1 plan" in question.informativeText()
    [restore_button] = [b for b in question.buttons() if b.text() == "&Restore"]
    with qtbot.waitSignal(window.backups.restored, timeout=10000):
        restore_button.click()
    settle(qtbot, window)
    assert dump(store.path) == dump(backup.path)
    assert "Your data before it is in" in window.statusBar().currentMessage()
    assert window.runner.history.count() == 0
    reasons = sorted(b.reason for b in list_backups(backup_folder(store.path.parent)))
    assert reasons == [Reason.BEFORE_RESTORE, Reason.MANUAL]
    assert dialog.model.rowCount() == 2


def test_the_daily_backup_runs_in_the_background_once(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    window = open_window(qtbot, store)
    with qtbot.waitSignal(window.backups.backedUp, timeout=10000) as made:
        window.backups.back_up_if_due()
    assert made.args is not None and made.args[0].reason == Reason.AUTOMATIC
    with qtbot.waitSignal(window.backups.backedUp, timeout=10000) as again:
        window.backups.back_up_if_due()
    assert again.args == [None]  # nothing changed since
    window.close()


def fill_the_disk(store: Store) -> None:
    """SQLite's own "disk full": no connection may grow the file beyond its present size."""
    pages = sqlite3.connect(store.path).execute("PRAGMA page_count").fetchone()[0]
    store.engine.dispose()

    def limit(connection: Any, _record: Any) -> None:
        connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", limit)


def test_a_full_disk_loses_the_change_and_says_so(
    qtbot: QtBot, store: Store, cards_plan: int, problems: Problems
) -> None:
    window = open_window(qtbot, store)
    browser = window.cards.open_browser()
    before = dump(store.path)
    fill_the_disk(store)
    browser.add_card()
    browser.dialog.deck_box.setEditText("Geography")
    browser.dialog.editor.front.setPlainText("Capital of France?")
    browser.dialog.editor.back.setPlainText("Paris. " * 3000)  # needs new pages
    browser.dialog.accept()
    settle(qtbot, window)
    [(title, message)] = problems
    assert title == "Could not add Card"
    assert message.startswith("Saving your change failed: the disk that holds ")
    assert "is full" in message
    assert window.runner.history.count() == 0  # a failed change joins no history
    assert not browser.undo_action.isEnabled()
    assert dump(store.path) == before


def test_an_answer_that_cannot_be_saved_keeps_the_card(
    qtbot: QtBot,
    store: Store,
    cards_plan: int,
    problems: Problems,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = store.sessions_between(cards_plan, MONDAY, MONDAY)[0]
    from studyplanner.core.planning.plan import SessionStatus

    with store.write() as writes:
        writes.update_session(cards_plan, first.key, status=SessionStatus.DONE)
    pooled = Reviews.from_pool

    def on_a_read_only_disk(*args: Any) -> Reviews:
        reviews = pooled(*args)
        reviews._conn.execute("PRAGMA query_only = ON")  # as a read-only disk refuses writes
        return reviews

    monkeypatch.setattr(Reviews, "from_pool", on_a_read_only_disk)
    window = open_window(qtbot, store)
    window.pages.today.review_button.click()
    screen = window.pages.flashcards.review_screen
    qtbot.waitUntil(lambda: screen.session is not None)  # the cards are read on the worker
    screen.reveal()
    with qtbot.assertNotEmitted(screen.answered):
        screen.rate(next(iter(screen.rate_buttons)))
        qtbot.waitUntil(screen.problem.isVisible)
    assert problems == []  # told in one line under the card, not in a dialog
    assert screen.problem.text().startswith("Your answer was not saved: Saving your answer failed")
    assert "read-only" in screen.problem.text()
    assert screen.card.toPlainText().startswith("What is a list?")
    assert screen.revealed and not screen.busy
    reviews = sqlite3.connect(store.path).execute("SELECT count(*) FROM review").fetchone()
    assert reviews == (0,)


def damage(data_dir: Path) -> str:
    path = database_path(data_dir)
    path.write_bytes(flip(10)(path.read_bytes()))
    return digest(path)


def starting(qtbot: QtBot, data_dir: Path) -> Startup:
    shell = QMainWindow()
    qtbot.addWidget(shell)
    shell.show()
    startup = Startup(data_dir, shell, lambda: MONDAY, lambda: NOW)
    startup.start()
    return startup


def test_a_damaged_database_offers_its_backups_at_start(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    data_dir = store.path.parent
    backup = make_backup(store.path, backup_folder(data_dir), EVENING, Reason.AUTOMATIC)
    store.close()
    damaged = damage(data_dir)
    startup = starting(qtbot, data_dir)
    dialog = startup.recovery
    assert isinstance(dialog, RecoveryDialog)
    assert dialog.isVisible()
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(startup.opened, timeout=10000):
        dialog.restore_button.click()
    window = startup.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert [p.name for p in window._plans] == ["Cards"]
    assert "The damaged file is kept as" in window.statusBar().currentMessage()
    kept = data_dir / "studyplanner.sqlite3.damaged-2026-03-02-093000"
    assert digest(kept) == damaged
    assert dump(database_path(data_dir)) == dump(backup.path)
    assert startup.store is not None
    startup.store.close()


def test_starting_fresh_keeps_the_damaged_file(qtbot: QtBot, tmp_path: Path) -> None:
    database_path(tmp_path).write_bytes(b"this is not a database at all")
    startup = starting(qtbot, tmp_path)
    dialog = startup.recovery
    assert dialog is not None
    assert not dialog.restore_button.isEnabled()  # no backups to offer
    with qtbot.waitSignal(startup.opened, timeout=10000):
        dialog.fresh_button.click()
    assert startup.window is not None
    qtbot.addWidget(startup.window)
    assert startup.window._plans == []
    kept = tmp_path / "studyplanner.sqlite3.damaged-2026-03-02-093000"
    assert kept.read_bytes() == b"this is not a database at all"
    assert check_data(tmp_path).health is Health.HEALTHY
    assert startup.store is not None
    startup.store.close()


def test_quitting_from_recovery_touches_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    database_path(tmp_path).write_bytes(b"")
    startup = starting(qtbot, tmp_path)
    assert startup.recovery is not None
    with qtbot.waitSignal(startup.gaveUp):
        startup.recovery.quit_button.click()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["studyplanner.sqlite3"]
    assert startup.window is None


def test_a_healthy_database_opens_without_asking(
    qtbot: QtBot, store: Store, cards_plan: int
) -> None:
    store.close()
    startup = starting(qtbot, store.path.parent)
    assert startup.recovery is None
    assert startup.window is not None
    qtbot.addWidget(startup.window)
    assert startup.store is not None
    startup.store.close()


def test_the_settings_keep_the_backup_counts(qtbot: QtBot, window: MainWindow) -> None:
    from studyplanner.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(window.settings)
    qtbot.addWidget(dialog)
    assert (dialog.daily_backups.value(), dialog.weekly_backups.value()) == (12, 10)
    dialog.monthly_backups.setValue(24)
    dialog.store_into(window.settings)
    assert window.settings.backup_policy.monthly == 24
