"""Hostile card files: each ends in a CardFileError naming the line, and imports nothing."""

from __future__ import annotations

import io
import os
import sqlite3
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyplanner.interop import card_files
from studyplanner.interop.anki_text import (
    MAX_BYTES,
    MAX_CARDS,
    MAX_FIELD_CHARS,
    MAX_LINES,
    CardFileError,
    ExchangeCard,
    read_anki_text,
)
from studyplanner.interop.apkg import read_apkg, write_apkg
from studyplanner.interop.apkg_archive import MAX_ENTRIES
from studyplanner.interop.card_files import read_card_file
from studyplanner.storage.errors import StorageError
from studyplanner.storage.queries.views import CardText, NewCard
from studyplanner.storage.store import Store
from tests.conftest import NOW

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def error(data: bytes) -> str:
    with pytest.raises(CardFileError) as caught:
        read_anki_text(data, "f")
    return str(caught.value)


# Size


def test_a_text_file_over_its_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "cards.txt"
    with path.open("wb") as out:
        out.truncate(MAX_BYTES + 1)  # 50 MB of nothing, written in no time
    with pytest.raises(CardFileError) as caught:
        read_card_file(path)
    assert str(caught.value) == f"{path}: it is larger than the 50 MB limit"


def test_a_package_over_its_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    with path.open("wb") as out:
        out.truncate(card_files.MAX_FILE_BYTES + 1)
    with pytest.raises(CardFileError) as caught:
        read_card_file(path)
    assert str(caught.value) == f"{path}: it is larger than the 512 MB limit"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs an endless device file")
def test_a_device_is_refused_unread() -> None:
    with pytest.raises(CardFileError, match=r"^/dev/zero: it is not a regular file$"):
        read_card_file(Path("/dev/zero"))


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs")
@pytest.mark.parametrize("name", ["cards.txt", "deck.apkg"])
def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with pytest.raises(CardFileError) as caught:
        read_card_file(fifo)
    assert str(caught.value) == f"{fifo}: it is not a regular file"


def test_a_folder_and_a_missing_file_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(CardFileError, match=r"^.*: it is a folder$"):
        read_card_file(tmp_path)
    with pytest.raises(CardFileError) as caught:
        read_card_file(tmp_path / "gone.txt")
    assert (
        str(caught.value)
        == f"{tmp_path / 'gone.txt'}: it cannot be read (No such file or directory)"
    )


# Encodings


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Q\tA\n".encode("utf-16"), r"^f:1: the file is not UTF-8 \(byte 0xff\)"),
        ("Q\tA\nR\tB\n".encode("utf-16-le"), r"^f:1: the file holds NUL characters"),
        (b"Q\tA\nR\tB\nS\0\tC\n", r"^f:3: the file holds NUL characters"),
        (b"Q\tA\n\xc3\x28\tB\n", r"^f:2: the file is not UTF-8 \(byte 0xc3\)"),
    ],
)
def test_text_that_is_not_utf8_is_named_with_its_line(data: bytes, message: str) -> None:
    with pytest.raises(CardFileError, match=message):
        read_anki_text(data, "f")


# Long fields and lines


def test_a_field_longer_than_the_limit_is_named_with_its_line() -> None:
    data = b"Q\tA\nQ2\t" + b"x" * (MAX_FIELD_CHARS + 1) + b"\n"
    assert error(data) == f"f:2: field larger than field limit ({MAX_FIELD_CHARS})"


def test_a_very_wide_first_row_does_not_widen_every_other_row() -> None:
    # The first row fixes the width; padding each later row to it would take gigabytes.
    data = b"front" + b"\t" * 50_000 + b"\n" + b"q\ta\n" * 2_000
    tracemalloc.start()
    try:
        cards = read_anki_text(data, "f").cards
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(cards) == 2_001
    assert cards[-1] == ExchangeCard("q", "a")
    assert peak < 20 * 2**20


