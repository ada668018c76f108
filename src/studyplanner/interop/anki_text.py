"""Anki's text format ("Notes in Plain Text"): reading and writing cards.

The rules follow Anki's manual on importing text files: UTF-8 only; ``#`` header lines
(``#separator:``, ``#html:``, ``#tags column:``, ``#columns:``, ``#deck:``, ``#tags:``) and
other ``#`` lines are comments; without a header, the separator is the first of tab,
semicolon and comma found on the first line; the first line fixes the number of fields, so
shorter rows get blank fields and the extra fields of longer rows are not imported; a field
in double quotes may hold the separator and newlines, with ``""`` for a quote.

Hostile files are refused with a CardFileError naming the line: there are limits on the size of
the file, of a field, and on the number of lines and cards, and field HTML is tamed before it is
parsed, as Python's HTML parser takes quadratic time on some broken markup.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from studyplanner.core.cards.history import PastReview
from studyplanner.core.cards.scheduling import CardState
from studyplanner.interop.html_text import as_written, html_to_text
from studyplanner.interop.markdown_html import markdown_to_html
from studyplanner.interop.safe_text import printable

MAX_BYTES = 50 * 1024 * 1024
MAX_LINES = 1_000_000
MAX_CARDS = 100_000
# The csv module's own limit on a field, applied to the fields of packages too.
MAX_FIELD_CHARS = 131_072
SEPARATORS = {"tab": "\t", "semicolon": ";", "comma": ",", "space": " ", "pipe": "|", "colon": ":"}
GUESS_ORDER = ("\t", ";", ",")


class CardFileError(ValueError):
    """A card file that cannot be imported; the message names the file, the line and why."""


@dataclass(frozen=True)
class ExchangeCard:
    """A card as it travels between apps: text, tags and, where known, a stable id."""

    front: str
    back: str
    tags: tuple[str, ...] = ()
    guid: str = ""
    modified: datetime | None = None  # when the note last changed, where the file says
    # Where the file keeps a schedule (Anki's packages): the card's state and answers.
    state: CardState | None = None
    suspended: bool = False
    history: tuple[PastReview, ...] = ()
    # The deck it is in, as the parts of its name (roadmap, stage, topic): Anki's subdecks.
    deck: tuple[str, ...] = ()


@dataclass(frozen=True)
class CardFile:
    """What a card file holds: its cards, and each note left out with where and why."""

    cards: list[ExchangeCard]
    skipped: tuple[str, ...] = ()
    media: Mapping[str, bytes] = field(default_factory=dict)  # the pictures the cards show


@dataclass
class _Headers:
    separator: str | None = None
    html: bool = False
    tags_column: int | None = None
    guid_column: int | None = None
    # Anki's export names each note's deck and note type in columns of their own; they are
    # not fields (the cards go to the deck chosen on import).
    deck_column: int | None = None
    notetype_column: int | None = None
    tags: tuple[str, ...] = ()


COLUMN_HEADERS = ("tags column", "guid column", "deck column", "notetype column")
_HEADER_END = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_CONTENT_LINE = re.compile(r"^[^\n]*?\S[^\n]*", re.MULTILINE)
# Markup Python's HTML parser reads by searching far ahead, once for each '<' when it is broken.
_DECLARATION = re.compile(r"<[!?][^<>]*>")
_LONE_LT = re.compile(r"<(?=[^<>]*(?:<|$))")


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or an error naming the first bad byte or NUL."""
    if len(data) > MAX_BYTES:
        raise CardFileError(f"{source}: the file is larger than {MAX_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CardFileError(
            f"{source}:{line}: the file is not UTF-8 (byte 0x{data[exc.start]:02x}). "
            "Save it as UTF-8 (in LibreOffice: Save As, CSV, character set Unicode UTF-8)."
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise CardFileError(
            f"{source}:{line}: the file holds NUL characters, so it is not plain text "
            "(a UTF-16 file looks like this: save it as UTF-8)"
        )
    return text


def read_anki_text(data: bytes, source: str) -> CardFile:
    """The cards of an Anki text file: front and back from the first two columns.

    A row whose front is empty is left out and named in ``skipped``.
    """
    text = decode(data, source)
    headers, first, start = _read_headers(text, source)
    content = _CONTENT_LINE.search(text, start)
    if content is None:
        raise CardFileError(f"{source}: the file has no cards")
    separator = headers.separator or _guess_separator(content.group())
    lines = _RowLines(_lines(text, start))
    reader = csv.reader(lines, delimiter=separator, quotechar='"', strict=True)
    cards: list[ExchangeCard] = []
    skipped: list[str] = []
    width: int | None = None
    try:
        for row in reader:
            line = first + reader.line_num
            if line > MAX_LINES:
                raise CardFileError(f"{source}:{line}: the file has more than {MAX_LINES} lines")
            # A comment is a line that starts with '#' as written; a quoted "#..." is a field.
            comment, lines.first = lines.first.startswith("#"), ""
            if comment or not any(field.strip() for field in row):
                continue
            if len(cards) == MAX_CARDS:
                raise CardFileError(
                    f"{source}:{line}: the file has more than {MAX_CARDS} cards; "
                    "split it into smaller files"
                )
            width = width or len(row)
            card = _card(row[:width], headers, source, line)
            if card.front:
                cards.append(card)
            else:
                skipped.append(f"line {line}: the card has no front (its first field is empty)")
    except csv.Error as exc:
        raise CardFileError(f"{source}:{first + reader.line_num}: {exc}") from None
    if not cards:
        reason = f" ({skipped[0]})" if skipped else ""
        raise CardFileError(f"{source}: the file has no cards{reason}")
    return CardFile(cards, tuple(skipped))


def field_text(field: str, where: str, literal: bool = False) -> str:
    """An Anki field's HTML as card text; ``where`` names the field in a CardFileError.

    ``literal`` text shows as Anki shows it, not read as Markdown (see html_text.as_written).
    Comments, declarations and a '<' that starts no tag are dealt with first, so the HTML
    parser never searches far ahead: what it would show or drop, it still shows or drops.
    """
    if len(field) > MAX_FIELD_CHARS:
        raise CardFileError(f"{where}: a field is longer than {MAX_FIELD_CHARS} characters")
    if "<" not in field and "&" not in field:  # no markup to tame or parse
        return as_written(field.strip()) if literal else field.strip()
    tamed = _LONE_LT.sub("&lt;", _DECLARATION.sub("", _without_comments(field)))
    try:
        return html_to_text(tamed, literal)
    except AssertionError as exc:  # how Python's HTML parser reports markup it cannot follow
        raise CardFileError(f"{where}: the field's HTML cannot be read ({exc})") from None


def _without_comments(field: str) -> str:
    """HTML comments dropped; an unclosed one is shown as text, as the parser would."""
    out: list[str] = []
    pos = 0
    closed = True  # once a comment has no end, none after it has one either
    while (start := field.find("<!--", pos)) >= 0:
        end = field.find("-->", start + 4) if closed else -1
        out.append(field[pos:start])
        if end < 0:
            closed = False
            out.append("&lt;!--")
            pos = start + 4
        else:
            pos = end + 3
    out.append(field[pos:])
    return "".join(out)


class _RowLines:
    """Lines for the CSV reader that remember the first line of the row being read."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.first = ""  # the row's first line as written; the reader of rows empties it

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if not self.first:
            self.first = line
        return line


def _lines(text: str, start: int) -> Iterator[str]:
    """The lines of ``text`` from ``start``, each with its newline, without copying the text."""
    return (match.group() for match in _LINE.finditer(text, start))


def _read_headers(text: str, source: str) -> tuple[_Headers, int, int]:
    """The settings in the '#' lines at the top; how many lines they are, and where they end."""
    headers = _Headers()
    count = start = 0
    while text.startswith("#", start):
        end = _HEADER_END.search(text, start)
        line = text[start : end.end() if end else len(text)]
        start += len(line)
        count += 1
        if count > MAX_LINES:
            raise CardFileError(f"{source}:{count}: the file has more than {MAX_LINES} lines")
        key, sep, value = line[1:].strip().partition(":")
        key, value = key.strip().lower(), value.strip()
        if not sep:
            continue  # a comment
        if key == "separator":
            separator = SEPARATORS.get(value.lower(), value)
            if len(separator) != 1:
                raise CardFileError(f"{source}:{count}: unknown separator '{value}'")
            headers.separator = separator
        elif key == "html":
            headers.html = value.lower() == "true"
        elif key in COLUMN_HEADERS:
            if not (value.isascii() and value.isdigit() and 0 < len(value) < 10) or int(value) < 1:
                raise CardFileError(f"{source}:{count}: '{key}' needs a column number")
            setattr(headers, key.replace(" ", "_"), int(value) - 1)
        elif key == "tags":
            headers.tags = tuple(value.split())
    return headers, count, start


def _guess_separator(line: str) -> str:
    return next((s for s in GUESS_ORDER if s in line), "\t")


def _card(row: list[str], headers: _Headers, source: str, line: int) -> ExchangeCard:
    """A card from a row; missing fields are blank."""
    used = {
        headers.tags_column,
        headers.guid_column,
        headers.deck_column,
        headers.notetype_column,
    }
    fields = [field for n, field in enumerate(row) if n not in used][:2]
    if headers.html:
        fields = [field_text(field, f"{source}:{line}") for field in fields]
    front = printable(fields[0]).strip() if fields else ""
    back = printable(fields[1]).strip() if len(fields) > 1 else ""
    tags = headers.tags
    if headers.tags_column is not None and headers.tags_column < len(row):
        tags = tags + tuple(printable(row[headers.tags_column]).split())
    guid = ""
    if headers.guid_column is not None and headers.guid_column < len(row):
        guid = printable(row[headers.guid_column])
    return ExchangeCard(front, back, tuple(dict.fromkeys(tags)), guid.strip())


def write_anki_text(cards: Iterable[ExchangeCard], deck: str) -> str:
    """Cards as a tab-separated file Anki imports into a Basic note type, with its headers.

    Control codes are dropped from every text. Fields that start like a spreadsheet formula
    are written as they are: the file is for Anki, which shows a field as text and would
    show the quote that defuses a formula in a spreadsheet on the card itself.
    Each card's own deck, where it has one, is its line's fifth column (Anki's subdecks,
    ``Roadmap::Stage::Topic``); the ``#deck:`` line names the deck of the others.
    """
    out = io.StringIO()
    name = " ".join(printable(deck).split())
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{name}\n#guid column:1\n#tags column:4\n#deck column:5\n")
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\n")
    for card in cards:
        writer.writerow(
            [
                printable(card.guid),
                markdown_to_html(printable(card.front)),
                markdown_to_html(printable(card.back)),
                " ".join(printable(tag) for tag in card.tags),
                anki_deck_name(card.deck) or name,
            ]
        )
    return out.getvalue()


def anki_deck_name(parts: tuple[str, ...]) -> str:
    """A deck's name in Anki from the parts of ours: ``Roadmap::Stage::Topic``."""
    return "::".join(" ".join(printable(part).replace("::", ":").split()) for part in parts)
