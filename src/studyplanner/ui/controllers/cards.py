"""The window's flashcards: counts and decks read on the worker, reviews, quizzes, the browser."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject

from studyplanner.core.cards.decks import ALL_DECKS, Deck
from studyplanner.core.cards.media import media_names
from studyplanner.core.cards.queue import CardCounts, end_of_day, spread_backlog
from studyplanner.core.cards.scheduling import retrievability
from studyplanner.core.planning.progress import (
    WeekProgress,
    hours_done,
    study_streak,
    weekly_progress,
)
from studyplanner.storage.errors import StorageError
from studyplanner.ui.common.review_options import daily_limits, review_settings
from studyplanner.ui.controllers.context import WindowContext

if TYPE_CHECKING:
    from studyplanner.core.cards.quiz import Quiz, QuizMode
    from studyplanner.storage.queries.views import CardStats
    from studyplanner.storage.reviews.review_session import ReviewSession, Shown
    from studyplanner.ui.browser.card_browser import CardBrowser
    from studyplanner.ui.pages.flashcards import FlashcardsPage

QUIZ_QUESTIONS = 20


class _Study(NamedTuple):
    """The Progress page's study part, as ``ProgressPage.show_study`` takes it."""

    weeks: list[WeekProgress]
    today: date
    streak: int
    hours: float


