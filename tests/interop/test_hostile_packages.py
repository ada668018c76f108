"""Hostile Anki packages: what SQLite would compute on read is refused before it is read."""

from __future__ import annotations

import io
import sqlite3
import tracemalloc
import zipfile
from collections.abc import Sequence

import pytest
from anki.notetypes_pb2 import Notetype
from google.protobuf.message import Message

from studyplanner.interop import anki_media, apkg
from studyplanner.interop.anki_text import MAX_CARDS, MAX_FIELD_CHARS, CardFileError, ExchangeCard
from studyplanner.interop.apkg import read_apkg

NOTES = "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, flds TEXT, tags TEXT)"


def package(*script: str, notes: Sequence[tuple[object, object, object]] = ()) -> bytes:
    """An .apkg whose collection is made by these SQL statements, then holds these notes."""
    conn = sqlite3.connect(":memory:")
    for statement in script:
        conn.execute(statement)
    if notes:
        conn.executemany("INSERT INTO notes (guid, flds, tags) VALUES (?, ?, ?)", notes)
    conn.commit()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", conn.serialize())
    conn.close()
    return out.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(CardFileError) as caught:
        read_apkg(data, "deck.apkg")
    return str(caught.value)


def refusal_and_peak(data: bytes) -> tuple[str, int]:
    """The refusal's message, and the most memory Python held while reaching it."""
    tracemalloc.start()
    try:
        message = refusal(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return message, peak


# Computed on read


def test_a_gigabyte_computed_column_in_a_tiny_package_is_refused_unread() -> None:
    data = package(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, tags TEXT,"
        " flds BLOB GENERATED ALWAYS AS (zeroblob(1000000000)) VIRTUAL)",
        "INSERT INTO notes (guid, tags) VALUES ('g', '')",
    )
    assert len(data) < 4_000
    message, peak = refusal_and_peak(data)
    assert message == (
        "deck.apkg: the notes in the collection have a computed column (flds), "
        "which Anki's never have; the package cannot be imported"
    )
    assert peak < 20 * 2**20


@pytest.mark.parametrize("kind", ["VIRTUAL", "STORED"])
def test_a_computed_column_the_reader_does_not_read_is_refused_too(kind: str) -> None:
    data = package(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, flds TEXT, tags TEXT,"
        f" noise BLOB GENERATED ALWAYS AS (zeroblob(100000)) {kind})",
        notes=[("g", "q\x1fa", "")] * 20,
    )
    assert "computed column (noise)" in refusal(data)


def test_a_virtual_table_of_notes_is_refused() -> None:
    try:
        data = package("CREATE VIRTUAL TABLE notes USING fts4(id, guid, flds, tags)")
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no full-text search")
    assert refusal(data) == (
        "deck.apkg: the collection inside holds a virtual table (notes), "
        "which Anki's never do; the package cannot be imported"
    )


def test_a_view_of_notes_over_another_table_is_refused() -> None:
    data = package(
        "CREATE TABLE real_notes (id INTEGER PRIMARY KEY, guid TEXT, flds TEXT, tags TEXT)",
        "INSERT INTO real_notes VALUES (1, 'g', 'q' || char(31) || 'a', '')",
        "CREATE VIEW notes AS SELECT * FROM real_notes",
    )
    assert "the collection inside holds a view (notes)" in refusal(data)


def test_a_trigger_anywhere_in_the_collection_is_refused() -> None:
    data = package(
        NOTES,
        "CREATE TABLE log (x)",
        "CREATE TRIGGER grow AFTER INSERT ON log BEGIN INSERT INTO log VALUES (zeroblob(1e8)); END",
        notes=[("g", "q\x1fa", "")],
    )
    assert refusal(data) == (
        "deck.apkg: the collection inside holds a trigger (grow), "
        "which Anki's never do; the package cannot be imported"
    )


def test_the_query_is_authorised_to_read_only_the_plain_columns_of_notes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # If the schema checks missed a view, the authoriser would still refuse what it reads.
    monkeypatch.setattr(apkg, "_check_schema", lambda conn, source: set())
    data = package(
        "CREATE VIEW notes AS WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n) "
        "SELECT id, 'g' AS guid, 'q' || char(31) || 'a' AS flds, '' AS tags FROM n",
    )
    assert refusal(data).startswith("deck.apkg: the collection inside is not readable: ")


def test_a_read_that_takes_too_much_work_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apkg, "MAX_QUERY_STEPS", 50_000)
    data = package(NOTES, notes=[("g", "q\x1fa", "")] * 20_000)
    assert refusal(data) == (
        "deck.apkg: the collection inside takes too much work to read; export it again from Anki"
    )


