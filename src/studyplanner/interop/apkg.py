"""Anki packages (.apkg): written with genanki, read by a hardened reader.

The writer builds the collection in memory and zips it straight into the target's temporary
file, so no copy of the cards is left in the system's temporary folder.

The reader never extracts anything to disk: apkg_archive.py finds the collection in the zip,
capped in size, and this module opens it as a read-only in-memory database. A few bytes of
schema can make SQLite compute gigabytes on read, so the collection may hold plain tables and
indexes only (no views, triggers, virtual tables or computed columns); the notes query reads
plain columns of the notes table only, as its authoriser checks (the cards' schedules have
their own, in anki_schedule.py); each value is capped by SQLite's length limit, and the work
of every query by a budget of steps. At most MAX_CARDS notes are read, with the same field
limits as text files.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import genanki

from studyplanner.core.cards.media import is_media_name, media_names
from studyplanner.interop.anki_collection import reading_only
from studyplanner.interop.anki_decks import read_deck_names
from studyplanner.interop.anki_media import package_media
from studyplanner.interop.anki_notetypes import read_note_types
from studyplanner.interop.anki_schedule import Scheduled, read_schedules, write_schedules
from studyplanner.interop.anki_templates import (
    FaceTooLargeError,
    NoteType,
    card_faces,
    shown_in_bold,
)
from studyplanner.interop.anki_text import (
    MAX_BYTES as MAX_TEXT_BYTES,
)
from studyplanner.interop.anki_text import (
    MAX_CARDS,
    MAX_FIELD_CHARS,
    CardFile,
    CardFileError,
    ExchangeCard,
    anki_deck_name,
    field_text,
)
from studyplanner.interop.apkg_archive import collection_bytes
from studyplanner.interop.files import write_atomically
from studyplanner.interop.markdown_html import markdown_to_html
from studyplanner.interop.safe_text import printable

NoteRow = tuple[object, object, object, object, object, object]  # id, guid, flds, tags, mod, mid
WAL_VERSIONS, ROLLBACK_VERSIONS = b"\x02\x02", b"\x01\x01"
# Anki's notes hold fields, tags and ids of a few kilobytes; no one value may be larger.
MAX_VALUE_BYTES = 16 * 1024 * 1024
# All the notes' values together: no more text than a text file of cards may hold. A column's
# default costs nothing on disk and is read for every row, so the total is counted as read.
MAX_NOTES_BYTES = MAX_TEXT_BYTES
# Every card's faces together, as their templates make them: a note of many cloze deletions
# makes a card of its whole text for each.
MAX_RENDERED_CHARS = 200_000_000
# Anki's notes table has no defaults at all; a long one is a value repeated for every row.
MAX_DEFAULT_CHARS = 100
# Reading 100,000 notes takes about a million steps of SQLite's machine, sorted or not.
MAX_QUERY_STEPS = 50_000_000
STEPS_PER_CHECK = 10_000
NOTE_COLUMNS = ("id", "guid", "flds", "tags")
# Read where the notes have them (Anki's always do): when a note last changed, its note type.
NOTE_TIME, NOTE_TYPE = "mod", "mid"
MAX_NOTE_SECONDS = 253_402_300_799  # the end of the year 9999
SCHEMA_KINDS = {"table", "index"}
FIELD_SEPARATOR = "\x1f"
NEW_CARD = Scheduled(None, False, ())  # a card the collection keeps no schedule for
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


def write_apkg(
    cards: Iterable[ExchangeCard],
    deck: str,
    path: Path,
    now: datetime | None = None,
    media: Mapping[str, bytes] | None = None,
) -> int:
    """Write the cards as one Anki deck; the file appears whole or not at all.

    Each note is stamped with the card's last change, so that Anki's "update if newer" keeps
    an edit made in Anki since; ``now`` (the clock when not given) stamps the package and the
    cards whose last change is not known, and its zone counts review days. A card's schedule,
    suspension and answers go along (see anki_schedule.py), and the ``media`` files the
    cards' pictures show. Control codes are dropped from every text: Anki splits a note's
    fields at U+001F.
    """
    name = printable(deck)
    decks: dict[str, genanki.Deck] = {}
    changed: dict[str, int] = {}
    kept = []
    for card in cards:
        # Its own deck as Anki's subdecks (Roadmap::Stage::Topic), else the exported one's.
        full = anki_deck_name(card.deck) or name
        anki_deck = decks.get(full) or decks.setdefault(full, genanki.Deck(deck_id(full), full))
        front = printable(card.front)
        note = genanki.Note(
            model=BASIC,
            fields=[markdown_to_html(front), markdown_to_html(printable(card.back))],
            tags=[printable(tag).replace(" ", "_") for tag in card.tags],
            guid=printable(card.guid) or genanki.guid_for(name, front),
        )
        anki_deck.add_note(note)
        kept.append(replace(card, guid=note.guid))
        if card.modified is not None:
            changed[note.guid] = int(card.modified.timestamp())
    when = datetime.now(UTC).astimezone() if now is None else now
    package = genanki.Package(list(decks.values()) or [genanki.Deck(deck_id(name), name)])
    database = _collection_of(package, when, changed, kept)
    files = {name: data for name, data in (media or {}).items() if is_media_name(name)}
    write_atomically(path, lambda temporary: _zip_collection(database, files, temporary))
    return len(kept)


def _collection_of(
    package: genanki.Package,
    now: datetime,
    changed: dict[str, int],
    cards: list[ExchangeCard],
) -> bytes:
    """The package's collection as database bytes, built in memory, with schedules.

    Notes are stamped with their last change and cards carry their schedules and answers.
    genanki's own ``write_to_file`` builds it in a temporary file that it never removes, and
    stamps every note with the package's time.
    """
    timestamp = now.timestamp()
    conn = sqlite3.connect(":memory:")
    try:
        package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        # By id: genanki's notes have no index on guid, and a scan a note is quadratic.
        note_ids = dict(conn.execute("SELECT guid, id FROM notes"))
        conn.executemany(
            "UPDATE notes SET mod = ? WHERE id = ?",
            ((m, note_ids[g]) for g, m in changed.items() if g in note_ids),
        )
        write_schedules(conn, cards, now)
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def _zip_collection(database: bytes, media: Mapping[str, bytes], path: Path) -> None:
    """The package: the collection, and each media file under its number in the media list."""
    names = sorted(media)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", database)
        for number, name in enumerate(names):
            archive.writestr(str(number), media[name])
        archive.writestr("media", json.dumps({str(n): name for n, name in enumerate(names)}))


def read_apkg(data: bytes, source: str) -> CardFile:
    """Every card of an Anki package's notes, rendered from its note type, with its schedule.

    A card's front and back are what Anki shows (see anki_templates.py), each cloze deletion
    a card; a note whose note type cannot be read gives one card of its first two fields. A
    NULL value is empty, as Anki's schema allows none; a card whose front is empty is left
    out and named in ``skipped``.
    """
    rows, schedules, note_types, decks = _note_rows(collection_bytes(data, source), source)
    if len(rows) > MAX_CARDS:
        raise CardFileError(f"{source}: the package has more than {MAX_CARDS} notes")
    cards: list[ExchangeCard] = []
    skipped: list[str] = []
    room = [MAX_RENDERED_CHARS]  # what the cards' faces may hold, all together
    for number, (note_id, guid_value, fields_value, tags_value, modified, type_id) in enumerate(
        rows, 1
    ):
        where = f"{source}: note {number}"
        tags = tuple(printable(_text(tags_value, where, "its tags are")).split())
        guid = _text(guid_value, where, "its guid is")
        changed = _note_time(modified)
        fields = _text(fields_value, where, "its fields are").split(FIELD_SEPARATOR)
        note_type = note_types.get(type_id) if isinstance(type_id, int) else None
        known = schedules.get(note_id, []) if isinstance(note_id, int) else []
        by_ordinal = dict(known)
        # A note of another note type than ours shows its text as written, as in Anki.
        literal = type_id != MODEL_ID
        for ordinal, (front, back) in _faces(
            note_type, fields, known, where, number, skipped, literal, room
        ):
            scheduled = by_ordinal.get(ordinal, NEW_CARD)
            cards.append(
                ExchangeCard(
                    front,
                    back,
                    tags,
                    card_guid(guid, ordinal),
                    changed,
                    scheduled.state,
                    scheduled.suspended,
                    scheduled.history,
                    decks.get(scheduled.deck_id or 0, ()),
                )
            )
        if len(cards) > MAX_CARDS:
            raise CardFileError(f"{source}: the package has more than {MAX_CARDS} cards")
    if not cards:
        raise CardFileError(f"{source}: the package holds no notes with text")
    wanted = {name for card in cards for name in media_names(f"{card.front}\n{card.back}")}
    media, left_out = package_media(data, source, wanted)
    return CardFile(cards, (*skipped, *left_out), media)


def card_guid(note_guid: str, ordinal: int) -> str:
    """A card's own id: its note's GUID for the first card, with the card's number after.

    Exported, each card is a note of its own under this id, and it is known again when it
    comes back or when the same package is imported again. The apostrophe is no character of
    Anki's GUIDs.
    """
    return note_guid if ordinal == 0 else f"{note_guid}'{ordinal}"


def _faces(
    note_type: NoteType | None,
    fields: list[str],
    known: list[tuple[int, Scheduled]],
    where: str,
    number: int,
    skipped: list[str],
    literal: bool,
    room: list[int],
) -> list[tuple[int, tuple[str, str]]]:
    """Each card of a note as (ordinal, (front, back)); the ones left out named in ``skipped``."""
    if note_type is None or not known:
        front = printable(field_text(fields[0], where, literal))
        back = printable(field_text(fields[1], where, literal)) if len(fields) > 1 else ""
        if front:
            return [(0, (front, back))]
        about = f", whose back reads '{back[:40]}'" if back else ""
        skipped.append(f"note {number}{about}: its first field is empty")
        return []
    values = dict(zip(note_type.fields, fields, strict=False))
    found = []
    for ordinal, _ in known:
        card = f"note {number}, card {ordinal + 1}"
        try:
            html_faces = card_faces(note_type, values, ordinal)
        except FaceTooLargeError as exc:
            skipped.append(f"{card} ({note_type.name}): {exc}")
            continue
        if html_faces is None:
            skipped.append(f"{card}: its note type ({note_type.name}) has no such card")
            continue
        room[0] -= sum(len(face) for face in html_faces)
        if room[0] < 0:
            raise CardFileError(
                f"{where}: the package's cards would hold more than "
                f"{MAX_RENDERED_CHARS // 10**6} million characters of text; "
                "it cannot be imported"
            )
        front, back = (
            shown_in_bold(printable(field_text(face, where, literal))) for face in html_faces
        )
        if front:
            found.append((ordinal, (front, back)))
        else:
            skipped.append(f"{card} ({note_type.name}): its front is empty")
    return found


def _note_time(value: object) -> datetime | None:
    """A note's ``mod`` (seconds since 1970) as a time; None where it is not a sane one."""
    if isinstance(value, bytes) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or not 0 < value < MAX_NOTE_SECONDS:
        return None
    return datetime.fromtimestamp(value, UTC)


