"""Notes that travel between Anki and here stay the same notes: no duplicates, no lost edits."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import (
    Collection,
)
from anki.decks import DeckId
from anki.scheduler_pb2 import CardAnswer

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.learner_day import learner_day
from studyplanner.core.cards.queue import CardCounts, DailyLimits, end_of_day
from studyplanner.core.cards.ratings import Rating
from studyplanner.core.cards.scheduling import ReviewSettings, answer
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.interop.anki_text import ExchangeCard
from studyplanner.interop.apkg import write_apkg
from studyplanner.interop.card_files import read_card_file, roadmap_cards
from studyplanner.operations.cards import (
    EditCard,
    Imported,
    exchange_cards,
    exchange_media,
    import_cards,
)
from studyplanner.storage.queries.views import CardText
from studyplanner.storage.store import Store
from tests.anki_side import (
    answer_in_anki,
    export_from_anki,
    import_into_anki,
    our_cards_in_anki,
    stock_collection,
)
from tests.conftest import CARDS, NOW

FRONTS = ("What does GIL stand for?", "Which keyword makes a generator?")


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[tuple[Collection, DeckId]]:
    """Anki's own collection, with two Basic notes in a deck."""
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    basic = col.models.by_name("Basic")
    assert basic is not None
    deck = col.decks.id("Python")
    assert deck is not None
    for front, back in zip(FRONTS, ("Global interpreter lock", "yield"), strict=True):
        note = col.new_note(basic)
        note["Front"], note["Back"] = front, back
        col.add_note(note, deck)
    yield col, deck
    col.close()


def import_here(store: Store, path: Path, now: datetime) -> Imported:
    return import_cards(read_card_file(path), "From Anki", now).run(store).value


def texts_here(store: Store) -> dict[str, tuple[int, str]]:
    with closing(sqlite3.connect(store.path)) as conn:
        return {f: (i, b) for i, f, b in conn.execute("SELECT id, front, back FROM card")}


def test_importing_the_same_package_again_adds_nothing(
    anki: tuple[Collection, DeckId], store: Store, tmp_path: Path
) -> None:
    col, deck = anki
    path = export_from_anki(col, deck, tmp_path / "python.apkg")
    now = datetime.now(UTC)
    assert import_here(store, path, now) == Imported(2, 0, 0, (), "From Anki")
    assert import_here(store, path, now) == Imported(0, 0, 2, (), "From Anki")
    assert store.card_count() == 2


def test_a_note_edited_in_anki_updates_its_card_here(
    anki: tuple[Collection, DeckId], store: Store, tmp_path: Path
) -> None:
    col, deck = anki
    now = datetime.now(UTC)
    import_here(store, export_from_anki(col, deck, tmp_path / "first.apkg"), now)
    before = texts_here(store)
    note = col.get_note(col.find_notes(f'"Front:{FRONTS[1]}"')[0])
    note["Back"] = "yield (or yield from)"
    col.update_note(note)  # Anki stamps the note with the time of the edit
    path = export_from_anki(col, deck, tmp_path / "second.apkg")
    assert import_here(store, path, now) == Imported(0, 1, 1, (), "From Anki")
    after = texts_here(store)
    # The same card (its id, so its reviews and schedule), with the new back.
    assert after[FRONTS[1]] == (before[FRONTS[1]][0], "yield (or yield from)")
    assert after[FRONTS[0]] == before[FRONTS[0]]


def test_an_edit_made_here_is_not_undone_by_an_older_copy(
    anki: tuple[Collection, DeckId], store: Store, tmp_path: Path
) -> None:
    col, deck = anki
    path = export_from_anki(col, deck, tmp_path / "python.apkg")
    now = datetime.now(UTC)
    import_here(store, path, now)
    card_id, back = texts_here(store)[FRONTS[0]]
    edited = CardText(FRONTS[0], "Global interpreter lock (CPython)", "")
    EditCard(card_id, CardText(FRONTS[0], back, ""), edited, now + timedelta(minutes=5)).do(store)
    assert import_here(store, path, now + timedelta(minutes=6)) == Imported(
        0, 0, 2, (), "From Anki"
    )
    assert texts_here(store)[FRONTS[0]] == (card_id, "Global interpreter lock (CPython)")


