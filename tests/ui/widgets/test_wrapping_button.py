"""A button whose long text wraps: every word stays inside it, at any width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from studyplanner.ui.widgets.wrapping_button import WrappingButton

LONG = (
    "Deciding where and how AI slots into products and business workflows, selecting "
    "frameworks and platforms, making sure the systems scale, and keeping them secure."
)


def test_a_long_text_wraps_inside_a_narrow_button(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    button = WrappingButton()
    button.setMinimumHeight(36)
    QVBoxLayout(holder).addWidget(button)
    button.setText(LONG)
    assert button.text() == LONG
    holder.resize(1400, 200)
    holder.show()
    qtbot.waitExposed(holder)
    one_line = button.height()
    holder.resize(320, 400)
    qtbot.waitUntil(lambda: button.width() <= 320)
    label = button.findChild(QLabel)
    assert label is not None
    qtbot.waitUntil(lambda: button.height() > one_line)
    assert label.geometry().bottom() < button.height()  # the last line is inside the button
    assert label.height() >= label.heightForWidth(label.width())  # and not cut off
    assert button.minimumSizeHint().width() < 320


def test_clicks_reach_the_button_through_its_text(qtbot: QtBot) -> None:
    button = WrappingButton()
    qtbot.addWidget(button)
    button.setText("Right")
    button.resize(200, 40)
    button.show()
    qtbot.waitExposed(button)
    with qtbot.waitSignal(button.clicked, timeout=2000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