def test_a_normal_package_of_many_notes_is_well_within_the_work_limit() -> None:
    data = package(NOTES, notes=[(f"g{n}", f"q{n}\x1fa", "t") for n in range(MAX_CARDS)])
    assert len(read_apkg(data, "deck.apkg").cards) == MAX_CARDS


# Huge values


def test_a_note_larger_than_the_value_limit_is_refused_before_it_is_fetched() -> None:
    data = package(NOTES, notes=[("g", "q\x1f" + "x" * (apkg.MAX_VALUE_BYTES + 1), "")])
    assert refusal(data) == (
        f"deck.apkg: a note holds more than {apkg.MAX_VALUE_BYTES // 2**20} MB; "
        "the package cannot be imported"
    )


@pytest.mark.parametrize(("column", "index"), [("tags", 2), ("guid", 0)])
def test_tags_and_ids_longer_than_a_field_are_refused(column: str, index: int) -> None:
    note: list[object] = ["g", "q\x1fa", "t"]
    note[index] = "x" * (MAX_FIELD_CHARS + 1)
    data = package(NOTES, notes=[("g", "q\x1fa", ""), (note[0], note[1], note[2])])
    assert refusal(data) == (
        f"deck.apkg: note 2: its {column} are longer than {MAX_FIELD_CHARS} characters"
        if column == "tags"
        else f"deck.apkg: note 2: its guid is longer than {MAX_FIELD_CHARS} characters"
    )


# NULL, numbers and blobs


def test_null_fields_are_empty_and_a_note_without_text_is_left_out() -> None:
    data = package(NOTES, notes=[("g1", None, ""), ("g2", "q\x1fa", None), (None, "r\x1fb", "t")])
    assert read_apkg(data, "deck.apkg").cards == [
        ExchangeCard("q", "a", (), "g2"),
        ExchangeCard("r", "b", ("t",), ""),
    ]


def test_blob_and_number_fields_are_read_as_their_text() -> None:
    data = package(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid, flds, tags)",
        notes=[(b"g1", "caf\u00e9\x1fa".encode(), b"t1 t2"), (7, 42, 1.5)],
    )
    assert read_apkg(data, "deck.apkg").cards == [
        ExchangeCard("caf\u00e9", "a", ("t1", "t2"), "g1"),
        ExchangeCard("42", "", ("1.5",), "7"),
    ]


@pytest.mark.parametrize(
    "value",
    [b"q\xff\x1fa", "CAST(x'71ff1f61' AS TEXT)"],
    ids=["blob", "text"],
)
def test_fields_that_are_not_utf8_name_the_note(value: object) -> None:
    script = [NOTES, "INSERT INTO notes (guid, flds, tags) VALUES ('g1', 'q' || char(31), '')"]
    if isinstance(value, str):
        script.append(f"INSERT INTO notes (guid, flds, tags) VALUES ('g2', {value}, '')")
        data = package(*script)
    else:
        data = package(*script, notes=[("g2", value, "")])
    assert refusal(data) == (
        "deck.apkg: note 2: its fields are not UTF-8 text (byte 0xff at 1); "
        "in Anki, check the note and export again"
    )


def test_control_codes_in_fields_are_dropped() -> None:
    data = package(NOTES, notes=[("g", "\x1b[31mred\x00\x07 text\x1fback\x1b]0;title\x07", "")])
    assert read_apkg(data, "deck.apkg").cards == [
        ExchangeCard("[31mred text", "back]0;title", (), "g")
    ]


def test_a_long_default_read_for_every_note_is_refused_unread() -> None:
    # A column added with a default costs its text once in the schema, and is read for every
    # row: ten thousand notes would be 150 GB of tags from a package of a few kilobytes.
    data = package(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, flds TEXT)",
        *(f"INSERT INTO notes (guid, flds) VALUES ('g{n}', 'Q{n}\x1fA')" for n in range(10_000)),
        "ALTER TABLE notes ADD COLUMN tags TEXT DEFAULT '" + "t" * 15 * 2**20 + "'",
    )
    assert len(data) < 200_000
    message, peak = refusal_and_peak(data)
    assert message == (
        "deck.apkg: the notes' column tags has a default of 15,728,642 characters, which "
        "Anki's never have; the package cannot be imported"
    )
    assert peak < 64 * 2**20


