"""The deck tree model: roadmap, stage and topic decks, and a selection that survives a refresh."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QTreeView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.decks import deck_tree
from studyplanner.core.cards.queue import CardCounts
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.ui.models.decks import DeckTreeModel


def counts(**topics: tuple[int, int, int]) -> dict[tuple[str, str], CardCounts]:
    return {("small", topic): CardCounts(*n) for topic, n in topics.items()}


def titles(model: DeckTreeModel, parent: QModelIndex = QModelIndex()) -> list[str]:
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def tree_of(qtbot: QtBot, model: DeckTreeModel) -> QTreeView:
    tree = QTreeView()
    qtbot.addWidget(tree)
    tree.setModel(model)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return tree


def selected(tree: QTreeView, model: DeckTreeModel) -> list[str]:
    selection = tree.selectionModel()
    return [model.index(i.row(), 0, i.parent()).data() for i in selection.selectedRows()]


def test_deck_tree(qtmodeltester: ModelTester, small_roadmap: Roadmap) -> None:
    model = DeckTreeModel()
    qtmodeltester.check(model)  # empty
    model.set_decks(deck_tree([small_roadmap], counts(python=(2, 1, 3), mlops=(1, 0, 0))))
    qtmodeltester.check(model)
    root = model.index(0, 0)
    assert [model.index(0, c).data() for c in range(4)] == ["Small roadmap", "3", "1", "3"]
    assert titles(model, root) == ["Basics", "On the job"]
    python = model.index(0, 0, model.index(0, 0, root))
    assert (python.data(), model.deck(python).scope.topic_ids) == ("Python", frozenset({"python"}))  # type: ignore[union-attr]
    assert python.parent().parent() == root


def test_refreshes_pass_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, small_roadmap: Roadmap
) -> None:
    model = DeckTreeModel()
    tree = tree_of(qtbot, model)
    qtmodeltester.check(model)
    for each in (
        counts(python=(2, 1, 3)),
        counts(python=(1, 0, 0), sql=(1, 0, 0), mlops=(0, 0, 1), **{"cert-prep": (1, 0, 0)}),
        counts(mlops=(0, 0, 1)),
        {},
        counts(sql=(4, 0, 0)),
    ):
        tree.expandAll()
        tree.setCurrentIndex(model.index(0, 0))
        model.set_decks(deck_tree([small_roadmap], each))
        qtmodeltester.check(model)
    assert titles(model, model.index(0, 0)) == ["Basics"]


def test_the_selected_deck_stays_selected_across_a_refresh(
    qtmodeltester: ModelTester, qtbot: QtBot, small_roadmap: Roadmap
) -> None:
    model = DeckTreeModel()
    tree = tree_of(qtbot, model)
    model.set_decks(deck_tree([small_roadmap], counts(python=(2, 1, 3), sql=(1, 0, 0))))
    qtmodeltester.check(model)
    basics = model.index(0, 0, model.index(0, 0))
    tree.expand(model.index(0, 0))
    tree.expand(basics)
    tree.setCurrentIndex(model.index(1, 0, basics))
    assert selected(tree, model) == ["SQL"]

    # Python's cards are gone, so SQL moves up a row; its counts change.
    model.set_decks(deck_tree([small_roadmap], counts(sql=(0, 0, 5), mlops=(1, 0, 0))))
    basics = model.index(0, 0, model.index(0, 0))
    assert titles(model, basics) == ["SQL"]
    assert selected(tree, model) == ["SQL"]
    current = tree.currentIndex()
    assert (model.deck(current).title, current.row(), current.parent()) == ("SQL", 0, basics)  # type: ignore[union-attr]
    assert model.index(0, 3, basics).data() == "5"
    assert tree.isExpanded(basics)

    # A deck that is gone cannot stay selected.
    model.set_decks(deck_tree([small_roadmap], counts(mlops=(1, 0, 0))))
    assert selected(tree, model) == []
    assert not tree.currentIndex().isValid()
    assert titles(model, model.index(0, 0)) == ["On the job"]


def test_a_stage_stays_selected_when_the_stage_before_it_goes(
    qtbot: QtBot, small_roadmap: Roadmap
) -> None:
    model = DeckTreeModel()
    tree = tree_of(qtbot, model)
    model.set_decks(deck_tree([small_roadmap], counts(python=(1, 0, 0), mlops=(1, 0, 0))))
    tree.setCurrentIndex(model.index(1, 0, model.index(0, 0)))
    assert selected(tree, model) == ["On the job"]
    model.set_decks(deck_tree([small_roadmap], counts(mlops=(2, 0, 0))))
    assert selected(tree, model) == ["On the job"]
    assert tree.currentIndex() == model.index(0, 0, model.index(0, 0))
