"""Text of Anki's own notes shows here as Anki shows it, though cards here are Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki.collection import Collection
from pytestqt.qtbot import QtBot

from studyplanner.interop.card_files import read_card_file
from studyplanner.interop.html_text import html_to_text
from studyplanner.ui.widgets.fields import card_markdown
from tests.anki_side import export_from_anki

FRONTS = [
    "def __init__(self): is called when?",
    "# a comment in a shell script",
    "1. is the first step",
    "- a dash first",
    "> a prompt",
    "a*b*c and 2 * 3",
    "use `ls -l` and C:\\Windows\\*.ini",
    "~~not struck~~ and [a](link) and [...]",
    "AT&amp;T writes &amp;lt; for &lt;",
    "snake_case_name stays",
    "first line<br># second line<br>10) third",
]


@pytest.mark.parametrize("legacy", [False, True], ids=["current", "legacy"])
def test_text_with_markdown_marks_shows_as_in_anki(
    qtbot: QtBot, tmp_path: Path, legacy: bool
) -> None:
    col = Collection(str(tmp_path / "marks.anki2"))
    try:
        basic = col.models.by_name("Basic")
        deck = col.decks.id("Marks")
        assert basic is not None and deck is not None
        for front in FRONTS:
            note = col.new_note(basic)
            note["Front"], note["Back"] = front, "back"
            col.add_note(note, deck)
        assert col.db is not None
        shown_by_anki = [
            html_to_text(col.get_card(card_id).question())
            for card_id in col.db.list("SELECT id FROM cards ORDER BY nid")
        ]
        path = export_from_anki(col, deck, tmp_path / "marks.apkg", legacy=legacy)
    finally:
        col.close()
    cards = read_card_file(path).cards
    shown_here = [card_markdown(card.front).toPlainText() for card in cards]
    assert shown_here == shown_by_anki