def test_notes_holding_more_text_than_a_text_file_may_are_refused_while_read() -> None:
    big = "x" * 9 * 2**20  # under the limit for one value, over it for six together
    data = package(NOTES, notes=[(f"g{n}", big, "") for n in range(6)])
    assert len(data) < 1_000_000
    assert refusal(data) == (
        "deck.apkg: the notes hold more than 50 MB of text; the package cannot be imported"
    )


# Schedules


SCHEDULE_TABLES = (
    "CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, ord INTEGER, type INTEGER,"
    " queue INTEGER, due INTEGER, ivl INTEGER, left INTEGER, data TEXT)",
    "CREATE TABLE revlog (id INTEGER PRIMARY KEY, cid INTEGER, ease INTEGER, time INTEGER,"
    " type INTEGER)",
    "CREATE TABLE col (crt INTEGER)",
    "INSERT INTO col VALUES (1767240000)",
)


@pytest.mark.parametrize(
    "card",
    [
        "(1, 1, 0, 2, 2, 10, 10, 0, 'not json')",
        '(1, 1, 0, 2, 2, 10, 10, 0, \'{"s": -5, "d": 99, "lrt": 1767240000}\')',
        '(1, 1, 0, 2, 2, 99999999999, -3, 0, \'{"s": "x"}\')',
        "(1, 1, 0, 7, 9, 'x', 'y', 'z', x'00ff')",
        "(1, 1, 0, 2, 2, 10, 10, 0, '[1, 2, 3]')",
    ],
    ids=["not JSON", "values out of range", "absurd due", "wrong types", "not an object"],
)
def test_a_card_schedule_that_makes_no_sense_leaves_the_card_new(card: str) -> None:
    data = package(
        NOTES,
        *SCHEDULE_TABLES,
        f"INSERT INTO cards VALUES {card}",
        "INSERT INTO revlog VALUES (99999999999999999, 1, 9, -4, 7)",
        notes=[("g", "Front\x1fBack", "")],
    )
    [found] = read_apkg(data, "deck.apkg").cards
    assert (found.front, found.state, found.history) == ("Front", None, ())


def test_a_computed_column_in_the_cards_reads_no_schedule() -> None:
    tables = (
        SCHEDULE_TABLES[0].replace(
            "data TEXT", "data TEXT GENERATED ALWAYS AS (zeroblob(1000000000)) VIRTUAL"
        ),
        *SCHEDULE_TABLES[1:],
    )
    data = package(
        NOTES,
        *tables,
        "INSERT INTO cards (id, nid, ord, type, queue, due, ivl, left)"
        " VALUES (1, 1, 0, 2, 2, 10, 10, 0)",
        notes=[("g", "Front\x1fBack", "")],
    )
    [found] = read_apkg(data, "deck.apkg").cards
    assert found.state is None


def test_a_sane_schedule_comes_with_its_answers() -> None:
    data = package(
        NOTES,
        *SCHEDULE_TABLES,
        "INSERT INTO cards VALUES (1, 1, 0, 2, 2, 3, 3, 0,"
        ' \'{"s": 3.5, "d": 5.0, "lrt": 1767250000}\')',
        "INSERT INTO revlog VALUES (1767240000000, 1, 3, 4000, 0)",
        "INSERT INTO revlog VALUES (1767250000000, 1, 3, 3000, 1)",
        notes=[("g", "Front\x1fBack", "")],
    )
    [found] = read_apkg(data, "deck.apkg").cards
    assert found.state is not None and found.state.stability == 3.5
    assert [(p.rating, p.duration_ms, p.kind) for p in found.history] == [
        (3, 4000, "new"),
        (3, 3000, "review"),
    ]


# Note types
TYPED_NOTES = (
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, flds TEXT, tags TEXT, mid INTEGER)"
)
CURRENT_TYPES = (
    "CREATE TABLE notetypes (id INTEGER PRIMARY KEY, name TEXT, config BLOB)",
    "CREATE TABLE templates (ntid INTEGER, ord INTEGER, name TEXT, config BLOB)",
    "CREATE TABLE fields (ntid INTEGER, ord INTEGER, name TEXT)",
    "INSERT INTO fields VALUES (7, 0, 'Front'), (7, 1, 'Back')",
)


