"""Reviewing as operations: open a review, answer a card, take an answer back, show what is due.

Each is one unit of work on the database worker, on a connection taken for it and given
back after it: nothing is held between two answers. Reads open a connection of their own; an
answer and its undo take the idle connection of the pool the store's changes are written
through (``store.write()``'s), since opening one would cost more than the rest of the answer.
An answer's outcome changes no page in view (today's counts are read again when they are next
shown), so it says ``Changed.NOTHING``.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing, suppress
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.ratings import Rating
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.operations.base import Operation, Outcome
from studyplanner.operations.changes import Changed
from studyplanner.storage.errors import DamagedDatabaseError
from studyplanner.storage.reviews.review_session import ReviewSession, Shown
from studyplanner.storage.reviews.reviews import Reviews

if TYPE_CHECKING:
    from studyplanner.storage.store import Store

T = TypeVar("T")


def _on_own_connection(store: Store, step: Callable[[Reviews], T]) -> T:
    with closing(store.reviews()) as reviews:
        return step(reviews)


def _on_pooled_connection(store: Store, step: Callable[[Reviews], T]) -> T:
    with closing(Reviews.from_pool(store.engine, store.path, store.guard)) as reviews:
        return step(reviews)


def open_review(
    store: Store,
    scope: DeckScope,
    settings: ReviewSettings,
    limits: DailyLimits,
    now: datetime,
) -> tuple[ReviewSession, Shown]:
    """Today's cards of a deck and the first to show: a read, for the worker.

    The first answer's own first steps are taken here too, while the screen says it is
    loading: the write guard's check of the file (0.3 s at 100,000 cards, once per store,
    unless a check of the file as it is was remembered) and the pool's first connection. A
    damaged file is left for the answer to tell.
    """
    with suppress(DamagedDatabaseError):
        store.guard.before_write()
    Reviews.from_pool(store.engine, store.path, store.guard).close()
    return _on_own_connection(
        store, lambda reviews: ReviewSession.open(reviews, scope, settings, limits, now)
    )


def show_due(store: Store, session: ReviewSession, now: datetime) -> Shown:
    """The card due now (a learning step that has come back), with its text: a read."""
    return _on_own_connection(store, lambda reviews: session.show(reviews, now))


def answer_card(
    session: ReviewSession, rating: Rating, now: datetime, duration_ms: int | None
) -> Operation[Shown]:
    """Rate the card shown; saved with its log, the next card read, in one transaction."""

    def work(store: Store) -> Outcome[Shown]:
        shown = _on_pooled_connection(
            store, lambda reviews: session.answer_on(reviews, rating, now, duration_ms)
        )
        return Outcome(Changed.NOTHING, shown)

    return Operation("Save Your Answer", work)


def undo_answer(session: ReviewSession, now: datetime) -> Operation[Shown]:
    """Take back the last answer: the card's old state, its log gone; that card shown again."""

    def work(store: Store) -> Outcome[Shown]:
        shown = _on_pooled_connection(store, lambda reviews: session.undo_on(reviews, now))
        return Outcome(Changed.NOTHING, shown)

    return Operation("Undo the Answer", work)
