"""The review options: defaults, the Settings dialog, and bad values in the file."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.ui.common.review_options import daily_limits, review_settings
from studyplanner.ui.common.settings import SETTINGS_NAME, AppSettings
from studyplanner.ui.dialogs.settings import SettingsDialog


def test_defaults_are_ankis_and_fsrss(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path)
    assert review_settings(settings) == ReviewSettings(0.9, True)
    assert daily_limits(settings) == DailyLimits(20, 200, None)


def test_the_dialog_keeps_the_review_options(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.retention.setValue(0.85)
    dialog.new_cards.setValue(5)
    dialog.minutes.setValue(15)
    dialog.balance.setChecked(False)
    dialog.store_into(settings)
    settings.sync()
    reread = AppSettings(tmp_path)
    assert review_settings(reread) == ReviewSettings(0.85, False)
    assert daily_limits(reread) == DailyLimits(5, 200, 15)


def test_bad_values_in_the_file_fall_back_or_are_clamped(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_NAME).write_text(
        "[review]\ndesired_retention=1.5\nnew_per_day=lots\nminutes_per_day=-3\n"
    )
    settings = AppSettings(tmp_path)
    assert review_settings(settings).desired_retention == 0.99
    assert daily_limits(settings) == DailyLimits(20, 200, None)
