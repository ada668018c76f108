"""Anki packages (.apkg): written with genanki, read by a hardened reader.

The reader never extracts anything to disk. It caps the number of entries and the bytes it
will decompress (a zip's stated sizes can lie, so it counts as it reads), looks entries up
by their base name only, and opens the collection inside as a read-only in-memory database,
reading at most MAX_CARDS notes from a real table, with the same field limits as text files.
"""

from __future__ import annotations

import io
import lzma
import sqlite3
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import genanki

from studyplanner.interop.anki_text import MAX_CARDS, CardFileError, ExchangeCard, field_text
from studyplanner.interop.files import write_atomically
from studyplanner.interop.html_text import text_to_html

MAX_ENTRIES = 10_000
MAX_COLLECTION_BYTES = 256 * 1024 * 1024
COLLECTIONS = ("collection.anki21", "collection.anki2")
FIELD_SEPARATOR = "\x1f"
# The signature of a zip directory record: no archive has more records than it has these.
DIRECTORY_RECORD = b"PK\x01\x02"
# How zipfile fails on damaged or unusual archives: bad offsets, unknown versions and
# compression methods, encrypted entries, broken compressed data.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
)
# Fixed ids, so re-exporting updates the same note type in Anki instead of adding another.
MODEL_ID = 1_607_392_319
BASIC = genanki.Model(
    MODEL_ID,
    "Study Planner Basic",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
        }
    ],
)


def deck_id(name: str) -> int:
    """A stable Anki deck id for a deck name."""
    return zlib.crc32(name.encode("utf-8")) | (1 << 30)


def write_apkg(cards: Iterable[ExchangeCard], deck: str, path: Path) -> int:
    """Write the cards as one Anki deck; the file appears whole or not at all."""
    anki_deck = genanki.Deck(deck_id(deck), deck)
    count = 0
    for card in cards:
        note = genanki.Note(
            model=BASIC,
            fields=[text_to_html(card.front), text_to_html(card.back)],
            tags=[tag.replace(" ", "_") for tag in card.tags],
            guid=card.guid or genanki.guid_for(deck, card.front),
        )
        anki_deck.add_note(note)
        count += 1
    package = genanki.Package(anki_deck)
    write_atomically(path, lambda temporary: package.write_to_file(str(temporary)))
    return count


def read_apkg(data: bytes, source: str) -> list[ExchangeCard]:
    """The notes of an Anki package, as cards: its first two fields, its tags, its guid."""
    database = _collection_bytes(data, source)
    conn = sqlite3.connect(":memory:")
    try:
        try:
            conn.deserialize(database)
            conn.execute("PRAGMA query_only = ON")
            # A view named notes could compute rows without end; a table holds what it holds.
            kind = conn.execute(
                "SELECT type FROM sqlite_master WHERE lower(name) = 'notes'"
            ).fetchone()
            if kind != ("table",):
                raise CardFileError(f"{source}: the collection inside has no table of notes")
            rows = conn.execute(
                "SELECT guid, flds, tags FROM notes ORDER BY id LIMIT ?", (MAX_CARDS + 1,)
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise CardFileError(f"{source}: the collection inside is not readable: {exc}") from None
    finally:
        conn.close()
    if len(rows) > MAX_CARDS:
        raise CardFileError(f"{source}: the package has more than {MAX_CARDS} notes")
    cards = []
    for number, (guid, fields, tags) in enumerate(rows, 1):
        front_html, _, rest = str(fields).partition(FIELD_SEPARATOR)
        where = f"{source}: note {number}"
        front = field_text(front_html, where)
        back = field_text(rest.partition(FIELD_SEPARATOR)[0], where)
        if front:
            cards.append(ExchangeCard(front, back, tuple(str(tags).split()), str(guid)))
    if not cards:
        raise CardFileError(f"{source}: the package holds no notes with text")
    return cards


def _collection_bytes(data: bytes, source: str) -> bytes:
    # zipfile reads the whole directory before it can be counted: count its records first.
    if data.count(DIRECTORY_RECORD) > MAX_ENTRIES:
        raise CardFileError(f"{source}: the package has more than {MAX_ENTRIES} entries")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise CardFileError(f"{source}: not a readable .apkg (zip) file: {exc}") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise CardFileError(f"{source}: the package has more than {MAX_ENTRIES} entries")
        by_name = {PurePosixPath(e.filename.replace("\\", "/")).name: e for e in entries}
        if "collection.anki21b" in by_name and not any(n in by_name for n in COLLECTIONS):
            raise CardFileError(
                f"{source}: this package uses Anki's newest format only. In Anki, export it "
                "again with 'Support older Anki versions' ticked."
            )
        entry = next((by_name[n] for n in COLLECTIONS if n in by_name), None)
        if entry is None:
            raise CardFileError(f"{source}: the package has no Anki collection inside")
        if entry.file_size > MAX_COLLECTION_BYTES:
            raise CardFileError(f"{source}: the collection inside is too large to import")
        try:
            with archive.open(entry) as stream:
                content = stream.read(MAX_COLLECTION_BYTES + 1)
        except ZIP_ERRORS as exc:
            raise CardFileError(f"{source}: the package is damaged: {exc}") from None
        if len(content) > MAX_COLLECTION_BYTES:
            raise CardFileError(f"{source}: the collection inside is too large to import")
        return content
