"""The plain list model every list of the app builds on, and column titles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from studyplanner.ui.models.base import PlainListModel, column_title
from tests.ui.models.resets import ResetWatch


class Words(PlainListModel[str]):
    """The smallest real subclass: each row shows its word."""

    def item_data(self, item: str, role: int) -> Any:
        return item if role == Qt.ItemDataRole.DisplayRole else None


def test_a_plain_list(qtmodeltester: ModelTester) -> None:
    model = Words()
    qtmodeltester.check(model)  # empty
    watch = ResetWatch(model)
    model.set_items(("list", "dict", "set"))
    qtmodeltester.check(model)
    assert [model.index(r).data() for r in range(model.rowCount())] == ["list", "dict", "set"]
    assert model.index(0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0)) == 0  # a list: no children
    model.set_items([])
    qtmodeltester.check(model)
    assert (model.rowCount(), watch.resets) == (0, 2)


def test_the_items_are_copied_before_the_reset() -> None:
    model = Words()
    items = ["list"]
    model.set_items(items)
    items.append("dict")
    assert model.rowCount() == 1


def test_column_titles() -> None:
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    display = Qt.ItemDataRole.DisplayRole
    assert column_title(("A", "B"), 1, horizontal, display) == "B"
    assert column_title(("A", "B"), 2, horizontal, display) is None
    assert column_title(("A", "B"), 0, vertical, display) is None
    assert column_title(("A", "B"), 0, horizontal, Qt.ItemDataRole.ToolTipRole) is None
