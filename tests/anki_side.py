"""Anki's own library on the other side of the tests: answering in its scheduler, exporting."""

from __future__ import annotations

from pathlib import Path

from anki.cards import CardId
from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions
from anki.decks import DeckId
from anki.scheduler.v3 import Scheduler
from anki.scheduler_pb2 import CardAnswer


def answer_in_anki(
    col: Collection, deck: DeckId, ratings: list[CardAnswer.Rating.ValueType]
) -> None:
    """Answer the deck's queued cards in Anki's own scheduler, one rating each, in turn."""
    col.decks.select(deck)
    scheduler = col.sched
    assert isinstance(scheduler, Scheduler)
    for rating in ratings:
        [queued] = scheduler.get_queued_cards().cards[:1]
        card = col.get_card(CardId(queued.card.id))
        card.start_timer()
        scheduler.answer_card(
            scheduler.build_answer(card=card, states=queued.states, rating=rating)
        )


def export_from_anki(
    col: Collection,
    deck: DeckId,
    path: Path,
    *,
    scheduling: bool = False,
    media: bool = False,
    legacy: bool = False,
) -> Path:
    """The deck as Anki's own exporter writes a package of it."""
    options = ExportAnkiPackageOptions(
        with_scheduling=scheduling, with_deck_configs=False, with_media=media, legacy=legacy
    )
    assert col.export_anki_package(out_path=str(path), options=options, limit=DeckIdLimit(deck))
    return path
