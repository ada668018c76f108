"""Anki packages: the export read back with plain zipfile and sqlite3, and hostile packages."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zstandard

from studyplanner.interop.anki_text import CardFileError, ExchangeCard
from studyplanner.interop.apkg import read_apkg, write_apkg
from studyplanner.interop.apkg_archive import MAX_COLLECTION_BYTES
from studyplanner.interop.files import ExportError

# Each with the time it last changed, which its note carries (to the second).
CARDS = [
    ExchangeCard(
        "What is a *list*?",
        "A mutable sequence.\nOrdered.",
        ("python", "basics"),
        "g1",
        datetime(2026, 2, 27, 21, 14, 5, tzinfo=UTC),
    ),
    ExchangeCard(
        "1 < 2?", "Yes & always", (), "g2", datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC)
    ),
]


def notes_in(path: Path) -> list[tuple[str, list[str], str]]:
    """The notes of a package, read without our reader."""
    with zipfile.ZipFile(path) as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    rows = conn.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
    decks = conn.execute("SELECT decks FROM col").fetchone()[0]
    conn.close()
    assert '"Roadmap deck"' in decks
    return [(guid, fields.split("\x1f"), tags.strip()) for guid, fields, tags in rows]


def in_deck(name: str) -> list[ExchangeCard]:
    """CARDS as a package's reader gives them back: in the deck they were exported to."""
    return [replace(card, deck=(name,)) for card in CARDS]


def test_every_note_field_and_tag_survives_export(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    assert write_apkg(CARDS, "Roadmap deck", path) == 2
    assert notes_in(path) == [
        ("g1", ["What is a <em>list</em>?", "A mutable sequence.<br>Ordered."], "python basics"),
        ("g2", ["1 &lt; 2?", "Yes &amp; always"], ""),
    ]
    # Each card comes back in the deck it went into.
    assert read_apkg(path.read_bytes(), "deck.apkg").cards == in_deck("Roadmap deck")
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]  # no temporary left behind


@pytest.fixture
def empty_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test: empty, and the only one in use."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_an_apkg_export_leaves_nothing_in_the_temporary_folder(
    tmp_path: Path, empty_temp_folder: Path
) -> None:
    target = tmp_path / "out" / "deck.apkg"
    target.parent.mkdir()
    assert write_apkg(CARDS, "Deck", target) == 2
    assert read_apkg(target.read_bytes(), "deck.apkg").cards == in_deck("Deck")
    assert list(empty_temp_folder.iterdir()) == []
    assert [p.name for p in target.parent.iterdir()] == ["deck.apkg"]


def test_an_apkg_export_that_fails_at_the_end_leaves_nothing_anywhere(
    tmp_path: Path, empty_temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(handle: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)  # the last step before the file takes its place
    with pytest.raises(ExportError, match=r"^cannot write deck\.apkg: Input/output error$"):
        write_apkg(CARDS, "Deck", tmp_path / "deck.apkg")
    assert list(empty_temp_folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["system-temp"]


def test_control_codes_never_reach_a_package(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    card = ExchangeCard("front\x1fthird field\x00", "back\x1b[2J", ("t\x07ag",), "g\x1b1")
    write_apkg([card], "Roadmap\x1b deck", path)
    assert notes_in(path) == [("g1", ["frontthird field", "back[2J"], "tag")]


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def collection(tmp_path: Path) -> bytes:
    path = tmp_path / "deck.apkg"
    write_apkg(CARDS, "Roadmap deck", path)
    with zipfile.ZipFile(path) as archive:
        return archive.read("collection.anki2")


def test_a_card_whose_last_change_is_not_known_is_stamped_with_the_export(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deck.apkg"
    now = datetime(2026, 3, 2, 9, 30, 15, 250_000, tzinfo=UTC)
    write_apkg([replace(CARDS[0], modified=None), CARDS[1]], "Deck", path, now)
    found = read_apkg(path.read_bytes(), "deck.apkg").cards
    assert [card.modified for card in found] == [now.replace(microsecond=0), CARDS[1].modified]


def test_entry_names_are_reduced_to_base_names(tmp_path: Path) -> None:
    data = zipped({"../../etc/collection.anki2": collection(tmp_path), "/abs/0": b"media"})
    assert read_apkg(data, "evil.apkg").cards == in_deck("Roadmap deck")
    assert not (tmp_path.parent / "etc").exists()


def test_a_zip_bomb_is_refused_before_it_fills_memory() -> None:
    bomb = zipped({"collection.anki2": b"\0" * (MAX_COLLECTION_BYTES + 1)})
    assert len(bomb) < 1_000_000
    with pytest.raises(CardFileError, match="too large to import"):
        read_apkg(bomb, "bomb.apkg")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated", "not a readable .apkg"),
        ("not a zip", "not a readable .apkg"),
        ("no collection", "has no Anki collection inside"),
        ("newest format, damaged", "the collection inside is damaged"),
        ("not sqlite", "the collection inside is not readable"),
    ],
)
def test_broken_packages_are_explained(tmp_path: Path, name: str, message: str) -> None:
    good = tmp_path / "good.apkg"
    write_apkg(CARDS, "Roadmap deck", good)
    data = {
        "truncated": good.read_bytes()[:-200],
        "not a zip": b"hello, world",
        "no collection": zipped({"media": b"{}"}),
        "newest format, damaged": zipped({"collection.anki21b": b"zstd..."}),
        "not sqlite": zipped({"collection.anki2": b"this is not a database" * 100}),
    }[name]
    with pytest.raises(CardFileError, match=message):
        read_apkg(data, f"{name}.apkg")


def test_a_zstd_bomb_is_refused_before_it_fills_memory() -> None:
    # Anki's current format compresses the collection with zstd: its size is counted as it
    # is decompressed, whatever the frame says.
    compressor = zstandard.ZstdCompressor().compressobj()
    zeros = b"\0" * 2**22
    frame = [compressor.compress(zeros) for _ in range(MAX_COLLECTION_BYTES // len(zeros) + 1)]
    bomb = zipped({"collection.anki21b": b"".join([*frame, compressor.flush()])})
    assert len(bomb) < 1_000_000
    with pytest.raises(CardFileError, match="too large to import"):
        read_apkg(bomb, "bomb.apkg")
