"""The deck tree model."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from studyplanner.core.cards.decks import deck_tree
from studyplanner.core.cards.queue import CardCounts
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.ui.models.decks import DeckTreeModel


def test_deck_tree(qtmodeltester: ModelTester, small_roadmap: Roadmap) -> None:
    model = DeckTreeModel()
    qtmodeltester.check(model)  # empty
    counts = {("small", "python"): CardCounts(2, 1, 3), ("small", "mlops"): CardCounts(1, 0, 0)}
    model.set_decks(deck_tree([small_roadmap], counts))
    qtmodeltester.check(model)
    root = model.index(0, 0)
    assert [model.index(0, c).data() for c in range(4)] == ["Small roadmap", "3", "1", "3"]
    stages = [model.index(r, 0, root).data() for r in range(model.rowCount(root))]
    assert stages == ["Basics", "On the job"]
    python = model.index(0, 0, model.index(0, 0, root))
    assert (python.data(), model.deck(python).scope.topic_ids) == ("Python", frozenset({"python"}))  # type: ignore[union-attr]
    assert python.parent().parent() == root
