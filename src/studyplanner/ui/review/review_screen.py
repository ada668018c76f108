"""The review screen: front, then back and four ratings, as in Anki; each step on the worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

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

from studyplanner.core.cards.queue import CardCounts
from studyplanner.core.cards.ratings import Rating
from studyplanner.core.cards.scheduling import describe_interval
from studyplanner.operations.reviews import answer_card, show_due, undo_answer
from studyplanner.storage.errors import StorageError
from studyplanner.storage.reviews.review_session import ReviewSession, Shown
from studyplanner.ui.common.errors import show_problem
from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.operations.runner import OperationRunner
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
        self.runner: OperationRunner | None = None
        self._shown: Shown | None = None
        self._busy = False  # a step is on the worker
        self._opening = 0  # counts the reviews begun, so that a late one is not shown
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
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setAccessibleName("Problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()

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
        layout.addWidget(self.problem)
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

    def use(self, runner: OperationRunner) -> None:
        """Run the review's steps through ``runner``, on the database worker."""
        self.runner = runner

    def begin(self, title: str) -> int:
        """Say the cards are loading; returns the number ``start`` must be given for them."""
        self._stop()
        self._opening += 1
        self.deck_label.setText(title)
        self.progress.clear()
        self.problem.hide()
        self.done_label.setText("Loading cards…")
        self.body.setCurrentWidget(self.done_label)
        self.buttons.setCurrentIndex(0)
        self.buttons.setEnabled(False)
        self.setFocus()
        self.undoChanged.emit(False)
        return self._opening

    def start(self, opening: int, session: ReviewSession, shown: Shown) -> bool:
        """Show the review ``begin`` announced; False if it was ended or replaced meanwhile."""
        if opening != self._opening:
            return False
        self.session = session
        self._show(shown)
        return True

    def start_failed(self, opening: int) -> bool:
        """The review ``begin`` announced could not be read: end it, if it is still shown."""
        if opening != self._opening:
            return False
        self.end()
        return True

    @property
    def busy(self) -> bool:
        """Whether a step (an answer, an undo) is being saved or read on the worker."""
        return self._busy

    def show_next(self) -> None:
        """A learning step has come back: read it and show it."""
        session, runner = self.session, self.runner
        if session is None or runner is None or self._busy:
            return
        self._busy = True
        now, store = self._now(), runner.store
        runner.read(
            lambda: show_due(store, session, now),
            lambda shown: self._step_done(session, shown),
            "The next card could not be read",
        )

    def _show(self, shown: Shown) -> None:
        """Show the card's front, or say the review is finished."""
        now = self._now()
        self._shown = shown
        self.revealed = False
        self._update_progress(shown.remaining)
        if shown.card is None or shown.face is None:
            self._show_done(shown, now)
            return
        show_card(self.card, shown.face.front, media=shown.face.media)
        self.body.setCurrentWidget(self.card)
        self.buttons.setCurrentIndex(0)
        self.buttons.setEnabled(True)
        self._shown_at = now

    def _show_done(self, shown: Shown, now: datetime) -> None:
        waiting = shown.waiting_until
        if waiting is None:
            text = "Congratulations! You have finished this deck for now."
        else:
            at = waiting.astimezone(now.tzinfo)
            text = f"A learning card comes back at {at:%H:%M}. Study something else meanwhile."
            self._wake.start(max(1000, int((waiting - now).total_seconds() * 1000)))
        self.done_label.setText(f"{text}\n\n{shown.answered} cards answered in this review.")
        self.body.setCurrentWidget(self.done_label)
        self.buttons.setEnabled(False)

    def reveal(self) -> None:
        """Show the back and the four ratings with their intervals."""
        session, shown = self.session, self._shown
        if session is None or shown is None or shown.face is None or self.revealed:
            return
        if self._busy:
            return
        show_card(self.card, shown.face.front, shown.face.back, shown.face.media)
        intervals = session.intervals(self._now())
        for rating, name, key in RATINGS:
            label = describe_interval(intervals[rating])
            button = self.rate_buttons[rating]
            button.setText(f"{name}\n{label}")
            button.setAccessibleName(f"{name}, next in {label} (key {key})")
        self.buttons.setCurrentIndex(1)
        self.revealed = True

    def rate(self, rating: Rating) -> None:
        """Answer the card shown; the next card appears when the answer is saved.

        Keys pressed while it is being saved are not taken: they would rate a card not yet
        seen.
        """
        session, runner = self.session, self.runner
        if session is None or runner is None or not self.revealed or self._busy:
            return
        now = self._now()
        shown = self._shown_at or now
        duration = min(MAX_ANSWER_MS, max(0, int((now - shown).total_seconds() * 1000)))
        self._busy = True
        runner.run(
            answer_card(session, rating, now, duration),
            lambda next_shown: self._step_done(session, next_shown, answered=True),
            lambda error: self._step_failed(session, "Your answer was not saved", error),
        )

    def undo(self) -> None:
        """Take back the last answer and show that card again."""
        session, runner = self.session, self.runner
        if session is None or runner is None or self._busy or not session.can_undo:
            return
        self._busy = True
        runner.run(
            undo_answer(session, self._now()),
            lambda shown: self._step_done(session, shown, answered=True),
            lambda error: self._step_failed(session, "The answer could not be taken back", error),
        )

    def _step_done(self, session: ReviewSession, shown: Shown, answered: bool = False) -> None:
        if session is not self.session:
            return  # the review was ended meanwhile: what it saved stays saved
        self._busy = False
        self.problem.hide()
        self._show(shown)
        if answered:
            self.answered.emit()
        self.undoChanged.emit(shown.can_undo)

    def _step_failed(self, session: ReviewSession, title: str, error: BaseException) -> None:
        if not isinstance(error, StorageError):
            raise error  # a bug: the crash dialog tells it
        if session is not self.session:
            show_problem(self.window(), title, error)
            return
        # Nothing changed: the card stays on screen with its answer buttons, to try again.
        self._busy = False
        self.problem.setText(f"{title}: {error} Try again.")
        self.problem.show()

    def end(self) -> None:
        """Stop reviewing."""
        self._stop()
        self._opening += 1  # a review still loading is not shown
        self.undoChanged.emit(False)
        self.finished.emit()

    def _stop(self) -> None:
        self._wake.stop()
        if self.session is not None:
            self.session.close()
            self.session = None
        self._shown = None
        self._busy = False
        self.revealed = False

    def _space(self) -> None:
        if self.revealed:
            self.rate(Rating.Good)  # as in Anki, Space on the back answers Good
        else:
            self.reveal()

    def _key_rate(self, rating: Rating) -> None:
        if self.revealed:
            self.rate(rating)

    def _update_progress(self, left: CardCounts) -> None:
        self.progress.setText(
            f"<span style='color:#3b7dd8'>{left.new} new</span> · "
            f"<span style='color:#d9534f'>{left.learning} learning</span> · "
            f"<span style='color:#3c9a5f'>{left.review} due</span>"
        )
        self.progress.setAccessibleDescription(
            f"{left.new} new, {left.learning} learning, {left.review} due"
        )
