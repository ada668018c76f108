"""Packages written by Anki's own library, in each of its formats, read by ours."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import AddNoteRequest, Collection, DeckIdLimit
from anki.decks import DeckId
from anki.scheduler_pb2 import CardAnswer

from studyplanner.core.cards.ratings import Rating, State
from studyplanner.interop.apkg import read_apkg
from studyplanner.interop.card_files import read_card_file
from tests.anki_side import answer_in_anki, export_from_anki

NOTES = [
    ("What does <b>GIL</b> stand for?", "Global interpreter lock", ["python", "runtime"]),
    ("Which keyword makes a generator?", "yield", ["python"]),
    ("What is 2 &lt; 3?", "True", []),
]
# The same notes as plain text, as our cards hold them.
EXPECTED = [
    ("What does GIL stand for?", "Global interpreter lock", ("python", "runtime")),
    ("Which keyword makes a generator?", "yield", ("python",)),
    ("What is 2 < 3?", "True", ()),
]


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[tuple[Collection, DeckId]]:
    """A collection of Basic notes in a nested deck, made by Anki."""
    col = Collection(str(tmp_path / "collection.anki2"))
    basic = col.models.by_name("Basic")
    assert basic is not None
    deck = col.decks.id("Python::Basics")
    assert deck is not None
    for front, back, tags in NOTES:
        note = col.new_note(basic)
        note["Front"], note["Back"] = front, back
        note.tags = tags
        col.add_note(note, deck)
    yield col, deck
    if col.db is not None:  # a collection package is exported from a closed collection
        col.close()


def guids(col: Collection) -> list[str]:
    assert col.db is not None
    return [guid for (guid,) in col.db.all("SELECT guid FROM notes ORDER BY id")]


@pytest.mark.parametrize("legacy", [False, True], ids=["current", "legacy"])
def test_every_note_of_an_anki_package_arrives(
    anki: tuple[Collection, DeckId], tmp_path: Path, legacy: bool
) -> None:
    col, deck = anki
    path = tmp_path / "deck.apkg"
    export_from_anki(col, deck, path, media=True, legacy=legacy)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    # The current format keeps its notes in collection.anki21b, beside an old-style
    # collection.anki2 whose one note asks to update Anki.
    assert ("collection.anki21b" in names) is not legacy
    assert "collection.anki2" in names
    cards = read_card_file(path).cards
    assert [(c.front, c.back, c.tags) for c in cards] == EXPECTED
    assert [c.guid for c in cards] == guids(col)


def test_a_whole_collection_package_arrives(
    anki: tuple[Collection, DeckId], tmp_path: Path
) -> None:
    col, _ = anki
    path = tmp_path / "everything.colpkg"
    expected_guids = guids(col)
    col.export_collection_package(str(path), include_media=True, legacy=False)
    cards = read_apkg(path.read_bytes(), path.name).cards
    assert [(c.front, c.back, c.tags) for c in cards] == EXPECTED
    assert [c.guid for c in cards] == expected_guids


@pytest.mark.parametrize("with_html", [False, True], ids=["plain", "html"])
@pytest.mark.parametrize(
    ("with_deck", "with_notetype", "with_guid"),
    [(False, False, False), (True, False, False), (False, True, False), (True, True, True)],
    ids=["fields", "deck column", "notetype column", "every column"],
)
def test_every_note_of_anki_plain_text_arrives(
    anki: tuple[Collection, DeckId],
    tmp_path: Path,
    with_html: bool,
    with_deck: bool,
    with_notetype: bool,
    with_guid: bool,
) -> None:
    # Anki's "Notes in Plain Text": the deck and note type columns come before the fields.
    col, deck = anki
    path = tmp_path / "notes.txt"
    col.export_note_csv(
        out_path=str(path),
        limit=DeckIdLimit(deck),
        with_html=with_html,
        with_tags=True,
        with_deck=with_deck,
        with_notetype=with_notetype,
        with_guid=with_guid,
    )
    cards = read_card_file(path).cards
    # Without HTML Anki writes the fields as plain text; with it, we read them as text.
    assert [(c.front, c.back, c.tags) for c in cards] == EXPECTED
    assert [c.guid for c in cards] == (guids(col) if with_guid else ["", "", ""])


@pytest.mark.parametrize("legacy", [False, True], ids=["current", "legacy"])
def test_a_package_with_scheduling_brings_each_cards_state_and_answers(
    anki: tuple[Collection, DeckId], tmp_path: Path, legacy: bool
) -> None:
    col, deck = anki
    col.set_config("fsrs", True)
    assert col.db is not None
    first = col.db.list("SELECT id FROM cards ORDER BY id")
    # Easy graduates the first card to review; Good keeps the second in its learning steps.
    answer_in_anki(col, deck, [CardAnswer.EASY, CardAnswer.GOOD])
    col.sched.suspend_cards([first[2]])
    path = tmp_path / "scheduled.apkg"
    export_from_anki(col, deck, path, scheduling=True, legacy=legacy)
    cards = {card.front: card for card in read_card_file(path).cards}
    review, learning, suspended = (col.get_card(card_id) for card_id in first)
    graduated = cards[EXPECTED[0][0]]
    assert graduated.state is not None and graduated.state.state == State.Review
    assert review.memory_state is not None
    assert graduated.state.stability == pytest.approx(review.memory_state.stability, rel=1e-4)
    assert graduated.state.difficulty == pytest.approx(review.memory_state.difficulty, rel=1e-4)
    # A review card's due is Anki's day number; today began a day before the next cutoff.
    today_began = datetime.fromtimestamp(col.sched.day_cutoff, UTC) - timedelta(days=1)
    assert graduated.state.due == today_began + timedelta(days=review.due - col.sched.today)
    assert [(p.rating, p.kind) for p in graduated.history] == [(Rating.Easy, "new")]
    stepping = cards[EXPECTED[1][0]]
    assert stepping.state is not None and stepping.state.state == State.Learning
    assert stepping.state.step == 1
    assert stepping.state.due == datetime.fromtimestamp(learning.due, UTC)
    assert cards[EXPECTED[2][0]].suspended and cards[EXPECTED[2][0]].state is None
    assert suspended.queue == -1


def test_the_cards_a_note_makes_beyond_its_first_are_named_not_dropped(tmp_path: Path) -> None:
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        reversed_type = col.models.by_name("Basic (and reversed card)")
        cloze_type = col.models.by_name("Cloze")
        assert reversed_type is not None and cloze_type is not None
        deck = col.decks.id("Mixed")
        assert deck is not None
        both = col.new_note(reversed_type)
        both["Front"], both["Back"] = "Capital of France?", "Paris"
        cloze = col.new_note(cloze_type)
        cloze["Text"] = "{{c1::Python}} was made by {{c2::Guido van Rossum}}."
        col.add_notes([AddNoteRequest(both, deck), AddNoteRequest(cloze, deck)])
        path = tmp_path / "mixed.apkg"
        export_from_anki(col, deck, path)
    finally:
        col.close()
    found = read_card_file(path)
    assert [c.front for c in found.cards] == [
        "Capital of France?",
        "{{c1::Python}} was made by {{c2::Guido van Rossum}}.",
    ]
    assert found.skipped == (
        "note 1 ('Capital of France?'): its 1 other card (a reversed card or more cloze "
        "deletions) cannot be imported yet",
        "note 2 ('{{c1::Python}} was made by {{c2::Guido v'): its 1 other card (a reversed "
        "card or more cloze deletions) cannot be imported yet",
    )
