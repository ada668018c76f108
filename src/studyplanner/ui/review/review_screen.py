"""The review screen: front first, then the back and four ratings, as in Anki."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fsrs import Rating
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyplanner.core.cards.scheduling import describe_interval
from studyplanner.storage.errors import StorageError
from studyplanner.storage.reviews.review_session import ReviewSession
from studyplanner.ui.common.errors import show_problem
from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.widgets.fields import show_card

# Like Anki, a long pause (the learner walked away) counts as this much answering time.
MAX_ANSWER_MS = 60_000
RATINGS = (
    (Rating.Again, "Again", "1"),
    (Rating.Hard, "Hard", "2"),
    (Rating.Good, "Good", "3"),
    (Rating.Easy, "Easy", "4"),
)


class ReviewScreen(QWidget):
    """Shows one card at a time; Space or Enter reveals, 1 to 4 rate, Escape ends."""

    finished = Signal()
    answered = Signal()
    undoChanged = Signal(bool)

    def __init__(self, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self._now = now
        self.session: ReviewSession | None = None
        self._shown_at: datetime | None = None
        self.revealed = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.deck_label = QLabel()
        self.deck_label.setObjectName("pageTitle")
        self.deck_label.setTextFormat(Qt.TextFormat.PlainText)  # a deck's name
        self.progress = QLabel()
        self.progress.setAccessibleName("Cards left")
        self.progress.setTextFormat(Qt.TextFormat.RichText)
        self.card = SafeTextBrowser()
        self.card.setAccessibleName("Card")
        self.card.setObjectName("reviewCard")
        self.done_label = QLabel()
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_label.setWordWrap(True)
        self.done_label.setAccessibleName("Review finished")

        self.show_button = QPushButton("Show Answer")
        self.show_button.setAccessibleName("Show answer (Space)")
        self.show_button.setToolTip("Space or Enter")
        self.show_button.clicked.connect(self.reveal)
        self.rate_buttons: dict[Rating, QPushButton] = {}
        rate_row = QWidget()
        rate_layout = QHBoxLayout(rate_row)
        rate_layout.setContentsMargins(0, 0, 0, 0)
        for rating, name, key in RATINGS:
            button = QPushButton(name)
            button.setMinimumHeight(44)
            button.setToolTip(f"{name} ({key})")
            button.clicked.connect(lambda _=False, r=rating: self.rate(r))
            self.rate_buttons[rating] = button
            rate_layout.addWidget(button)
        self.buttons = QStackedWidget()
        self.buttons.addWidget(self.show_button)
        self.buttons.addWidget(rate_row)
        self.buttons.setMaximumHeight(56)
        self.end_button = QPushButton("End Review")
        self.end_button.setAccessibleName("End review (Escape)")
        self.end_button.clicked.connect(self.end)

        header = QHBoxLayout()
        header.addWidget(self.deck_label, 1)
        header.addWidget(self.progress)
        self.body = QStackedWidget()
        self.body.addWidget(self.card)
        self.body.addWidget(self.done_label)
        footer = QHBoxLayout()
        footer.addWidget(self.end_button)
        footer.addWidget(self.buttons, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        layout.addLayout(footer)

        for keys, slot in (
            (("Space", "Return", "Enter"), self._space),
            (("Escape",), self.end),
            *(((key,), lambda r=rating: self._key_rate(r)) for rating, _name, key in RATINGS),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.timeout.connect(self.show_next)

    def start(self, session: ReviewSession, title: str) -> None:
        """Begin reviewing a deck."""
        self.session = session
        self.deck_label.setText(title)
        self.show_next()
        self.setFocus()
        self.undoChanged.emit(False)

    def show_next(self) -> None:
        """Show the next card's front, or say the review is finished."""
        session = self.session
        if session is None:
            return
        now = self._now()
        card = session.next(now)
        self.revealed = False
        self._update_progress()
        if card is None:
            self._show_done(session, now)
            return
        face = session.face()
        show_card(self.card, face.front)
        self.body.setCurrentWidget(self.card)
        self.buttons.setCurrentIndex(0)
        self.buttons.setEnabled(True)
        self._shown_at = now

    def _show_done(self, session: ReviewSession, now: datetime) -> None:
        waiting = session.waiting_until()
        if waiting is None:
            text = "Congratulations! You have finished this deck for now."
        else:
            at = waiting.astimezone(now.tzinfo)
            text = f"A learning card comes back at {at:%H:%M}. Study something else meanwhile."
            self._wake.start(max(1000, int((waiting - now).total_seconds() * 1000)))
        self.done_label.setText(f"{text}\n\n{session.answered} cards answered in this review.")
        self.body.setCurrentWidget(self.done_label)
        self.buttons.setEnabled(False)

    def reveal(self) -> None:
        """Show the back and the four ratings with their intervals."""
        session = self.session
        if session is None or session.current is None or self.revealed:
            return
        face = session.face()
        show_card(self.card, face.front, face.back)
        intervals = session.intervals(self._now())
        for rating, name, key in RATINGS:
            label = describe_interval(intervals[rating])
            button = self.rate_buttons[rating]
            button.setText(f"{name}\n{label}")
            button.setAccessibleName(f"{name}, next in {label} (key {key})")
        self.buttons.setCurrentIndex(1)
        self.revealed = True

    def rate(self, rating: Rating) -> None:
        """Answer the card shown; the answer is saved before the next card appears."""
        session = self.session
        if session is None or not self.revealed:
            return
        now = self._now()
        shown = self._shown_at or now
        duration = min(MAX_ANSWER_MS, max(0, int((now - shown).total_seconds() * 1000)))
        try:
            session.answer(rating, now, duration)
        except StorageError as error:
            # Nothing changed: the card stays on screen with its answer buttons, to try again.
            show_problem(self, "Your answer was not saved", error)
            return
        self.answered.emit()
        self.undoChanged.emit(True)
        self.show_next()

    def undo(self) -> None:
        """Take back the last answer and show that card again."""
        session = self.session
        if session is None or not session.can_undo:
            return
        try:
            session.undo()
        except StorageError as error:
            show_problem(self, "The answer could not be taken back", error)
            return
        self.answered.emit()
        self.undoChanged.emit(False)
        self.show_next()

    def end(self) -> None:
        """Stop reviewing."""
        self._wake.stop()
        if self.session is not None:
            self.session.close()
            self.session = None
        self.undoChanged.emit(False)
        self.finished.emit()

    def _space(self) -> None:
        if self.revealed:
            self.rate(Rating.Good)  # as in Anki, Space on the back answers Good
        else:
            self.reveal()

    def _key_rate(self, rating: Rating) -> None:
        if self.revealed:
            self.rate(rating)

    def _update_progress(self) -> None:
        assert self.session is not None
        left = self.session.remaining()
        self.progress.setText(
            f"<span style='color:#3b7dd8'>{left.new} new</span> · "
            f"<span style='color:#d9534f'>{left.learning} learning</span> · "
            f"<span style='color:#3c9a5f'>{left.review} due</span>"
        )
        self.progress.setAccessibleDescription(
            f"{left.new} new, {left.learning} learning, {left.review} due"
        )
