"""The main window's flashcard actions: reviews, quizzes, the browser, backlogs, undo."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from studyplanner.core.cards.decks import Deck
from studyplanner.core.cards.queue import end_of_day, spread_backlog
from studyplanner.core.cards.quiz import Quiz, QuizMode, make_quiz
from studyplanner.core.cards.scheduling import retrievability
from studyplanner.core.planning.progress import hours_done, study_streak, weekly_progress
from studyplanner.storage.errors import StorageError
from studyplanner.storage.reviews.review_session import ReviewSession
from studyplanner.ui.common.errors import show_problem
from studyplanner.ui.common.review_options import daily_limits, review_settings
from studyplanner.ui.operations.card_commands import RescheduleCards
from studyplanner.ui.operations.plan_commands import (
    CardContext,
)
from studyplanner.ui.pages.flashcards import ALL_DECKS
from studyplanner.ui.window.base import PAGES, WindowBase

if TYPE_CHECKING:
    from studyplanner.ui.browser.card_browser import CardBrowser

QUIZ_QUESTIONS = 20


class CardActions(WindowBase):
    """Flashcards: counts on the pages, reviewing, quizzes, the browser and transfers."""

    _card_counts_stale = False

    def note_answer(self) -> None:
        """Note that an answer changed today's counts, to be read when they are next in view.

        They show on the Today page, not during the review: they are read again when that
        page is shown or the review ends. Reading them rebuilds a whole review queue: at
        100,000 cards, after every answer, that was a hundred times the answer itself.
        """
        self._card_counts_stale = True

    def refresh_cards(self) -> None:
        """Today's card counts on the Today page, and the deck tree when it is in view."""
        self._card_counts_stale = False
        now = self._now()
        try:
            due = self.store.cards_due_today(now, daily_limits(self.settings))
            has_cards = due.total > 0 or self.store.card_count() > 0
            self.today_page.show_cards(due if has_cards else None)
        except StorageError as error:
            show_problem(self, "The flashcards could not be read", error)
        self.refresh_decks()

    def refresh_card_stats(self) -> None:
        """The study and flashcards parts of the Progress page."""
        plan, today = self.current_plan(), self._today()
        try:
            if plan is not None:
                state = self.store.plan_state(plan.id)
                self.progress_page.show_study(
                    weekly_progress(state, self.week_model.first_weekday),
                    today,
                    study_streak(state, today),
                    hours_done(state),
                )
            stats = self.store.card_stats(self._now())
        except StorageError as error:
            show_problem(self, "The card statistics could not be read", error)
            return
        self.progress_page.show_cards(stats, self._now().date())

    def refresh_decks(self) -> None:
        """The deck tree, when the Flashcards page shows it."""
        page = self.flashcards_page
        if self.stack.currentWidget() is not page or page.in_review():
            return
        try:
            now = self._now()
            page.set_decks(self.store.decks(now))
            overdue = len(self.store.overdue_cards(now))
        except StorageError as error:
            show_problem(self, "The decks could not be read", error)
            return
        page.show_backlog(overdue, daily_limits(self.settings).reviews)

    def review(self, deck: Deck) -> None:
        """Start reviewing a deck on the Flashcards page."""
        if self.flashcards_page.in_review():
            self.flashcards_page.review_screen.end()
        now = self._now()
        try:
            session = ReviewSession(
                self.store.reviews(),
                deck.scope,
                review_settings(self.settings),
                daily_limits(self.settings),
                now,
                end_of_day(now),
            )
        except StorageError as error:
            show_problem(self, "The review could not start", error)
            return
        self.show_page(PAGES.index("Flashcards"))
        self.flashcards_page.review_screen.start(session, deck.title)
        self.flashcards_page.show_review()

    def open_browser(self) -> CardBrowser:
        """Show the card browser (one window, reused)."""
        if self.browser is None:
            from studyplanner.ui.browser.card_browser import CardBrowser  # loaded when first opened

            context = CardContext(self.store, self._cards_changed, partial(show_problem, self))
            self.browser = CardBrowser(context, self.undo_stack, self._now, self)
        self.browser.show()
        self.browser.raise_()
        self.browser.activateWindow()
        return self.browser

    def start_quiz(self, deck: Deck, mode: QuizMode) -> None:
        """A practice quiz of up to 20 questions on a deck; reviews are not affected."""
        try:
            asked, pool = self.store.quiz_cards(deck.scope)
        except StorageError as error:
            show_problem(self, "The quiz could not start", error)
            return
        if not asked:
            self.flashcards_page.quiz_result.setText(f"{deck.title} has no cards to quiz on.")
            return
        quiz = make_quiz(mode, asked, pool, self.quiz_random, QUIZ_QUESTIONS)
        self._quiz_deck = deck
        self.flashcards_page.quiz_screen.start(quiz, deck.title)
        self.flashcards_page.show_quiz()

    def _quiz_finished(self, quiz: Quiz | None) -> None:
        page = self.flashcards_page
        page.setCurrentIndex(0)
        if quiz is None:
            page.quiz_result.setText("Quiz ended before any answer.")
            return
        right, total = quiz.score
        try:
            self.store.save_quiz(quiz.mode, quiz.scores_by_topic(), self._now())
        except StorageError as error:
            show_problem(self, "The quiz score could not be saved", error)
        page.quiz_result.setText(
            f"Quiz on {self._quiz_deck.title}: {right} of {total} right ({right / total:.0%})."
        )

    def spread_backlog(self, days: int) -> None:
        """Spread the overdue cards over ``days`` days, most forgotten first, undoably."""
        now = self._now()
        settings = review_settings(self.settings)
        try:
            overdue = self.store.overdue_cards(now)
            reviews = self.store.reviews()
            try:
                days_off = reviews.days_off()
            finally:
                reviews.close()
        except StorageError as error:
            show_problem(self, "The overdue cards could not be read", error)
            return
        start = end_of_day(now) - timedelta(days=1)
        dues = spread_backlog(
            [(card, retrievability(card.state, now, settings)) for card in overdue],
            start,
            days,
            days_off.__contains__,
        )
        context = CardContext(self.store, self._cards_changed, partial(show_problem, self))
        text = f"Spread {len(dues)} Overdue Cards over {days} Days"
        self.undo_stack.push(RescheduleCards(context, dues, text))
        self.statusBar().showMessage(f"{text[0]}{text[1:].lower()}.", 8000)

    def chosen_deck(self) -> Deck:
        """The deck selected on the Flashcards page, or all decks."""
        page = self.flashcards_page
        return page.model.deck(page.tree.currentIndex()) or ALL_DECKS

    def _cards_transferred(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self._cards_changed()

    def _cards_changed(self) -> None:
        if self.browser is not None:
            self.browser.changed()
        self.refresh_cards()

    def undo(self) -> None:
        """Undo the last answer while reviewing, otherwise the last plan edit."""
        if self.flashcards_page.in_review():
            self.flashcards_page.review_screen.undo()
        else:
            self.undo_stack.undo()

    def redo(self) -> None:
        """Redo the last undone plan edit (answers are redone by answering again)."""
        if not self.flashcards_page.in_review():
            self.undo_stack.redo()

    def _update_undo(self) -> None:
        screen = self.flashcards_page.review_screen
        if self.flashcards_page.in_review():
            can_undo = screen.session is not None and screen.session.can_undo
            self.undo_action.setText("&Undo Answer")
            self.undo_action.setEnabled(can_undo)
            self.redo_action.setText("&Redo")
            self.redo_action.setEnabled(False)
            return
        stack = self.undo_stack
        self.undo_action.setText(f"&Undo {stack.undoText()}".rstrip())
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setText(f"&Redo {stack.redoText()}".rstrip())
        self.redo_action.setEnabled(stack.canRedo())
