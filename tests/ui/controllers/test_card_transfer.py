"""Importing card files into a deck and exporting decks from the app."""

from __future__ import annotations

import os
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studyplanner.core.cards.decks import ALL_DECKS
from studyplanner.storage.store import Store
from tests.ui.conftest import Problems, open_window, settle


def test_import_then_export(qtbot: QtBot, store: Store, cards_plan: int, tmp_path: Path) -> None:
    window = open_window(qtbot, store)
    source = tmp_path / "mine.csv"
    source.write_text(
        "#separator:comma\nCapital of France?,Paris\n,no front\n2 + 2?,4\n", encoding="utf-8"
    )
    with qtbot.waitSignal(window.card_transfer.imported) as imported:
        window.card_transfer.import_file(source, "Geography")
    assert imported.args == [
        "Imported mine.csv: 2 added, 1 skipped (new cards in Geography). "
        "Skipped: line 3: the card has no front (its first field is empty)"
    ]
    settle(qtbot, window)
    assert window.pages.today.cards.text() == "Flashcards: 3 cards to review today (3 new)."
    window.show_page(3)
    settle(qtbot, window)
    model = window.pages.flashcards.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Small roadmap",
        "Geography",
    ]

    target = tmp_path / "all.apkg"
    with qtbot.waitSignal(window.card_transfer.exported) as exported:
        window.card_transfer.export_deck(ALL_DECKS, target)
    assert exported.args == ["Exported 6 cards to all.apkg."]
    with zipfile.ZipFile(target) as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    fronts = [row[0].split("\x1f")[0] for row in conn.execute("SELECT flds FROM notes")]
    assert "Capital of France?" in fronts and "What is a list?" in fronts


def test_a_bad_file_is_explained_and_imports_nothing(
    qtbot: QtBot, store: Store, cards_plan: int, tmp_path: Path, problems: Problems
) -> None:
    window = open_window(qtbot, store)
    source = tmp_path / "old.txt"
    source.write_bytes("caf\u00e9\tcoffee\n".encode("cp1252"))
    before = store.card_count()
    window.card_transfer.import_file(source, "Geography")
    settle(qtbot, window)
    assert problems[0][0] == "old.txt could not be imported"
    assert "is not UTF-8 (byte 0xe9)" in problems[0][1]
    assert store.card_count() == before


def test_a_deck_export_that_cannot_be_written_is_one_line(
    qtbot: QtBot, store: Store, cards_plan: int, tmp_path: Path, problems: Problems
) -> None:
    window = open_window(qtbot, store)
    window.card_transfer.export_deck(ALL_DECKS, tmp_path / "missing" / "all.apkg")
    settle(qtbot, window)
    window.card_transfer.export_deck(ALL_DECKS, tmp_path / "missing" / "all.txt")
    settle(qtbot, window)
    assert problems == [
        (
            f"{ALL_DECKS.title} could not be exported",
            f"cannot write {name}: the folder {tmp_path / 'missing'} does not exist",
        )
        for name in ("all.apkg", "all.txt")
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs")
def test_a_fifo_is_refused_at_once(
    qtbot: QtBot, store: Store, cards_plan: int, tmp_path: Path, problems: Problems
) -> None:
    window = open_window(qtbot, store)
    fifo = tmp_path / "cards.txt"
    os.mkfifo(fifo)
    window.card_transfer.import_file(fifo, "Geography")
    settle(qtbot, window)
    assert problems == [("cards.txt could not be imported", f"{fifo}: it is not a regular file")]