def _text(value: object, where: str, what: str) -> str:
    """A value read from the collection as text: NULL is empty, bytes must be UTF-8."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CardFileError(
                f"{where}: {what} not UTF-8 text (byte 0x{value[exc.start]:02x} at {exc.start}); "
                "in Anki, check the note and export again"
            ) from None
    else:
        text = str(value)
    if len(text) > MAX_FIELD_CHARS and what != "its fields are":
        raise CardFileError(f"{where}: {what} longer than {MAX_FIELD_CHARS} characters")
    return text


def _note_rows(
    database: bytes, source: str
) -> tuple[
    list[NoteRow],
    dict[int, list[tuple[int, Scheduled]]],
    dict[int, NoteType],
    dict[int, tuple[str, ...]],
]:
    """At most MAX_CARDS + 1 notes by id, their cards' schedules, the note types and decks.

    A note is (id, guid, flds, tags, mod, mid); the schedules are by note (see
    anki_schedule.py), the note types and the decks' names by id (see anki_notetypes.py and
    anki_decks.py).
    """
    steps = itertools.count(1)
    budget_spent = False

    def spend() -> int:
        nonlocal budget_spent
        budget_spent = next(steps) * STEPS_PER_CHECK > MAX_QUERY_STEPS
        return int(budget_spent)  # non-zero stops the query

    conn = sqlite3.connect(":memory:")
    try:
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        conn.set_progress_handler(spend, STEPS_PER_CHECK)
        conn.deserialize(_without_wal(database))
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        present = _check_schema(conn, source)
        time, note_type = (name if name in present else "NULL" for name in (NOTE_TIME, NOTE_TYPE))
        conn.text_factory = bytes  # decoded note by note, so a bad byte names its note
        with reading_only(conn, {"notes": (*NOTE_COLUMNS, NOTE_TIME, NOTE_TYPE)}):
            rows = conn.execute(
                f"SELECT id, guid, flds, tags, {time}, {note_type} FROM notes ORDER BY id LIMIT ?",
                (MAX_CARDS + 1,),
            )
            notes = _within_total(rows, source)
        try:
            schedules = read_schedules(conn, (row[0] for row in notes if isinstance(row[0], int)))
        except ValueError as exc:
            raise CardFileError(f"{source}: {exc}; the package cannot be imported") from None
        return notes, schedules, read_note_types(conn), read_deck_names(conn)
    except sqlite3.DataError:
        raise CardFileError(
            f"{source}: a note holds more than {MAX_VALUE_BYTES // 2**20} MB; "
            "the package cannot be imported"
        ) from None
    except sqlite3.DatabaseError as exc:
        if budget_spent:
            raise CardFileError(
                f"{source}: the collection inside takes too much work to read; "
                "export it again from Anki"
            ) from None
        raise CardFileError(f"{source}: the collection inside is not readable: {exc}") from None
    finally:
        conn.close()


def _without_wal(database: bytes) -> bytes:
    """The database as a rollback-journal file, which SQLite can open in memory.

    Anki leaves its collections in write-ahead-log mode, marked by a 2 in bytes 18 and 19 of
    the header (the file format's read and write versions); SQLite cannot open such a file
    from memory, and reading it needs no log, since the package holds it checkpointed.
    """
    if database[18:20] != WAL_VERSIONS:
        return database
    return database[:18] + ROLLBACK_VERSIONS + database[20:]


def _within_total(rows: Iterable[NoteRow], source: str) -> list[NoteRow]:
    """The rows, read one at a time, refused as soon as their values pass MAX_NOTES_BYTES."""
    kept, total = [], 0
    for row in rows:
        total += sum(len(value) for value in row if isinstance(value, bytes | str))
        if total > MAX_NOTES_BYTES:
            raise CardFileError(
                f"{source}: the notes hold more than {MAX_NOTES_BYTES // 2**20} MB of text; "
                "the package cannot be imported"
            )
        kept.append(row)
    return kept


def _check_schema(conn: sqlite3.Connection, source: str) -> set[str]:
    """Refuse a collection that is more than plain tables and indexes, or has no notes table.

    Returns the notes' columns (in lower case), to tell which of the optional ones are there.
    """
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if kind == "table" and str(sql or "").upper().startswith("CREATE VIRTUAL"):
            kind = "virtual table"
        if kind not in SCHEMA_KINDS:
            raise CardFileError(
                f"{source}: the collection inside holds a {kind} ({name}), which Anki's never "
                "do; the package cannot be imported"
            )
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND lower(name) = 'notes'"
    )
    if found.fetchone() is None:
        raise CardFileError(f"{source}: the collection inside has no table of notes")
    columns = {}
    for _, name, _, _, default, _, hidden in conn.execute("PRAGMA table_xinfo(notes)"):
        if hidden:
            raise CardFileError(
                f"{source}: the notes in the collection have a computed column ({name}), "
                "which Anki's never have; the package cannot be imported"
            )
        if default is not None and len(str(default)) > MAX_DEFAULT_CHARS:
            raise CardFileError(
                f"{source}: the notes' column {name} has a default of {len(str(default)):,} "
                "characters, which Anki's never have; the package cannot be imported"
            )
        columns[str(name).lower()] = name
    missing = [column for column in NOTE_COLUMNS if column not in columns]
    if missing:
        raise CardFileError(
            f"{source}: the notes in the collection have no {', '.join(missing)} column"
        )
    return set(columns)