def test_anki_to_here_to_anki_makes_no_duplicate(
    anki: tuple[Collection, DeckId], store: Store, tmp_path: Path
) -> None:
    col, deck = anki
    now = datetime.now(UTC)
    import_here(store, export_from_anki(col, deck, tmp_path / "python.apkg"), now)
    [own] = [d for d in store.decks(now) if d.title == "From Anki"]
    ours = tmp_path / "ours.apkg"
    write_apkg(exchange_cards(store, own.scope), "From Anki", ours, now)
    log = import_into_anki(col, ours)
    assert len(log.new) == 0
    assert col.note_count() == 2


def through_anki(folder: Path, package: Path, deck: str, new_notes: int) -> Path:
    """The package imported into a new collection of Anki's, and its deck exported again."""
    (folder / "through").mkdir()
    col = Collection(str(folder / "through" / "collection.anki2"))
    try:
        assert len(import_into_anki(col, package).new) == new_notes
        deck_id = col.decks.id_for_name(deck)
        assert deck_id is not None
        return export_from_anki(col, deck_id, folder / "back.apkg")
    finally:
        col.close()


def test_here_to_anki_to_here_makes_no_duplicate(store: Store, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    source = tmp_path / "mine.txt"
    source.write_text("Capital of France?\tParis\nCapital of Spain?\tMadrid\n", encoding="utf-8")
    import_cards(read_card_file(source), "Geography", now).run(store)
    [geography] = [d for d in store.decks(now) if d.title == "Geography"]
    ours = tmp_path / "geography.apkg"
    write_apkg(exchange_cards(store, geography.scope), "Geography", ours, now)
    back = through_anki(tmp_path, ours, "Geography", new_notes=2)
    found = import_cards(read_card_file(back), "Geography", now).run(store).value
    assert (found.added, found.unchanged) == (0, 2)
    assert store.deck_cards(DeckScope(deck="Geography"))[0].text.front == "Capital of France?"


def test_cards_answered_in_anki_arrive_with_their_schedule_and_answers(
    anki: tuple[Collection, DeckId], store: Store, tmp_path: Path
) -> None:
    col, deck = anki
    col.set_config("fsrs", True)
    answer_in_anki(col, deck, [CardAnswer.EASY])
    assert col.db is not None
    answered_id = col.db.scalar("SELECT id FROM cards WHERE type = 2")
    path = export_from_anki(col, deck, tmp_path / "scheduled.apkg", scheduling=True)
    now = datetime.now(UTC)
    assert import_here(store, path, now).added == 2
    listed = {c.guid: c for c in store.card_listing(DeckScope(deck="From Anki"))}
    note = col.get_note(col.get_card(answered_id).nid)
    answered = listed[note.guid]
    memory = col.get_card(answered_id).memory_state
    assert memory is not None
    assert (answered.state, answered.reps, answered.lapses) == ("review", 1, 0)
    assert answered.stability == pytest.approx(memory.stability, rel=1e-4)
    assert answered.due is not None and answered.due > now + timedelta(days=2)
    [other] = [c for c in listed.values() if c is not answered]
    assert (other.state, other.reps) == ("new", 0)
    # Not due today, so today's reviews hold only the card still new.
    assert store.cards_due_today(now, DailyLimits()) == CardCounts(new=1, learning=0, review=0)


def test_cards_reviewed_here_arrive_in_anki_with_their_schedule_and_answers(
    store: Store, tmp_path: Path
) -> None:
    now = datetime.now(UTC).astimezone()
    source = tmp_path / "mine.txt"
    source.write_text("Q1\tA1\nQ2\tA2\nQ3\tA3\n", encoding="utf-8")
    import_cards(read_card_file(source), "Mine", now).run(store)
    reviews = store.reviews()
    try:
        queue = reviews.queue(DeckScope(deck="Mine"), now, end_of_day(now), DailyLimits())
        first, second = queue.new[:2]
        when = now - timedelta(days=3)
        after = answer(first.state, Rating.Easy, when, ReviewSettings())
        reviews.answer(first, Rating.Easy, after, when, 3000)
        stepping = answer(second.state, Rating.Good, now, ReviewSettings())
        reviews.answer(second, Rating.Good, stepping, now, 2000)
    finally:
        reviews.close()
    with store.write() as writes:
        writes.set_suspended([queue.new[2].id], True)
    ours = tmp_path / "mine.apkg"
    write_apkg(exchange_cards(store, DeckScope(deck="Mine")), "Mine", ours, now)
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        col.set_config("fsrs", True)
        assert len(import_into_anki(col, ours, scheduling=True).new) == 3
        by_front = {
            col.get_note(col.get_card(card_id).nid)["Front"]: col.get_card(card_id)
            for card_id in col.find_cards("")
        }
        review, learning, suspended = by_front["Q1"], by_front["Q2"], by_front["Q3"]
        assert (review.type, review.queue) == (2, 2)
        assert review.memory_state is not None and after.stability is not None
        assert review.memory_state.stability == pytest.approx(after.stability, rel=1e-3)
        assert after.due is not None
        zone = now.tzinfo
        assert zone is not None
        due_in = (learner_day(after.due, zone) - learner_day(now, zone)).days
        assert review.due - col.sched.today == due_in
        assert (learning.type, learning.queue) == (1, 1)
        assert stepping.due is not None and learning.due == int(stepping.due.timestamp())
        assert suspended.queue == -1
        assert col.db is not None
        logged = col.db.all("SELECT cid, ease, time FROM revlog ORDER BY id")
        assert [(ease, took) for _, ease, took in logged] == [(4, 3000), (3, 2000)]
    finally:
        col.close()


@pytest.mark.parametrize("kind", ["package", "text"])
def test_roadmap_cards_arrive_in_anki_in_subdecks_the_same_from_the_app_and_the_cli(
    store: Store, cards_plan: int, tmp_path: Path, kind: str
) -> None:
    [roadmap_id] = {d.scope.roadmap_id for d in store.decks(NOW)} - {None}
    app = exchange_cards(store, DeckScope(roadmap_id))
    cli = roadmap_cards(parse_roadmap(CARDS))
    assert [(c.guid, c.front, c.tags, c.deck) for c in app] == sorted(
        ((c.guid, c.front, c.tags, c.deck) for c in cli),
        key=lambda c: [a.guid for a in app].index(c[0]),
    )
    col = our_cards_in_anki(app, "Small roadmap", tmp_path, kind, NOW)
    try:
        in_decks = {
            col.get_note(col.get_card(card_id).nid)["Front"]: col.decks.name(
                col.get_card(card_id).did
            )
            for card_id in col.find_cards("")
        }
    finally:
        col.close()
    assert in_decks == {c.front: "::".join(c.deck) for c in app}
    assert all(name.count("::") == 2 for name in in_decks.values())


@pytest.fixture
def stock(tmp_path: Path) -> Iterator[tuple[Collection, DeckId]]:
    """Anki's own collection with a note of each of its stock note types (9 cards)."""
    (tmp_path / "stock").mkdir()
    col, deck = stock_collection(tmp_path / "stock" / "collection.anki2")
    yield col, deck
    col.close()


def test_every_card_of_a_note_is_known_when_imported_again(
    stock: tuple[Collection, DeckId], store: Store, tmp_path: Path
) -> None:
    col, deck = stock
    path = export_from_anki(col, deck, tmp_path / "stock.apkg")
    now = datetime.now(UTC)
    assert import_here(store, path, now) == Imported(9, 0, 0, (), "From Anki")
    assert import_here(store, path, now) == Imported(0, 0, 9, (), "From Anki")


def test_cards_of_many_card_notes_go_to_anki_and_back_without_duplicates(
    stock: tuple[Collection, DeckId], store: Store, tmp_path: Path
) -> None:
    col, deck = stock
    now = datetime.now(UTC)
    import_here(store, export_from_anki(col, deck, tmp_path / "stock.apkg"), now)
    [own] = [d for d in store.decks(now) if d.title == "From Anki"]
    ours = tmp_path / "ours.apkg"
    write_apkg(exchange_cards(store, own.scope), "From Anki", ours, now)
    back = through_anki(tmp_path, ours, "From Anki", new_notes=9)
    found = import_here(store, back, now)
    assert (found.added, found.unchanged) == (0, 9)
    # Back into the collection they came from, each note's first card is known (its note type
    # differs, so Anki leaves the note as it is), while the three extra cards (two reversed
    # cards, a second deletion) arrive as notes of their own: each card here is one note.
    log = import_into_anki(col, ours)
    assert (len(log.new), len(log.conflicting)) == (3, 6)


def test_a_picture_goes_from_anki_to_a_review_here_and_back_to_anki(
    store: Store, tmp_path: Path
) -> None:
    from tests.interop.test_apkg_from_anki import picture

    drawn = picture()
    (tmp_path / "from").mkdir()
    col = Collection(str(tmp_path / "from" / "collection.anki2"))
    try:
        basic = col.models.by_name("Basic")
        assert basic is not None
        deck = col.decks.id("Pictures")
        assert deck is not None
        name = col.media.write_data("pod.png", drawn)
        note = col.new_note(basic)
        note["Front"], note["Back"] = f'<img src="{name}">', "A pod"
        col.add_note(note, deck)
        path = export_from_anki(col, deck, tmp_path / "pictures.apkg", media=True)
    finally:
        col.close()
    now = datetime.now(UTC)
    assert import_here(store, path, now).added == 1
    assert store.media({name}) == {name: drawn}
    [own] = [d for d in store.decks(now) if d.title == "From Anki"]
    [card] = store.deck_cards(own.scope)
    reviews = store.reviews()  # the review screen reads a card's pictures with its text
    try:
        assert reviews.face(card.id).media == {name: drawn}
    finally:
        reviews.close()
    # And back: Anki's own importer finds the picture and the note that shows it.
    cards = exchange_cards(store, own.scope)
    ours = tmp_path / "ours.apkg"
    write_apkg(cards, "From Anki", ours, now, exchange_media(store, cards))
    (tmp_path / "to").mkdir()
    other = Collection(str(tmp_path / "to" / "collection.anki2"))
    try:
        assert len(import_into_anki(other, ours).new) == 1
        assert other.db is not None
        [field] = other.db.list("SELECT flds FROM notes")
        assert f'<img src="{name}"' in field
        assert (Path(other.media.dir()) / name).read_bytes() == drawn
    finally:
        other.close()


def test_a_picture_whose_name_is_taken_here_arrives_renamed(store: Store, tmp_path: Path) -> None:
    from tests.interop.test_apkg_from_anki import picture

    now = datetime.now(UTC)
    first, second = picture("#ff0000"), picture("#00ff00")
    for number, drawn in enumerate((first, second)):
        cards = [ExchangeCard(f"Colour {number}?", "![a square](square.png)")]
        path = tmp_path / f"colour{number}.apkg"
        write_apkg(cards, "Colours", path, now, {"square.png": drawn})
        import_cards(read_card_file(path), "Colours", now).run(store)
    backs = sorted(card.text.back for card in store.deck_cards(DeckScope(deck="Colours")))
    renamed = f"square-{hashlib.sha1(second, usedforsecurity=False).hexdigest()[:10]}.png"
    assert backs == sorted(["![a square](square.png)", f"![a square]({renamed})"])
    assert store.media({"square.png", renamed}) == {"square.png": first, renamed: second}


def test_anki_subdecks_arrive_inside_the_chosen_deck(store: Store, tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    col = Collection(str(tmp_path / "decks" / "collection.anki2"))
    try:
        basic = col.models.by_name("Basic")
        assert basic is not None
        for deck_name, front in (
            ("German", "der Hund"),
            ("German::Verbs", "gehen"),
            ("German::Verbs::Strong", "singen"),
        ):
            deck = col.decks.id(deck_name)
            assert deck is not None
            note = col.new_note(basic)
            note["Front"], note["Back"] = front, "?"
            col.add_note(note, deck)
        top = col.decks.id_for_name("German")
        assert top is not None
        path = export_from_anki(col, top, tmp_path / "german.apkg")
    finally:
        col.close()
    now = datetime.now(UTC)
    assert import_here(store, path, now).added == 3
    [chosen] = [d for d in store.decks(now) if d.title == "From Anki"]
    assert chosen.counts.new == 3  # the top deck holds its subdecks' cards
    [verbs] = chosen.children
    assert (verbs.title, verbs.counts.new) == ("Verbs", 2)
    assert [d.title for d in verbs.children] == ["Strong"]
    fronts = {card.text.front for card in store.deck_cards(verbs.scope)}
    assert fronts == {"gehen", "singen"}
    assert store.deck_choice("From Anki::Verbs::Strong").deck == "From Anki::Verbs::Strong"
