"""Formatted cards look formatted in Anki, and come back from it as they were."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection

from studyplanner.core.cards.decks import DeckScope
from studyplanner.interop.apkg import write_apkg
from studyplanner.interop.card_files import read_card_file
from studyplanner.operations.cards import exchange_cards, import_cards
from studyplanner.storage.store import Store
from tests.anki_side import export_from_anki, import_into_anki, our_cards_in_anki

# Card text as a learner writes it here: Markdown.
FORMATTED = [
    ("What does `len([])` return?", "**0**, an *int*"),
    ("Which list is sorted?", "- `sorted(xs)`\n- not `xs.sort()`, which returns `None`"),
    ("What does this print?\n\n```python\nprint(2 ** 3)\n```", "8"),
    ("What is \\*args?", "The extra positional arguments, as a tuple"),
    ("Which function shows 3 | 4?", "~~`or`~~ the bitwise `|`"),
]
# What Anki must show for each, in its own rendering of the card.
SHOWN = [
    ("<code>len([])</code>", "<strong>0</strong>, an <em>int</em>"),
    ("Which list is sorted?", "<li><code>sorted(xs)</code></li>"),
    ('<pre><code class="language-python">print(2 ** 3)', "8"),
    ("What is *args?", "as a tuple"),
    ("3 | 4", "<s><code>or</code></s>"),
]


def cards_here(store: Store, tmp_path: Path, now: datetime) -> DeckScope:
    """The formatted cards in a deck of the learner's own, as if typed in the app."""
    from studyplanner.interop.anki_text import CardFile, ExchangeCard

    found = CardFile([ExchangeCard(front, back) for front, back in FORMATTED])
    import_cards(found, "Python", now).run(store)
    [deck] = [d for d in store.decks(now) if d.title == "Python"]
    return deck.scope


@pytest.mark.parametrize("kind", ["package", "text"])
def test_markdown_cards_arrive_in_anki_formatted(store: Store, tmp_path: Path, kind: str) -> None:
    now = datetime.now(UTC)
    cards = exchange_cards(store, cards_here(store, tmp_path, now))
    col = our_cards_in_anki(cards, "Python", tmp_path, kind, now)
    try:
        rendered = {}
        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            rendered[card.note()["Back"]] = (card.question(), card.answer())
    finally:
        col.close()
    assert len(rendered) == len(FORMATTED)
    # As the learner sees them: a mark written as a character reference shows as the mark.
    shown = sorted((html.unescape(q), html.unescape(a)) for q, a in rendered.values())
    for question_part, answer_part in SHOWN:
        assert any(question_part in q and answer_part in a for q, a in shown), question_part
    # No Markdown mark is left for the learner to read on a card.
    for question, answer in shown:
        assert "**" not in question.replace("2 ** 3", "") and "`" not in question + answer


def test_formatted_cards_come_back_from_anki_as_they_were(store: Store, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    scope = cards_here(store, tmp_path, now)
    before = {c.text.front: c.text.back for c in store.deck_cards(scope)}
    ours = tmp_path / "python.apkg"
    write_apkg(exchange_cards(store, scope), "Python", ours, now)
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        assert len(import_into_anki(col, ours).new) == len(FORMATTED)
        deck = col.decks.id_for_name("Python")
        assert deck is not None
        back = export_from_anki(col, deck, tmp_path / "back.apkg")
    finally:
        col.close()
    # As Anki gave them back, each card's text is ours again, character for character.
    assert {(c.front, c.back) for c in read_card_file(back).cards} == set(FORMATTED)
    found = import_cards(read_card_file(back), "Python", now).run(store).value
    assert (found.added, found.updated, found.unchanged) == (0, 0, len(FORMATTED))
    assert {c.text.front: c.text.back for c in store.deck_cards(scope)} == before


def test_bold_added_in_anki_arrives_as_bold(store: Store, tmp_path: Path) -> None:
    now = datetime.now(UTC) - timedelta(minutes=1)  # Anki's edit comes after, by its clock
    scope = cards_here(store, tmp_path, now)
    ours = tmp_path / "python.apkg"
    write_apkg(exchange_cards(store, scope), "Python", ours, now)
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        import_into_anki(col, ours)
        [note_id] = col.find_notes('"back:*a tuple"')
        note = col.get_note(note_id)
        note["Back"] = "The <b>extra</b> positional arguments, <i>as a tuple</i>"
        col.update_note(note)
        deck = col.decks.id_for_name("Python")
        assert deck is not None
        back = export_from_anki(col, deck, tmp_path / "back.apkg")
    finally:
        col.close()
    later = datetime.now(UTC)
    found = import_cards(read_card_file(back), "Python", later).run(store).value
    assert (found.updated, found.unchanged) == (1, len(FORMATTED) - 1)
    texts = {c.text.front: c.text.back for c in store.deck_cards(scope)}
    assert texts["What is \\*args?"] == "The **extra** positional arguments, *as a tuple*"


def test_a_card_back_from_anki_written_another_way_keeps_the_learners_way(
    store: Store, tmp_path: Path
) -> None:
    from studyplanner.interop.anki_text import CardFile, ExchangeCard

    now = datetime.now(UTC)
    first = CardFile([ExchangeCard("What is __init__?", "* a method", guid="g")])
    import_cards(first, "Own", now).run(store)
    # The same card as it comes back: Markdown written the other way for the same rendering.
    again = CardFile([ExchangeCard("What is **init**?", "- a method", guid="g")])
    found = import_cards(again, "Own", now).run(store).value
    assert (found.updated, found.unchanged) == (0, 1)
    [card] = store.deck_cards(DeckScope(deck="Own"))
    assert (card.text.front, card.text.back) == ("What is __init__?", "* a method")
