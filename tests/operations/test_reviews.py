"""Review operations: each answer saved with its log on a connection of its own, undo too."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy.pool import QueuePool

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import CardCounts, DailyLimits
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.operations.changes import Changed
from studyplanner.operations.reviews import answer_card, open_review, undo_answer
from studyplanner.storage.errors import StorageError
from studyplanner.storage.reviews.reviews import Reviews
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW


def log(store: Store) -> list[tuple[int, int]]:
    with closing(sqlite3.connect(store.path)) as conn:
        return conn.execute("SELECT card_id, rating FROM review ORDER BY id").fetchall()


def started(store: Store, plan: int) -> None:
    first = store.sessions_between(plan, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(plan, first.key, status=SessionStatus.DONE)


def test_each_step_opens_and_closes_its_own_connection(
    store: Store, cards_plan: int, live: set[int]
) -> None:
    started(store, cards_plan)
    session, shown = open_review(store, DeckScope(), ReviewSettings(), DailyLimits(), NOW)
    assert live == {0}  # the queue is in memory; no connection is kept for the review
    assert shown.face is not None and shown.face.front == "What is a list?"
    assert shown.remaining == CardCounts(new=3, learning=0, review=0)
    assert shown.card is not None
    first = shown.card.id

    outcome = answer_card(session, Rating.Good, NOW, 4000).run(store)
    assert live == {0}
    pool = store.engine.pool
    assert isinstance(pool, QueuePool) and pool.checkedout() == 0  # given back, idle
    assert outcome.changed == Changed.NOTHING  # nothing in view shows it during a review
    after = outcome.value
    assert after.face is not None and after.face.front == "What is a dict?"
    assert after.remaining == CardCounts(new=2, learning=1, review=0)
    assert (after.answered, after.can_undo) == (1, True)
    assert log(store) == [(first, int(Rating.Good))]

    back = undo_answer(session, NOW).run(store).value
    assert live == {0}
    assert pool.checkedout() == 0
    assert back.card is not None and back.card.id == first
    assert back.card.state.state == State.Learning and back.card.state.last_review is None
    assert back.remaining == CardCounts(new=3, learning=0, review=0)
    assert (back.answered, back.can_undo) == (0, False)
    assert log(store) == []
    with closing(sqlite3.connect(store.path)) as conn:
        assert conn.execute("SELECT last_review FROM card WHERE id = ?", (first,)).fetchone() == (
            None,
        )


def test_an_answer_whose_next_card_cannot_be_read_is_not_saved(
    store: Store, cards_plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    started(store, cards_plan)
    session, shown = open_review(store, DeckScope(), ReviewSettings(), DailyLimits(), NOW)

    def unreadable(self: Reviews, card_id: int) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Reviews, "face", unreadable)
    with pytest.raises(StorageError, match="Saving your answer failed"):
        answer_card(session, Rating.Good, NOW, 4000).run(store)
    monkeypatch.undo()
    assert log(store) == []  # the answer went with the transaction
    assert session.current == shown.card  # and the review is where it was
    assert session.remaining() == shown.remaining
    assert (session.answered, session.can_undo) == (0, False)
    again = answer_card(session, Rating.Good, NOW, 4000).run(store).value
    assert again.face is not None and again.face.front == "What is a dict?"
    assert len(log(store)) == 1
