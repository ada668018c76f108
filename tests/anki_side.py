"""Anki's own library on the other side of the tests: answering in its scheduler, exporting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from anki.cards import CardId
from anki.collection import (
    Collection,
    DeckIdLimit,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from anki.decks import DeckId
from anki.import_export_pb2 import ImportResponse
from anki.scheduler.v3 import Scheduler
from anki.scheduler_pb2 import CardAnswer

from studyplanner.interop.anki_text import ExchangeCard, write_anki_text
from studyplanner.interop.apkg import write_apkg


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


def import_into_anki(
    col: Collection, path: Path, *, scheduling: bool = False
) -> ImportResponse.Log:
    """Anki's own importer on a package, with or without its scheduling; its log."""
    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=scheduling)
    )
    return col.import_anki_package(request).log


def our_cards_in_anki(
    cards: Sequence[ExchangeCard], deck: str, folder: Path, kind: str, now: datetime
) -> Collection:
    """Our cards as a package (with scheduling) or Anki text, imported by Anki's own importer.

    The new collection is in ``folder``; the caller closes it.
    """
    path = folder / ("cards.apkg" if kind == "package" else "cards.txt")
    if kind == "package":
        write_apkg(cards, deck, path, now)
    else:
        path.write_text(write_anki_text(cards, deck), encoding="utf-8")
    (folder / "anki").mkdir()
    col = Collection(str(folder / "anki" / "collection.anki2"))
    if kind == "package":
        import_into_anki(col, path, scheduling=True)
    else:
        metadata = col.get_csv_metadata(path=str(path), delimiter=None)
        col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
    return col


def export_plain_text(col: Collection, deck: DeckId, path: Path, **columns: bool) -> Path:
    """Anki's "Notes in Plain Text" of a deck, with tags and the other columns asked for."""
    col.export_note_csv(out_path=str(path), limit=DeckIdLimit(deck), with_tags=True, **columns)
    return path


# A note of each of Anki's stock note types, with the fields given (9 cards).
STOCK_NOTES = [
    ("Basic", ["Capital of France?", "Paris"]),
    ("Basic (and reversed card)", ["Ein Hund", "a dog"]),
    ("Basic (optional reversed card)", ["die Katze", "the cat", "y"]),
    ("Basic (optional reversed card)", ["das Haus", "the house", ""]),  # one card only
    ("Basic (type in the answer)", ["2 + 2 in Python?", "4"]),
    ("Cloze", ["{{c1::Python}} was made by {{c2::Guido van Rossum::a person}}.", "In 1991."]),
]


def stock_collection(path: Path) -> tuple[Collection, DeckId]:
    """A collection made by Anki holding a note of each of its stock note types."""
    col = Collection(str(path))
    deck = col.decks.id("Stock")
    assert deck is not None
    for type_name, fields in STOCK_NOTES:
        note_type = col.models.by_name(type_name)
        assert note_type is not None
        note = col.new_note(note_type)
        for number, value in enumerate(fields):
            note.fields[number] = value
        col.add_note(note, deck)
    return col, deck