def blob(message: Message) -> str:
    """A protocol buffer of Anki's own schema, as an SQL blob."""
    return f"x'{message.SerializeToString().hex()}'"


def template(ordinal: int, question: str, answer: str) -> str:
    config = Notetype.Template.Config(q_format=question, a_format=answer)
    return f"INSERT INTO templates VALUES (7, {ordinal}, 'Card {ordinal + 1}', {blob(config)})"


REVERSED_TEMPLATES = (template(0, "{{Front}}", "{{Back}}"), template(1, "{{Back}}", "{{Front}}"))
CLOZE_CONFIG = blob(Notetype.Config(kind=Notetype.Config.KIND_CLOZE))
TWO_CARDS = "INSERT INTO cards (id, nid, ord, type, queue) VALUES (1, 1, 0, 0, 0), (2, 1, 1, 0, 0)"


def typed_package(*script: str) -> bytes:
    """A current-schema package of one note of note type 7, with two cards."""
    conn_script = (TYPED_NOTES, *SCHEDULE_TABLES, *CURRENT_TYPES, *script, TWO_CARDS)
    return package(*conn_script, "INSERT INTO notes VALUES (1, 'g', 'Q' || char(31) || 'A', '', 7)")


def test_a_note_type_read_from_its_protocol_buffers_gives_each_card() -> None:
    data = typed_package("INSERT INTO notetypes VALUES (7, 'Reversed', x'')", *REVERSED_TEMPLATES)
    cards = read_apkg(data, "deck.apkg").cards
    assert [(c.front, c.back, c.guid) for c in cards] == [("Q", "A", "g"), ("A", "Q", "g'1")]


@pytest.mark.parametrize(
    "script",
    [
        ("INSERT INTO notetypes VALUES (7, 'Broken', x'ffffffff')", *REVERSED_TEMPLATES),
        (
            "INSERT INTO notetypes VALUES (7, 'Bad text', x'')",
            "INSERT INTO templates VALUES (7, 0, 'Card 1', x'0a02c328')",  # not UTF-8
        ),
        ("INSERT INTO notetypes VALUES (7, 'No templates', x'')",),
        ("INSERT INTO notetypes VALUES (7, 'Text config', 'hello')", *REVERSED_TEMPLATES),
    ],
    ids=["not a message", "template not UTF-8", "no templates", "config not a blob"],
)
def test_a_note_type_that_cannot_be_read_gives_the_note_as_its_first_two_fields(
    script: tuple[str, ...],
) -> None:
    [card] = read_apkg(typed_package(*script), "deck.apkg").cards
    assert (card.front, card.back, card.guid) == ("Q", "A", "g")


def test_a_view_of_note_types_is_refused() -> None:
    data = package(
        TYPED_NOTES,
        "CREATE TABLE t (x)",
        "CREATE VIEW notetypes AS SELECT 7 AS id, 'x' AS name, x'' AS config FROM t",
    )
    assert "holds a view (notetypes)" in refusal(data)


@pytest.mark.parametrize(
    "models",
    ["not json", "[1, 2]", '{"7": {"flds": "x", "tmpls": []}}', '{"7": {"flds": [{"name": 1}]}}'],
)
def test_old_note_types_that_make_no_sense_give_the_first_two_fields(models: str) -> None:
    data = package(
        TYPED_NOTES,
        *SCHEDULE_TABLES[:2],
        "CREATE TABLE col (crt INTEGER, models TEXT)",
        f"INSERT INTO col VALUES (1767240000, '{models}')",
        TWO_CARDS,
        "INSERT INTO notes VALUES (1, 'g', 'Q' || char(31) || 'A', '', 7)",
    )
    [card] = read_apkg(data, "deck.apkg").cards
    assert (card.front, card.back) == ("Q", "A")


def test_a_note_of_many_deletions_is_stopped_at_the_card_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(apkg, "MAX_CARDS", 50)
    data = cloze_package("".join(f"{{{{c{n}::x}}}}" for n in range(1, 101)), 100)
    assert refusal(data) == "deck.apkg: the package has more than 50 cards"


