"""The window's icon, found beside the resources package as the packaged app keeps it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studyplanner.ui.app import app_icon


def test_the_app_icon_is_found(qtbot: QtBot) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(32, 32).isNull()
