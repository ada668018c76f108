"""The card browser: search, sort, edit, suspend, delete and add cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyplanner import APP_NAME
from studyplanner.core.cards.media import media_names
from studyplanner.core.cards.search import SearchError, parse_search
from studyplanner.operations.cards import AddCard, DeleteCards, EditCard, SuspendCards
from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.card_queries import CardRow, SortKey
from studyplanner.storage.queries.views import CardText
from studyplanner.storage.store import Store
from studyplanner.ui.common.clock import Clock
from studyplanner.ui.common.errors import show_problem
from studyplanner.ui.dialogs.card import AddCardDialog
from studyplanner.ui.models.card_table import CardTableModel
from studyplanner.ui.operations.runner import OperationRunner
from studyplanner.ui.widgets.card_editor import CardEditor

SEARCH_HELP = (
    "Words search the front and back. tag:name, deck:name, is:due, is:new and is:suspended "
    'narrow the search; a leading - excludes. Quote phrases: "list comprehension".'
)


class CardBrowser(QMainWindow):
    """A window over every card; edits are operations, undone from either window."""

    searched = Signal(int)  # how many cards were found

    def __init__(
        self,
        store: Store,
        runner: OperationRunner,
        clock: Clock,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Browse Cards — {APP_NAME}")
        self.resize(1100, 700)
        self.store, self.runner, self._now = store, runner, clock.now
        self.sort, self.descending = SortKey.CREATED, False
        self.model = CardTableModel(store.card_rows, self)
        self.model.sortRequested.connect(self._sort)

        self.search = QLineEdit()
        self.search.setAccessibleName("Search cards")
        self.search.setPlaceholderText("Search: words, tag:, deck:, is:due, is:new, is:suspended")
        self.search.setToolTip(SEARCH_HELP)
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.count = QLabel()
        self.count.setAccessibleName("Cards found")
        self.problem = QLabel()
        self.problem.setAccessibleName("Search problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # quotes what was typed
        self.problem.setStyleSheet("color: #d9534f")
        self.problem.hide()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Cards")
        # No indicator at first (the order cards were added in), set before sorting is enabled:
        # enabling it sorts by the indicator at once, which would search in another order.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setAccessibleName("Card rows")
        self.table.horizontalHeader().setAccessibleName("Card columns")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((300, 260, 260, 90, 80)):
            self.table.setColumnWidth(column, width)
        selection = self.table.selectionModel()
        assert selection is not None
        selection.selectionChanged.connect(self._selected)
        self.model.fetchFailed.connect(self._fetch_failed)

        self.editor = CardEditor()
        self.save_button = QPushButton("Save Changes")
        self.save_button.setAccessibleName("Save changes to the card")
        self.save_button.clicked.connect(self.save)
        self.editor.changed.connect(lambda: self.save_button.setEnabled(self._edited()))
        editor_panel = QWidget()
        editor_layout = QVBoxLayout(editor_panel)
        editor_layout.addWidget(self.editor, 1)
        editor_layout.addWidget(self.save_button)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(top)
        left_layout.addWidget(self.problem)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(editor_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)
        self._build_actions()
        self._show_card(None)
        self.run_search()

    def _build_actions(self) -> None:
        toolbar = self.addToolBar("Cards")
        toolbar.setObjectName("cardToolbar")
        toolbar.setMovable(False)
        self.add_action = self._action("&Add Card…", QKeySequence("Ctrl+Shift+N"), self.add_card)
        self.suspend_action = self._action("&Suspend", QKeySequence("Ctrl+J"), self.toggle_suspend)
        self.delete_action = self._action(
            "&Delete", QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self.save_action = self._action("Save", QKeySequence.StandardKey.Save, self.save)
        self.find_action = self._action("Find", QKeySequence.StandardKey.Find, self.search.setFocus)
        toolbar.addActions([self.add_action, self.suspend_action, self.delete_action])
        # The window's history: an edit made here can be undone there, and the other way round.
        self.undo_action = self._action("&Undo", QKeySequence.StandardKey.Undo, self.runner.undo)
        self.redo_action = self._action("&Redo", QKeySequence.StandardKey.Redo, self.runner.redo)
        self.runner.undoChanged.connect(self._update_undo)
        self._update_undo()
        menu = self.menuBar().addMenu("&Cards")
        menu.addActions([self.add_action, self.suspend_action, self.delete_action])
        menu.addSeparator()
        menu.addActions([self.undo_action, self.redo_action])

    def _action(
        self, text: str, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _update_undo(self) -> None:
        history = self.runner.history
        self.undo_action.setText(f"&Undo {history.undoText()}".rstrip())
        self.undo_action.setEnabled(self.runner.can_undo)
        self.redo_action.setText(f"&Redo {history.redoText()}".rstrip())
        self.redo_action.setEnabled(self.runner.can_redo)

    # Searching

    def run_search(self) -> None:
        """Search again with the text in the search field, keeping the selected card if found."""
        selected = self.selected_ids()
        try:
            ids = self.store.search_cards(
                parse_search(self.search.text()), self.sort, self.descending, self._now()
            )
        except (SearchError, StorageError) as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.problem.hide()
        self.model.set_ids(ids)
        self.count.setText(f"{len(ids):,} card{'s' if len(ids) != 1 else ''}")
        row = self.model.row_of(selected[0]) if selected else -1
        if row >= 0:
            self.table.selectRow(row)
        self.searched.emit(len(ids))

    def _sort(self, sort: SortKey, descending: bool) -> None:
        # Qt asks for the order it already has too (enabling sorting; sortByColumn sorts twice):
        # only a new order is worth a search, which at 100,000 cards takes a while.
        if (sort, descending) == (self.sort, self.descending):
            return
        self.sort, self.descending = sort, descending
        self.run_search()

    def _fetch_failed(self, error: StorageError) -> None:
        show_problem(self, "The cards could not be read", error)

    def changed(self) -> None:
        """Something was edited: read the cards again."""
        self.run_search()
        self._show_card(self.current_row())

    # Selection and editing

    def selected_ids(self) -> list[int]:
        """The ids of the selected cards, in table order."""
        selection = self.table.selectionModel()
        assert selection is not None
        return [self.model.card_id(index.row()) for index in sorted(selection.selectedRows())]

    def current_row(self) -> int | None:
        """The row of the one selected card, if exactly one is selected."""
        selection = self.table.selectionModel()
        assert selection is not None
        rows = selection.selectedRows()
        return rows[0].row() if len(rows) == 1 else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_card(self.current_row())

    def _show_card(self, row: int | None) -> None:
        card = None if row is None else self.model.card(row)
        self.editor.setEnabled(card is not None)
        self.editor.set_text(
            CardText(card.front, card.back, card.tags) if card else CardText("", "", "")
        )
        self._read_pictures(card)
        self.save_button.setEnabled(False)
        ids = self.selected_ids()
        self.suspend_action.setEnabled(bool(ids))
        self.delete_action.setEnabled(bool(ids))
        suspended = card is not None and card.suspended
        self.suspend_action.setText("Un&suspend" if suspended else "&Suspend")

    def _read_pictures(self, card: CardRow | None) -> None:
        """The preview's pictures, read on the worker; shown if the card is still the one shown."""
        self.editor.set_media({})
        names = media_names(f"{card.front}\n{card.back}") if card else set()
        if card is None or not names:
            return

        def show(media: dict[str, bytes]) -> None:
            row = self.current_row()
            shown = None if row is None else self.model.card(row)
            if shown is not None and shown.id == card.id:
                self.editor.set_media(media)

        self.runner.read(lambda: self.store.media(names), show, "No pictures")

    def _edited(self) -> bool:
        row = self.current_row()
        card = None if row is None else self.model.card(row)
        return card is not None and self.editor.text() != CardText(card.front, card.back, card.tags)

    def save(self) -> None:
        """Keep the edited text of the selected card."""
        row = self.current_row()
        card = None if row is None else self.model.card(row)
        if card is None or not self._edited():
            return
        before = CardText(card.front, card.back, card.tags)
        self.runner.perform(EditCard(card.id, before, self.editor.text(), self._now()))

    def toggle_suspend(self) -> None:
        """Suspend the selected cards, or bring them back if the current one is suspended."""
        ids = self.selected_ids()
        if not ids:
            return
        first = self.model.card(self.model.row_of(ids[0]))
        suspend = not (first is not None and first.suspended)
        self.runner.perform(SuspendCards(ids, suspend))

    def delete_selected(self) -> None:
        """Delete the selected cards and their history (undo brings them back)."""
        ids = self.selected_ids()
        if ids:
            self.runner.perform(DeleteCards(ids))

    def add_card(self) -> None:
        """Open the Add Card dialog; the card is added when the learner presses Add."""
        try:
            decks = self.store.card_decks()
        except StorageError as error:
            show_problem(self, "The decks could not be read", error)
            return
        dialog = AddCardDialog(decks, self)
        dialog.accepted.connect(lambda: self.runner.perform(AddCard(dialog.card(), self._now())))
        dialog.open()
        self.dialog = dialog
