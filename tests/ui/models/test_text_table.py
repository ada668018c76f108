"""A table of text: the numbers behind a chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from studyplanner.ui.models.text_table import TextTableModel


def test_rows_under_fixed_headers(qtmodeltester: ModelTester) -> None:
    model = TextTableModel(("Day", "Reviews"))
    qtmodeltester.check(model)  # empty
    rows = [("Mon 02 Mar", "12"), ("Tue 03 Mar", "0")]
    model.set_rows(rows)
    qtmodeltester.check(model)
    rows.append(("Wed 04 Mar", "3"))  # the model holds its own copy
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.index(1, 1).data() == "0"
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Reviews"
    model.set_rows([("Mon 09 Mar", "5")])
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Mon 09 Mar"
