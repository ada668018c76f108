"""Packages written by Anki's own library, in each of its formats, read by ours."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import (
    Collection,
)
from anki.decks import DeckId
from anki.scheduler_pb2 import CardAnswer

from studyplanner.core.cards.ratings import Rating, State
from studyplanner.interop.apkg import read_apkg, write_apkg
from studyplanner.interop.card_files import read_card_file
from studyplanner.interop.html_text import html_to_text
from tests.anki_side import (
    answer_in_anki,
    export_from_anki,
    export_plain_text,
    import_into_anki,
    stock_collection,
)

NOTES = [
    ("What does <b>GIL</b> stand for?", "Global interpreter lock", ["python", "runtime"]),
    ("Which keyword makes a generator?", "yield", ["python"]),
    ("What is 2 &lt; 3?", "True", []),
]
# The same notes as our cards hold them: Markdown, Anki's bold as bold.
EXPECTED = [
    ("What does **GIL** stand for?", "Global interpreter lock", ("python", "runtime")),
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
    export_plain_text(
        col,
        deck,
        path,
        with_html=with_html,
        with_deck=with_deck,
        with_notetype=with_notetype,
        with_guid=with_guid,
    )
    cards = read_card_file(path).cards
    # Without HTML Anki writes the fields as plain text (the bold is gone before we read it);
    # with it, we read the bold as Markdown's.
    expected = EXPECTED if with_html else [(f.replace("**", ""), b, t) for f, b, t in EXPECTED]
    assert [(c.front, c.back, c.tags) for c in cards] == expected
    assert [c.guid for c in cards] == (guids(col) if with_guid else ["", "", ""])


def test_a_note_whose_guid_starts_with_a_hash_arrives_from_plain_text(
    anki: tuple[Collection, DeckId], tmp_path: Path
) -> None:
    # One of Anki's GUID characters is '#': about one note in 91 has such a GUID first.
    col, deck = anki
    assert col.db is not None
    col.db.execute("UPDATE notes SET guid = '#' || guid")
    path = tmp_path / "notes.txt"
    export_plain_text(
        col, deck, path, with_html=True, with_deck=True, with_notetype=True, with_guid=True
    )
    cards = read_card_file(path).cards
    assert [(c.front, c.back, c.tags) for c in cards] == EXPECTED
    assert [c.guid for c in cards] == guids(col)


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


@pytest.fixture
def stock(tmp_path: Path) -> Iterator[tuple[Collection, DeckId]]:
    """A collection holding a note of each of Anki's stock note types, made by Anki."""
    col, deck = stock_collection(tmp_path / "stock.anki2")
    yield col, deck
    col.close()


def anki_faces(col: Collection) -> list[tuple[str, str]]:
    """Each card as Anki renders it, as text: its question, and its answer after the question.

    Anki's answer repeats the question above the rule; ours is what follows. Where its text
    shows ``[[type:Back]]`` Anki draws a box on the front (no part of a card here) and the
    right answer on the back.
    """
    assert col.db is not None
    faces = []
    for card_id in col.db.list("SELECT id FROM cards ORDER BY nid, ord"):
        card = col.get_card(card_id)
        typed = dict(card.note().items()).get("Back", "")
        question = html_to_text(card.question()).replace("[[type:Back]]", "").strip()
        answer = html_to_text(card.answer()).replace("[[type:Back]]", typed).strip()
        faces.append((question, answer))
    return faces


@pytest.mark.parametrize("legacy", [False, True], ids=["current", "legacy"])
def test_every_card_of_every_stock_note_type_arrives_as_anki_shows_it(
    stock: tuple[Collection, DeckId], tmp_path: Path, legacy: bool
) -> None:
    col, deck = stock
    path = export_from_anki(col, deck, tmp_path / "stock.apkg", legacy=legacy)
    found = read_card_file(path)
    shown = anki_faces(col)
    assert len(found.cards) == col.card_count() == 9
    assert found.skipped == ()
    for card, (question, answer) in zip(found.cards, shown, strict=True):
        assert card.front == question
        # The deletion asked for is bold on our back; Anki marks it with a style.
        back = card.back.replace("**", "")
        assert back and " ".join(answer.split()).endswith(" ".join(back.split()))
    fronts = [card.front for card in found.cards]
    assert fronts[1:3] == ["Ein Hund", "a dog"]  # the reversed card asks the other way
    assert fronts[7:9] == [
        "[...] was made by Guido van Rossum.",
        "Python was made by [a person].",
    ]
    assert found.cards[8].back == "Python was made by **Guido van Rossum**.\n\nIn 1991."
    # A card is known by its note's GUID and its number in the note.
    note_guids = guids(col)
    assert [card.guid for card in found.cards[1:3]] == [note_guids[1], f"{note_guids[1]}'1"]