@pytest.mark.parametrize(
    "markup",
    ["<a" * 60_000, "<!--a>" * 20_000, "</" * 60_000, "<?" * 60_000, "<!--x" * 25_000],
)
def test_broken_html_is_read_in_linear_time_as_text(markup: str) -> None:
    # Python's HTML parser takes many seconds over each of these fields when left to itself.
    card = read_anki_text(b"#html:true\n" + markup.encode() + b"\tback\n", "f").cards[0]
    assert card.back == "back"
    assert card.front.startswith(markup[:2])


def test_markup_the_html_parser_would_crash_on_is_dropped_like_other_declarations() -> None:
    data = b"#html:true\na<![x>b<!DOCTYPE html><?pi?><!-- c -->d\t<![if !x]>e\n"
    assert read_anki_text(data, "f").cards == [ExchangeCard("abd", "e")]


def test_a_field_longer_than_the_limit_is_refused_in_a_package() -> None:
    data = package_with_notes([("g", "x" * (MAX_FIELD_CHARS + 1) + "\x1fback", "")])
    with pytest.raises(CardFileError) as caught:
        read_apkg(data, "deck.apkg")
    assert str(caught.value) == (
        f"deck.apkg: note 1: a field is longer than {MAX_FIELD_CHARS} characters"
    )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("#tags column:\u00b2", "f:1: 'tags column' needs a column number"),
        ("#guid column:" + "9" * 5_000, "f:1: 'guid column' needs a column number"),
    ],
)
def test_header_numbers_that_are_not_plain_numbers_are_named(header: str, message: str) -> None:
    assert error(f"{header}\nq\ta\n".encode()) == message


def test_a_guid_column_beyond_the_row_is_a_blank_guid() -> None:
    assert read_anki_text(b"#guid column:9\nq\ta\n", "f").cards == [ExchangeCard("q", "a")]


# Many rows


def test_more_cards_than_the_limit_are_refused_at_the_first_one_too_many() -> None:
    assert error(b"q\ta\n" * (MAX_CARDS + 1)) == (
        f"f:{MAX_CARDS + 1}: the file has more than {MAX_CARDS} cards; split it into smaller files"
    )


def test_more_lines_than_the_limit_are_refused_even_when_they_are_blank() -> None:
    assert error(b"q\ta\n" + b"\n" * MAX_LINES) == (
        f"f:{MAX_LINES + 1}: the file has more than {MAX_LINES} lines"
    )
    assert error(b"#\n" * (MAX_LINES + 1)) == (
        f"f:{MAX_LINES + 1}: the file has more than {MAX_LINES} lines"
    )


# Packages


