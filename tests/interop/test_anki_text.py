"""Anki's text format: Anki's documented rules, round trips and bad files."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyplanner.interop import html_text
from studyplanner.interop.anki_text import (
    CardFileError,
    ExchangeCard,
    read_anki_text,
    write_anki_text,
)
from studyplanner.interop.html_markdown import FieldParser
from studyplanner.interop.html_text import html_to_text
from studyplanner.interop.markdown_html import markdown_to_html

CARDS = [
    ExchangeCard("What is a *list*?", "A mutable sequence.\n\nSee `list()`.", ("python", "basics")),
    ExchangeCard('Quote "this"; and, tab\there', "1 < 2 & 3 > 2", (), "g-2"),
]


def test_export_then_import_gives_equal_cards() -> None:
    text = write_anki_text(CARDS, "My deck")
    assert text.startswith("#separator:tab\n#html:true\n#notetype:Basic\n#deck:My deck\n")
    back = read_anki_text(text.encode(), "cards.txt").cards
    assert [(c.front, c.back, c.tags) for c in back] == [(c.front, c.back, c.tags) for c in CARDS]
    assert back[1].guid == "g-2"


def test_the_separator_is_guessed_from_the_first_line() -> None:
    assert read_anki_text(b"apple;banana\ncherry;date\n", "f").cards == [
        ExchangeCard("apple", "banana"),
        ExchangeCard("cherry", "date"),
    ]
    assert read_anki_text(b"a,b\n", "f").cards == [ExchangeCard("a", "b")]
    assert read_anki_text(b"a;b,c\n", "f").cards == [ExchangeCard("a", "b,c")]  # semicolon first


def test_headers_set_separator_tags_and_comments() -> None:
    data = (
        b"#separator:Pipe\n#tags column:3\n#tags:imported\n# a comment\n"
        b"front one|back one|t1 t2\nfront two|back two|\n"
    )
    assert read_anki_text(data, "f").cards == [
        ExchangeCard("front one", "back one", ("imported", "t1", "t2")),
        ExchangeCard("front two", "back two", ("imported",)),
    ]


def test_a_comment_is_a_line_written_with_a_hash_not_a_quoted_field() -> None:
    # Anki quotes a field that starts with '#' (a GUID may), so the row is not a comment.
    data = b'#separator:tab\n"#front"\tback\n# a comment\n"two\n# not a comment"\tback\n'
    assert read_anki_text(data, "f").cards == [
        ExchangeCard("#front", "back"),
        ExchangeCard("two\n# not a comment", "back"),
    ]


def test_quoted_fields_hold_newlines_separators_and_quotes() -> None:
    data = b'hello;"this is\na two line answer"\n"this has ; a semicolon";"say ""hi"""\n'
    assert read_anki_text(data, "f").cards == [
        ExchangeCard("hello", "this is\na two line answer"),
        ExchangeCard("this has ; a semicolon", 'say "hi"'),
    ]


def test_short_rows_get_blank_fields_and_long_rows_lose_their_extras() -> None:
    data = b"front\tback\tthird\nonly front\nf\tb\tc\textra\tmore\n"
    assert read_anki_text(data, "f").cards == [
        ExchangeCard("front", "back"),
        ExchangeCard("only front", ""),
        ExchangeCard("f", "b"),
    ]


def test_a_byte_order_mark_is_dropped() -> None:
    assert read_anki_text("\ufeffQ\tA\n".encode(), "f").cards == [ExchangeCard("Q", "A")]


def test_html_fields_become_markdown_without_other_markup() -> None:
    data = (
        b"#html:true\n<b>Bold</b> &amp; <script>alert(1)</script>x\tline<br>two<div>three</div>\n"
    )
    assert read_anki_text(data, "f").cards == [ExchangeCard("**Bold** & x", "line\ntwo\nthree")]
    assert html_to_text(markdown_to_html("a <b>\nc & d")) == "a <b>\nc & d"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "caf\u00e9\tcoffee\n\u201cq\u201d\tx\n".encode("cp1252"),
            r"f:1: the file is not UTF-8 \(byte 0xe9\)",
        ),
        (b"#separator:semicolon\n\n", "the file has no cards"),
        (b"#separator:wavy\na~b\n", "f:1: unknown separator 'wavy'"),
        (b"#tags column:x\na\tb\n", "f:1: 'tags column' needs a column number"),
        (b"\tno front\n\t\n", r"f: the file has no cards \(line 1: the card has no front"),
        (b'good\tone\n"unclosed\tfield\n', "f:2: unexpected end of data"),
    ],
)
def test_bad_files_name_the_line_and_the_reason(data: bytes, message: str) -> None:
    with pytest.raises(CardFileError, match=message):
        read_anki_text(data, "f")


def test_a_row_without_a_front_is_skipped_and_named() -> None:
    found = read_anki_text(b"front\tback\n\tno front\nq\ta\n", "f")
    assert found.cards == [ExchangeCard("front", "back"), ExchangeCard("q", "a")]
    assert found.skipped == ("line 2: the card has no front (its first field is empty)",)


def test_control_codes_are_dropped_when_cards_are_written_and_read() -> None:
    card = ExchangeCard("Q\x1b[31m\x1f", "A\x07\x1b]0;x", ("t\x00ag",), "g\x1b1")
    text = write_anki_text([card], "Deck\x1b[2J")
    assert "\x1b" not in text and "\x1f" not in text and "\x00" not in text and "\x07" not in text
    assert "#deck:Deck[2J\n" in text
    assert read_anki_text(text.encode(), "f").cards == [
        ExchangeCard("Q[31m", "A]0;x", ("tag",), "g1")
    ]
    assert read_anki_text("q\x1b[1m\ta\x9b2J\n".encode(), "f").cards == [
        ExchangeCard("q[1m", "a2J")
    ]


def test_fields_that_look_like_formulas_reach_anki_unchanged() -> None:
    # Anki shows fields as text; a defusing quote would show on the card.
    cards = [ExchangeCard("=1+1", "-5", ("@home",), "+g")]
    text = write_anki_text(cards, "Deck")
    assert text.splitlines()[-1] == "+g\t=1+1\t-5\t@home\tDeck"  # its deck: the last column
    assert read_anki_text(text.encode(), "f").cards == cards


@given(st.text(alphabet=st.characters(blacklist_characters="<&"), max_size=60))
def test_a_field_without_markup_reads_as_the_parser_would(text: str) -> None:
    parser = FieldParser(None, {}, {})
    parser.feed(text)
    parser.close()
    assert html_text.html_to_text(text) == parser.text()
