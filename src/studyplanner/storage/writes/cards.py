"""The store's writes of flashcards and quiz scores: new cards, edits, suspending, deleting."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from uuid import uuid4

from sqlalchemy import insert, update
from sqlmodel import col, select

from studyplanner.core.cards.history import PastReview
from studyplanner.core.cards.scheduling import CardState
from studyplanner.storage.queries.views import CardText, NewCard, StoredCard
from studyplanner.storage.schema.tables import CardRecord, QuizResultRecord, ReviewRecord
from studyplanner.storage.writes.base import WritesBase
from studyplanner.storage.writes.rows import table_of

CARDS = table_of(CardRecord)
REVIEWS = table_of(ReviewRecord)


class CardWrites(WritesBase):
    """Cards of roadmaps and of the learner's own decks, and the quizzes taken on them."""

    def add_card(self, card: NewCard, now: datetime) -> int:
        """A new card, scheduled as new; its key is made unique from the time and a counter."""
        record = CardRecord(
            roadmap_id=card.roadmap_id,
            topic_id=card.topic_id,
            deck=card.deck,
            key=f"own-{now:%Y%m%d%H%M%S%f}-{uuid4().hex[:8]}",
            front=card.text.front,
            back=card.text.back,
            tags=card.text.tags,
            created_at=now.astimezone(UTC),
        )
        self.session.add(record)
        self.session.flush()
        assert record.id is not None
        return record.id

    def add_cards(self, cards: list[NewCard], now: datetime) -> int:
        """Many new cards in one insert, with the schedules and answers they bring; how many."""
        created = now.astimezone(UTC)
        stamp = f"{now:%Y%m%d%H%M%S%f}-{uuid4().hex[:8]}"
        rows = [
            {
                "roadmap_id": card.roadmap_id,
                "topic_id": card.topic_id,
                "deck": card.deck,
                "key": f"own-{stamp}-{n}",
                "front": card.text.front,
                "back": card.text.back,
                "tags": card.text.tags,
                "created_at": created,
                "guid": card.guid,
                "modified_at": _utc(card.modified),
                "suspended": card.suspended,
                **_schedule(card.state),
            }
            for n, card in enumerate(cards)
        ]
        if rows:  # Core's executemany on the table: the ORM's bulk insert costs a third more
            self.session.execute(insert(CARDS), rows)
        pasts = {f"own-{stamp}-{n}": card.history for n, card in enumerate(cards) if card.history}
        if pasts:
            self._add_histories(pasts)
        return len(rows)

    def _add_histories(self, pasts: dict[str, tuple[PastReview, ...]]) -> None:
        """The answers imported cards bring, found by the keys the cards were just given."""
        keys = list(pasts)
        ids: dict[str, int] = {}
        for start in range(0, len(keys), 500):  # under SQLite's limit of bound parameters
            chunk = keys[start : start + 500]
            ids.update(
                (key, card_id)
                for card_id, key in self.session.execute(
                    select(CardRecord.id, CardRecord.key).where(col(CardRecord.key).in_(chunk))
                )
            )
        rows = [
            {
                "card_id": ids[key],
                "rating": int(past.rating),
                "reviewed_at": past.at.astimezone(UTC),
                "duration_ms": past.duration_ms,
                "kind": past.kind,
            }
            for key, history in pasts.items()
            for past in history
        ]
        self.session.execute(insert(REVIEWS), rows)

    def add_quiz_scores(
        self, mode: str, scores: dict[tuple[str, str], tuple[int, int]], now: datetime
    ) -> None:
        """One quiz's score, a row per (roadmap, topic); own decks have no roadmap."""
        rows = [
            {
                "roadmap_id": roadmap or None,
                "topic_id": topic if roadmap else "",
                "deck": "" if roadmap else topic,
                "mode": mode,
                "taken_at": now.astimezone(UTC),
                "correct": right,
                "total": total,
            }
            for (roadmap, topic), (right, total) in scores.items()
        ]
        if rows:
            self.session.execute(insert(QuizResultRecord), rows)

    def edit_card(
        self, card_id: int, text: CardText, modified: datetime | None
    ) -> tuple[CardText, datetime | None]:
        """Change a card's text and tags, changed at ``modified``; return what it replaced."""
        record = self._card(card_id)
        before = CardText(record.front, record.back, record.tags)
        replaced = record.modified_at
        record.front, record.back, record.tags = text.front, text.back, text.tags
        record.modified_at = None if modified is None else modified.astimezone(UTC)
        self.session.add(record)
        return before, None if replaced is None else replaced.replace(tzinfo=UTC)

    def set_card_texts(self, texts: Iterable[tuple[int, CardText, datetime]]) -> None:
        """New text on many cards in one statement (an import's updates), each with its time."""
        rows = [
            {
                "id": card_id,
                "front": text.front,
                "back": text.back,
                "tags": text.tags,
                "modified_at": modified.astimezone(UTC),
            }
            for card_id, text, modified in texts
        ]
        if rows:  # by primary key: SQLAlchemy's bulk UPDATE, one executemany
            self.session.execute(update(CardRecord), rows)

    def set_suspended(self, card_ids: list[int], suspended: bool) -> None:
        """Suspend cards (they leave every review) or bring them back."""
        self.session.execute(
            update(CardRecord).where(col(CardRecord.id).in_(card_ids)).values(suspended=suspended)
        )

    def delete_cards(self, card_ids: list[int]) -> list[StoredCard]:
        """Remove cards and their review history; the copies returned can put them back."""
        kept = []
        for card_id in card_ids:
            record = self._card(card_id)
            reviews = self.session.exec(
                select(ReviewRecord).where(ReviewRecord.card_id == card_id)
            ).all()
            kept.append(StoredCard(record.model_dump(), [r.model_dump() for r in reviews]))
            self.session.delete(record)  # the reviews go with it (ON DELETE CASCADE)
        return kept

    def restore_cards(self, cards: list[StoredCard]) -> None:
        """Put deleted cards back, with their ids and review history."""
        self.session.execute(insert(CardRecord), [c.card for c in cards])
        reviews = [r for c in cards for r in c.reviews]
        if reviews:
            self.session.execute(insert(ReviewRecord), reviews)

    def _card(self, card_id: int) -> CardRecord:
        record = self.session.get(CardRecord, card_id)
        if record is None:
            raise KeyError(f"there is no card {card_id}")
        return record


# The schedule columns of a card that arrives new: the table's own defaults.
SCHEDULE_COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review")
NEW_CARD: dict[str, object] = {
    name: CardRecord.model_fields[name].default for name in SCHEDULE_COLUMNS
}


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


def _schedule(state: CardState | None) -> dict[str, object]:
    """A card's FSRS columns for its state (a new card's defaults for one that arrives new).

    Every row of an insert has the same columns: Core's executemany wants one shape.
    """
    if state is None or state.is_new:
        return NEW_CARD
    return {
        "state": int(state.state),
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": _utc(state.due),
        "last_review": _utc(state.last_review),
    }