def package_with_notes(notes: list[tuple[str, str, str]]) -> bytes:
    """An .apkg whose collection has only a notes table with these (guid, flds, tags)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, flds TEXT, tags TEXT)")
    conn.executemany("INSERT INTO notes (guid, flds, tags) VALUES (?, ?, ?)", notes)
    conn.commit()
    return zipped({"collection.anki2": conn.serialize()})


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_package_with_more_notes_than_the_limit_is_refused() -> None:
    data = package_with_notes([("g", "q\x1fa", "")] * (MAX_CARDS + 1))
    with pytest.raises(CardFileError) as caught:
        read_apkg(data, "deck.apkg")
    assert str(caught.value) == f"deck.apkg: the package has more than {MAX_CARDS} notes"


def test_notes_that_are_an_endless_view_are_refused() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIEW notes AS WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n) "
        "SELECT id, 'g' AS guid, 'q' || char(31) || 'a' AS flds, '' AS tags FROM n"
    )
    data = zipped({"collection.anki2": conn.serialize()})
    with pytest.raises(CardFileError) as caught:
        read_apkg(data, "deck.apkg")
    assert str(caught.value) == (
        "deck.apkg: the collection inside holds a view (notes), "
        "which Anki's never do; the package cannot be imported"
    )


def test_a_package_with_too_many_entries_is_refused_before_they_are_listed() -> None:
    data = zipped({str(n): b"" for n in range(MAX_ENTRIES + 1)})
    with pytest.raises(CardFileError) as caught:
        read_apkg(data, "deck.apkg")
    assert str(caught.value) == f"deck.apkg: the package has more than {MAX_ENTRIES} entries"


@pytest.mark.parametrize(
    ("offset", "value", "message"),
    [
        (6, b"\x8c\x00", "not a readable .apkg \\(zip\\) file: zip file version 14.0"),
        (8, b"\x01\x00", "the package is damaged: File .* is encrypted"),
        (10, b"\x63\x00", "the package is damaged: .*compression method"),
        (42, b"\xff\xff\xff\x7f", "the package is damaged"),
    ],
)
def test_damaged_zip_directories_are_reported_not_raised(
    tmp_path: Path, offset: int, value: bytes, message: str
) -> None:
    # Version needed, flags, compression method and header offset of the directory record.
    path = tmp_path / "deck.apkg"
    write_apkg([ExchangeCard("q", "a")], "Deck", path)
    data = bytearray(path.read_bytes())
    record = data.find(b"PK\x01\x02")
    data[record + offset : record + offset + len(value)] = value
    with pytest.raises(CardFileError, match=f"^deck.apkg: {message}"):
        read_apkg(bytes(data), "deck.apkg")


# All or nothing


def test_a_bad_row_after_many_good_ones_gives_no_cards_at_all(tmp_path: Path) -> None:
    path = tmp_path / "cards.txt"
    path.write_bytes(b"q\ta\n" * 1_000 + b'"unclosed\tfield\n')
    with pytest.raises(CardFileError) as caught:
        read_card_file(path)
    assert str(caught.value) == f"{path}:1001: unexpected end of data"


def test_an_import_that_fails_part_way_leaves_no_cards(store: Store) -> None:
    good = [NewCard(CardText(f"q{n}", "a"), deck="Imported") for n in range(50)]
    broken = NewCard(CardText("q", "a"), roadmap_id="no-such-roadmap", topic_id="t")
    before = store.card_count()
    with pytest.raises(StorageError), store.write() as writes:
        writes.add_cards([*good, broken], NOW)
    assert store.card_count() == before
    with store.write() as writes:
        assert writes.add_cards(good, NOW) == 50
    assert store.card_count() == before + 50


# Fuzzing: the only outcomes are cards or a CardFileError


CSV_TEXT = st.text(alphabet=st.sampled_from(list('\t;,"#:\n\r <>&!-?/abc01\ufeff\0\x1f')))
HEADERS = st.sampled_from(
    [
        "",
        "#separator:tab\n",
        "#separator:Pipe\n",
        "#separator:\u00e9\n",
        "#html:true\n",
        "#tags column:2\n",
        "#guid column:7\n",
        "#tags column:0\n",
        "#columns:Front\tBack\n",
    ]
)


def read_outcome(data: bytes) -> None:
    try:
        cards = read_anki_text(data, "fuzz.txt").cards
    except CardFileError as exc:
        assert str(exc).startswith("fuzz.txt")
    else:
        assert cards
        assert all(card.front for card in cards)


@FUZZ
@given(st.binary())
def test_fuzz_text_import_with_any_bytes(data: bytes) -> None:
    read_outcome(data)


@FUZZ
@given(st.lists(HEADERS, max_size=3), CSV_TEXT)
def test_fuzz_text_import_with_headers_and_separators(headers: list[str], body: str) -> None:
    read_outcome(("".join(headers) + body).encode())


@FUZZ
@given(st.binary(min_size=1, max_size=8), st.integers(min_value=0), st.integers(1, 4))
def test_fuzz_package_import_with_damaged_bytes(patch: bytes, where: int, times: int) -> None:
    data = bytearray(PACKAGE)
    for n in range(times):
        at = (where * (n + 1)) % len(data)
        data[at : at + len(patch)] = patch
    try:
        cards = read_apkg(bytes(data), "fuzz.apkg").cards
    except CardFileError as exc:
        assert str(exc).startswith("fuzz.apkg: ")
    else:
        assert all(card.front for card in cards)


def _package() -> bytes:
    out = io.BytesIO()
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, flds TEXT, tags TEXT)")
    conn.execute("INSERT INTO notes (guid, flds, tags) VALUES ('g', 'q<b>x</b>\x1fa', 't')")
    conn.commit()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", conn.serialize())
        archive.writestr("media", b"{}")
    return out.getvalue()


PACKAGE = _package()