class CardsController(QObject):
    """Flashcards: counts on the pages, reviewing, quizzes, the browser and backlogs."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context.window)
        self.context = context
        self.browser: CardBrowser | None = None
        self.quiz_random = random.Random()
        self._quiz_deck: Deck = ALL_DECKS
        self.counts_stale = False  # an answer changed today's counts, not yet read again
        context.pages.today.reviewRequested.connect(lambda: self.review(ALL_DECKS))

    def connect_page(self, page: FlashcardsPage) -> None:
        """Take the Flashcards page's requests; it is made when first shown or asked for."""
        context = self.context
        page.reviewRequested.connect(self.review)
        page.quizRequested.connect(self.start_quiz)
        page.spreadRequested.connect(self.spread_backlog)
        page.quiz_screen.finished.connect(self._quiz_finished)
        page.browseRequested.connect(lambda: self.open_browser())
        page.addRequested.connect(lambda: self.open_browser().add_card())
        page.review_screen.use(context.runner)
        page.review_screen.answered.connect(self.note_answer)
        page.review_screen.finished.connect(self.refresh)

    # Reading, on the worker

    def note_answer(self) -> None:
        """An answer changed today's counts: read them when they are next in view.

        They show on the Today page, not during the review. Reading them rebuilds a whole
        review queue: at 100,000 cards, after every answer, that was a hundred times the
        answer itself.
        """
        self.counts_stale = True

    def refresh(self) -> None:
        """Today's card counts on the Today page, and the deck tree when it is in view."""
        self.counts_stale = False
        store, now = self.context.store, self.context.clock.now()
        limits = daily_limits(self.context.settings)

        def work() -> CardCounts | None:
            due = store.cards_due_today(now, limits)
            return due if due.total > 0 or store.card_count() > 0 else None

        self.context.runner.read(
            work, self.context.pages.today.show_cards, "The flashcards could not be read"
        )
        self.refresh_decks()

    def refresh_decks(self) -> None:
        """The deck tree, when the Flashcards page shows it."""
        context = self.context
        if context.shown_page() != "Flashcards" or context.pages.reviewing():
            return
        page = context.pages.flashcards
        store, now = context.store, context.clock.now()
        reviews_a_day = daily_limits(context.settings).reviews

        def work() -> tuple[tuple[Deck, ...], int]:
            return store.decks(now), len(store.overdue_cards(now))

        def show(result: tuple[tuple[Deck, ...], int]) -> None:
            if not page.in_review():
                page.set_decks(result[0])
                page.show_backlog(result[1], reviews_a_day)

        context.runner.read(work, show, "The decks could not be read")

    def refresh_stats(self) -> None:
        """The study and flashcards parts of the Progress page."""
        context = self.context
        plan, today, now = context.current_plan(), context.clock.today(), context.clock.now()
        store, first_weekday = context.store, context.pages.week.first_weekday
        page = context.pages.progress

        def work() -> tuple[_Study | None, CardStats]:
            study = None
            if plan is not None:
                state = store.plan_state(plan.id)
                study = _Study(
                    weekly_progress(state, first_weekday),
                    today,
                    study_streak(state, today),
                    hours_done(state),
                )
            return study, store.card_stats(now)

        def show(result: tuple[_Study | None, CardStats]) -> None:
            study, stats = result
            if study is not None and context.current_plan() == plan:
                page.show_study(*study)
            page.show_cards(stats, now.date())

        context.runner.read(work, show, "The card statistics could not be read")

    # Reviewing and quizzes

    def review(self, deck: Deck) -> None:
        """Start reviewing a deck on the Flashcards page: its cards are read on the worker."""
        context, page = self.context, self.context.pages.flashcards
        screen = page.review_screen
        store, now = context.store, context.clock.now()
        settings, limits = review_settings(context.settings), daily_limits(context.settings)
        opening = screen.begin(deck.title)
        context.show_page("Flashcards")
        page.show_review()

        def work() -> tuple[ReviewSession, Shown] | StorageError:
            from studyplanner.operations.reviews import open_review

            try:
                return open_review(store, deck.scope, settings, limits, now)
            except StorageError as error:  # told below, and the review ends
                return error

        def show(result: tuple[ReviewSession, Shown] | StorageError) -> None:
            if isinstance(result, StorageError):
                if screen.start_failed(opening):
                    context.report("The review could not start", result)
                return
            screen.start(opening, *result)

        context.runner.read(work, show, "The review could not start")

    def start_quiz(self, deck: Deck, mode: QuizMode) -> None:
        """A practice quiz of up to 20 questions on a deck; reviews are not affected.

        The deck's cards are read on the worker: at 100,000 cards that is more than a frame.
        """
        page, store, chooser = self.context.pages.flashcards, self.context.store, self.quiz_random
        page.quiz_button.setEnabled(False)  # one quiz at a time, while its cards are read

        def work() -> tuple[Quiz, dict[str, bytes]] | None:
            from studyplanner.core.cards.quiz import make_quiz

            asked, pool = store.quiz_cards(deck.scope)
            if not asked:
                return None
            quiz = make_quiz(mode, asked, pool, chooser, QUIZ_QUESTIONS)
            names = {n for q in quiz.questions for n in media_names(q.card.front)}
            return quiz, store.media(names) if names else {}

        def show(made: tuple[Quiz, dict[str, bytes]] | None) -> None:
            page.quiz_button.setEnabled(True)
            if made is None:
                page.quiz_result.setText(f"No cards to quiz on in {deck.title}.")
                return
            self._quiz_deck = deck
            quiz, media = made
            page.quiz_screen.start(quiz, deck.title, media)
            page.show_quiz()

        def failed(error: BaseException) -> None:
            page.quiz_button.setEnabled(True)
            self.context.report("The quiz could not start", error)

        self.context.runner.tasks.run(work, show, failed)

    def _quiz_finished(self, quiz: Quiz | None) -> None:
        page = self.context.pages.flashcards
        page.setCurrentIndex(0)
        if quiz is None:
            page.quiz_result.setText("Quiz ended before any answer.")
            return
        from studyplanner.operations.cards import save_quiz

        right, total = quiz.score
        page.quiz_result.setText(
            f"Quiz on {self._quiz_deck.title}: {right} of {total} right ({right / total:.0%})."
        )
        self.context.runner.run(
            save_quiz(quiz.mode, quiz.scores_by_topic(), self.context.clock.now()),
            lambda _none: None,
            lambda error: self.context.report("The quiz score could not be saved", error),
        )

    def spread_backlog(self, days: int) -> None:
        """Spread the overdue cards over ``days`` days, most forgotten first, undoably."""
        context = self.context
        store, now = context.store, context.clock.now()
        settings = review_settings(context.settings)

        def work() -> dict[int, datetime]:
            overdue = store.overdue_cards(now)
            reviews = store.reviews()
            try:
                days_off = reviews.days_off()
            finally:
                reviews.close()
            return spread_backlog(
                [(card, retrievability(card.state, now, settings)) for card in overdue],
                end_of_day(now) - timedelta(days=1),
                days,
                days_off.__contains__,
            )

        def spread(dues: dict[int, datetime]) -> None:
            from studyplanner.operations.cards import RescheduleCards

            text = f"Spread {len(dues)} Overdue Cards over {days} Days"
            context.runner.perform(RescheduleCards(dues, text))
            context.say(f"{text[0]}{text[1:].lower()}.")

        context.runner.read(work, spread, "The overdue cards could not be read")

    # The browser

    def open_browser(self) -> CardBrowser:
        """Show the card browser (one window, reused)."""
        if self.browser is None:
            from studyplanner.ui.browser.card_browser import CardBrowser  # loaded when first opened

            self.browser = CardBrowser(
                self.context.store, self.context.runner, self.context.clock, self.context.window
            )
        self.browser.show()
        self.browser.raise_()
        self.browser.activateWindow()
        return self.browser

    def chosen_deck(self) -> Deck:
        """The deck selected on the Flashcards page, or all decks."""
        page = self.context.pages.flashcards
        return page.model.deck(page.tree.currentIndex()) or ALL_DECKS

    def cards_changed(self) -> None:
        """Cards changed (here or elsewhere): the browser, the counts and the decks."""
        if self.browser is not None:
            self.browser.changed()
        self.refresh()