def cloze_package(text: str, cards: int) -> bytes:
    """A current-schema package of one cloze note of this text, with this many cards."""
    rows = ", ".join(f"({n + 1}, 1, {n}, 0, 0)" for n in range(cards))
    return package(
        TYPED_NOTES,
        *SCHEDULE_TABLES,
        *CURRENT_TYPES,
        f"INSERT INTO notetypes VALUES (7, 'Cloze', {CLOZE_CONFIG})",
        template(0, "{{cloze:Front}}", "{{cloze:Front}}"),
        f"INSERT INTO cards (id, nid, ord, type, queue) VALUES {rows}",
        f"INSERT INTO notes VALUES (1, 'g', '{text}' || char(31) || '', '', 7)",
    )


# Media
PICTURE_NOTE = ("g", 'Look <img src="pod.png" alt="x"> <img src="../up.png">\x1fback', "")


def media_package(listed: str, files: dict[str, bytes]) -> bytes:
    """An older-style package of one note showing pod.png, with this media list and files."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package(NOTES, notes=[PICTURE_NOTE])), "r") as source:
        collection = source.read("collection.anki2")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", collection)
        archive.writestr("media", listed)
        for entry, data in files.items():
            archive.writestr(entry, data)
    return out.getvalue()


def test_only_a_picture_the_cards_show_is_read_and_no_path_is_ever_a_name() -> None:
    listed = '{"0": "pod.png", "1": "../up.png", "2": "unused.png", "3": "/etc/passwd"}'
    files = {"0": b"pod", "1": b"up", "2": b"unused", "3": b"secret"}
    found = read_apkg(media_package(listed, files), "deck.apkg")
    assert found.media == {"pod.png": b"pod"}
    assert found.cards[0].front == "Look ![x](pod.png)"  # a path is no picture


@pytest.mark.parametrize(
    ("listed", "files", "why"),
    [
        ('{"0": "other.png"}', {"0": b"x"}, "the media file pod.png: not in the package"),
        ('{"0": "pod.png"}', {}, "the media file pod.png: not in the package"),
        ("not json", {"0": b"x"}, "the media file pod.png: not in the package"),
        ('["pod.png"]', {"0": b"x"}, "the media file pod.png: not in the package"),
    ],
    ids=["not listed", "listed, no file", "list not JSON", "list not a mapping"],
)
def test_a_picture_that_is_not_there_is_named(
    listed: str, files: dict[str, bytes], why: str
) -> None:
    found = read_apkg(media_package(listed, files), "deck.apkg")
    assert found.media == {}
    assert found.skipped == (why,)


def test_a_picture_over_the_size_limit_is_left_out_and_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(anki_media, "MAX_FILE_BYTES", 1000)
    found = read_apkg(media_package('{"0": "pod.png"}', {"0": b"x" * 5000}), "deck.apkg")
    assert found.media == {}
    assert found.skipped == ("the media file pod.png is too large to import",)


def test_a_template_that_repeats_a_long_field_is_stopped_small() -> None:
    # 2,000 copies of a field of 100,000 characters would be a front of 200 million.
    data = package(
        TYPED_NOTES,
        *SCHEDULE_TABLES,
        *CURRENT_TYPES,
        "INSERT INTO notetypes VALUES (7, 'Repeats', x'')",
        template(0, "{{Front}}" * 2000, "{{Back}}"),
        "INSERT INTO cards (id, nid, ord, type, queue) VALUES (1, 1, 0, 0, 0), (2, 2, 0, 0, 0)",
        "INSERT INTO notes VALUES (1, 'g', printf('%.100000c', 'x') || char(31) || 'A', '', 7)",
        "INSERT INTO notes VALUES (2, 'h', 'short' || char(31) || 'B', '', 7)",
    )
    tracemalloc.start()
    try:
        found = read_apkg(data, "deck.apkg")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.skipped == (
        "note 1, card 1 (Repeats): a face of this card would pass 1,000,000 characters",
    )
    assert [card.back for card in found.cards] == ["B"]
    assert peak < 64 * 2**20


def test_cards_that_would_hold_too_much_text_refuse_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each card of a cloze note is its whole text: many deletions make many copies of it.
    monkeypatch.setattr(apkg, "MAX_RENDERED_CHARS", 100_000)
    data = cloze_package("".join(f"{{{{c{n}::word{n}}}}} " for n in range(1, 201)), 200)
    assert refusal(data) == (
        "deck.apkg: note 1: the package's cards would hold more than 0 million characters "
        "of text; it cannot be imported"
    )
