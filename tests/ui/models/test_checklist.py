"""The lists the learner ticks: topics already known, and days off."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from studyplanner.core.roadmap.model import Roadmap
from studyplanner.ui.models.checklist import DaysOffModel, TopicChecklistModel

CHECK = Qt.ItemDataRole.CheckStateRole


def test_topics_can_be_ticked(qtmodeltester: ModelTester, small_roadmap: Roadmap) -> None:
    model = TopicChecklistModel()
    qtmodeltester.check(model)  # empty
    model.set_items(list(small_roadmap.all_topics()))
    qtmodeltester.check(model)
    assert model.index(0).data() == "Python (2–4 h)"
    assert model.index(0).data(CHECK) == Qt.CheckState.Unchecked
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(model.index(1), Qt.CheckState.Checked.value, CHECK)
    assert model.known == {"sql"}
    assert model.index(1).data(CHECK) == Qt.CheckState.Checked
    assert not model.setData(model.index(1), "SQL", Qt.ItemDataRole.EditRole)
    assert model.setData(model.index(1), Qt.CheckState.Unchecked.value, CHECK)
    assert model.known == set()
    model.set_items(list(small_roadmap.all_topics())[:2])  # another roadmap's topics
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_days_off_stay_in_date_order(qtmodeltester: ModelTester) -> None:
    model = DaysOffModel()
    qtmodeltester.check(model)  # empty
    model.add(date(2026, 3, 20), date(2026, 3, 16))  # given backwards
    model.add(date(2026, 3, 9), date(2026, 3, 9))
    qtmodeltester.check(model)
    assert [model.index(r).data() for r in range(model.rowCount())] == [
        "Monday 09 March 2026",
        "16 March 2026 to 20 March 2026",
    ]
    assert model.items() == [
        (date(2026, 3, 9), date(2026, 3, 9)),
        (date(2026, 3, 16), date(2026, 3, 20)),
    ]
    model.remove(0)
    qtmodeltester.check(model)
    assert model.items() == [(date(2026, 3, 16), date(2026, 3, 20))]
