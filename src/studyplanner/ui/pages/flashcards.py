"""The Flashcards page: the deck tree with today's counts, and the review screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studyplanner.core.cards.decks import ALL_DECKS, Deck
from studyplanner.core.cards.queue import CardCounts
from studyplanner.core.cards.quiz import QuizMode
from studyplanner.ui.models.decks import DeckTreeModel
from studyplanner.ui.review.quiz_screen import QuizScreen
from studyplanner.ui.review.review_screen import ReviewScreen


class FlashcardsPage(QStackedWidget):
    """Pick a deck and review it; the review screen takes the page while it runs."""

    reviewRequested = Signal(object)  # the Deck to review
    quizRequested = Signal(object, object)  # the Deck, and the QuizMode
    spreadRequested = Signal(int)  # over how many days
    browseRequested = Signal()
    addRequested = Signal()

    def __init__(self, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.model = DeckTreeModel(self)
        heading = QLabel("Flashcards")
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Flashcards summary")
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Decks")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setAccessibleName("Deck columns")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.activated.connect(self._review_index)
        self.review_button = QPushButton("Review Deck")
        self.review_button.setAccessibleName("Review the selected deck")
        self.review_button.setDefault(True)
        self.review_button.clicked.connect(lambda: self._review_index(self.tree.currentIndex()))
        self.review_all_button = QPushButton("Review All")
        self.review_all_button.setAccessibleName("Review every deck")
        self.review_all_button.clicked.connect(lambda: self.reviewRequested.emit(ALL_DECKS))
        self.browse_button = QPushButton("Browse Cards…")
        self.browse_button.setAccessibleName("Browse cards")
        self.browse_button.clicked.connect(self.browseRequested)
        self.add_button = QPushButton("Add Card…")
        self.add_button.setAccessibleName("Add a card")
        self.add_button.clicked.connect(self.addRequested)
        self.quiz_mode = QComboBox()
        self.quiz_mode.setAccessibleName("Quiz kind")
        self.quiz_mode.view().setAccessibleName("Quiz kinds")
        self.quiz_mode.addItem("Multiple choice", QuizMode.CHOICE)
        self.quiz_mode.addItem("Typed answers", QuizMode.TYPED)
        self.quiz_button = QPushButton("Practice Quiz")
        self.quiz_button.setAccessibleName("Practice quiz on the selected deck")
        self.quiz_button.setToolTip("Test yourself without changing when cards are due")
        self.quiz_button.clicked.connect(self._quiz)
        self.quiz_result = QLabel()
        self.quiz_result.setAccessibleName("Last quiz result")
        self.quiz_result.setTextFormat(Qt.TextFormat.PlainText)  # names a deck
        buttons = QHBoxLayout()
        buttons.addWidget(self.browse_button)
        buttons.addWidget(self.add_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.quiz_mode)
        buttons.addWidget(self.quiz_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.review_all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.review_button)

        self.backlog = QLabel()
        self.backlog.setObjectName("missedBanner")
        self.backlog.setWordWrap(True)
        self.backlog.setAccessibleName("Overdue cards")
        self.spread_days = QSpinBox()
        self.spread_days.setRange(2, 60)
        self.spread_days.setValue(7)
        self.spread_days.setSuffix(" days")
        self.spread_days.setAccessibleName("Spread over how many days")
        self.spread_button = QPushButton("Spread Them Out")
        self.spread_button.setAccessibleName("Spread the overdue cards out")
        self.spread_button.clicked.connect(
            lambda: self.spreadRequested.emit(self.spread_days.value())
        )
        backlog_row = QHBoxLayout()
        backlog_row.addWidget(self.backlog, 1)
        backlog_row.addWidget(self.spread_days)
        backlog_row.addWidget(self.spread_button)
        self.backlog_widgets = (self.backlog, self.spread_days, self.spread_button)
        self.show_backlog(0, 0)

        browser = QWidget()
        layout = QVBoxLayout(browser)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addLayout(backlog_row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.quiz_result)
        layout.addLayout(buttons)
        self.review_screen = ReviewScreen(now)
        self.review_screen.finished.connect(lambda: self.setCurrentIndex(0))
        self.quiz_screen = QuizScreen()
        self.addWidget(browser)
        self.addWidget(self.review_screen)
        self.addWidget(self.quiz_screen)

    def set_decks(self, decks: tuple[Deck, ...]) -> None:
        """Show the deck tree, keeping the tree open as far as it goes."""
        self.model.set_decks(decks)
        self.tree.expandToDepth(0)
        for column in range(1, 4):
            self.tree.resizeColumnToContents(column)
        total = CardCounts(
            sum(d.counts.new for d in decks),
            sum(d.counts.learning for d in decks),
            sum(d.counts.review for d in decks),
        )
        if not decks:
            self.summary.setText(
                "No flashcards yet. Cards arrive with the roadmap of your first plan."
            )
        else:
            self.summary.setText(
                f"Today: {total.review} due, {total.learning} learning and {total.new} new "
                "cards ready (new cards appear once their topic's first session is done). "
                "Pick a deck and press Enter to review it."
            )
        has_cards = total.total > 0
        self.review_all_button.setEnabled(has_cards)
        self.review_button.setEnabled(bool(decks))
        self.quiz_button.setEnabled(bool(decks))
        if decks and not self.tree.currentIndex().isValid():
            self.tree.setCurrentIndex(self.model.index(0, 0))

    def show_backlog(self, overdue: int, per_day: int) -> None:
        """Offer to spread overdue cards out when there are more than a day's reviews."""
        shown = overdue > max(per_day, 0) and overdue > 0
        for widget in self.backlog_widgets:
            widget.setVisible(shown)
        self.backlog.setText(
            f"{overdue} cards are overdue from earlier days, more than a day's reviews. "
            "Spread them over the coming days, the ones you are most likely to have forgotten "
            "first, instead of one huge pile."
        )

    def in_review(self) -> bool:
        """Whether the review screen is showing."""
        return self.currentWidget() is self.review_screen

    def show_review(self) -> None:
        """Bring the review screen forward."""
        self.setCurrentWidget(self.review_screen)
        self.review_screen.setFocus()

    def show_quiz(self) -> None:
        """Bring the quiz screen forward."""
        self.setCurrentWidget(self.quiz_screen)

    def _quiz(self) -> None:
        deck = self.model.deck(self.tree.currentIndex()) or ALL_DECKS
        self.quizRequested.emit(deck, QuizMode(self.quiz_mode.currentData()))

    def _review_index(self, index: QModelIndex) -> None:
        deck = self.model.deck(index)
        if deck is not None:
            self.reviewRequested.emit(deck)