def test_each_card_of_a_note_keeps_its_own_schedule(
    stock: tuple[Collection, DeckId], tmp_path: Path
) -> None:
    col, deck = stock
    col.set_config("fsrs", True)
    assert col.db is not None
    card_ids = col.db.list("SELECT id FROM cards ORDER BY nid, ord")
    answer_in_anki(col, deck, [CardAnswer.EASY] * 4)
    path = export_from_anki(col, deck, tmp_path / "answered.apkg", scheduling=True)
    found = read_card_file(path).cards
    answered = 0
    for card, card_id in zip(found, card_ids, strict=True):
        memory = col.get_card(card_id).memory_state
        if memory is None:
            assert card.state is None
            continue
        answered += 1
        assert card.state is not None
        assert card.state.stability == pytest.approx(memory.stability, rel=0.01)
        assert card.state.difficulty == pytest.approx(memory.difficulty, rel=0.01)
    assert answered == 4


def test_a_card_left_blank_by_an_edit_in_anki_is_named(tmp_path: Path) -> None:
    col = Collection(str(tmp_path / "empty.anki2"))
    try:
        optional = col.models.by_name("Basic (optional reversed card)")
        assert optional is not None
        deck = col.decks.id("Empty")
        assert deck is not None
        note = col.new_note(optional)
        note["Front"], note["Back"], note["Add Reverse"] = "Front only", "Back", "y"
        col.add_note(note, deck)
        # Emptied afterwards, the reversed card stays, blank, until Anki's Empty Cards.
        note["Back"] = ""
        col.update_note(note)
        assert col.card_count() == 2
        path = export_from_anki(col, deck, tmp_path / "empty.apkg")
    finally:
        col.close()
    found = read_card_file(path)
    assert [card.front for card in found.cards] == ["Front only"]
    assert found.skipped == ("note 1, card 2 (Basic (optional reversed card)): its front is empty",)


def picture(colour: str = "#3b82f6", width: int = 30, height: int = 20) -> bytes:
    """A small PNG picture, made with Qt."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QImageWriter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(data.data())


@pytest.mark.parametrize("legacy", [False, True], ids=["current", "legacy"])
def test_a_picture_in_a_note_arrives_with_its_file(tmp_path: Path, legacy: bool) -> None:
    col = Collection(str(tmp_path / "pictures.anki2"))
    try:
        basic = col.models.by_name("Basic")
        assert basic is not None
        deck = col.decks.id("Pictures")
        assert deck is not None
        name = col.media.write_data("pod diagram.png", picture())
        note = col.new_note(basic)
        note["Front"], note["Back"] = f'What is this?<br><img src="{name}">', "A pod"
        col.add_note(note, deck)
        stored = (Path(col.media.dir()) / name).read_bytes()
        path = export_from_anki(col, deck, tmp_path / "pictures.apkg", media=True, legacy=legacy)
    finally:
        col.close()
    found = read_card_file(path)
    [card] = found.cards
    assert card.front == f"What is this?\n![{name}](<{name}>)"
    assert found.media == {name: stored}
    assert found.skipped == ()


def test_a_sound_arrives_with_its_file_and_goes_back_with_its_card(tmp_path: Path) -> None:
    col = Collection(str(tmp_path / "sounds.anki2"))
    try:
        basic = col.models.by_name("Basic")
        assert basic is not None
        deck = col.decks.id("Sounds")
        assert deck is not None
        name = col.media.write_data("hallo.mp3", b"ID3 not really a sound")
        note = col.new_note(basic)
        note["Front"], note["Back"] = "Hallo", f"hello [sound:{name}]"
        col.add_note(note, deck)
        path = export_from_anki(col, deck, tmp_path / "sounds.apkg", media=True)
    finally:
        col.close()
    found = read_card_file(path)
    assert found.cards[0].back == f"hello [sound:{name}]"
    assert found.media == {name: b"ID3 not really a sound"}
    ours = tmp_path / "ours.apkg"
    write_apkg(found.cards, "Sounds", ours, media=found.media)
    other = Collection(str(tmp_path / "other.anki2"))
    try:
        assert len(import_into_anki(other, ours).new) == 1
        assert (Path(other.media.dir()) / name).read_bytes() == b"ID3 not really a sound"
    finally:
        other.close()
