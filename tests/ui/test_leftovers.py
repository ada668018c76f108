"""A finished test's widgets are deleted before the next test starts."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.ui.conftest import drop_leftover_widgets


class _InACycle(QWidget):
    """A parentless widget that only a Python reference cycle keeps alive."""

    def __init__(self) -> None:
        super().__init__()
        self.myself = self
        self.label = QLabel("inside", self)


def test_no_widget_of_an_earlier_test_is_alive(qapp: QApplication) -> None:
    assert qapp.allWidgets() == []


def test_leftover_widgets_are_deleted_at_once(qapp: QApplication) -> None:
    gc.disable()  # the cycle collector must not be what deletes the widget in the cycle
    try:
        scheduled = QWidget()
        scheduled.show()
        scheduled.close()
        scheduled.deleteLater()  # what pytest-qt does with a finished test's widgets
        unregistered = QWidget()
        unregistered.show()
        in_a_cycle = _InACycle().label  # the label's wrapper does not keep its parent alive
        widgets = (scheduled, unregistered, in_a_cycle)
        assert all(shiboken6.isValid(widget) for widget in widgets)
        drop_leftover_widgets()
        assert not any(shiboken6.isValid(widget) for widget in widgets)
        assert qapp.allWidgets() == []
    finally:
        gc.enable()
