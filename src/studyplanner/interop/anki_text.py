"""Anki's text format ("Notes in Plain Text"): reading and writing cards.

The rules follow Anki's manual on importing text files: UTF-8 only; ``#`` header lines
(``#separator:``, ``#html:``, ``#tags column:``, ``#columns:``, ``#deck:``, ``#tags:``) and
other ``#`` lines are comments; without a header, the separator is the first of tab,
semicolon and comma found on the first line; the first line fixes the number of fields, so
shorter rows get blank fields and the extra fields of longer rows are not imported; a field
in double quotes may hold the separator and newlines, with ``""`` for a quote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from studyplanner.interop.html_text import html_to_text, text_to_html

MAX_BYTES = 50 * 1024 * 1024
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


@dataclass
class _Headers:
    separator: str | None = None
    html: bool = False
    tags_column: int | None = None
    guid_column: int | None = None
    tags: tuple[str, ...] = ()


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or an error naming the first bad byte."""
    if len(data) > MAX_BYTES:
        raise CardFileError(f"{source}: the file is larger than {MAX_BYTES // 2**20} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CardFileError(
            f"{source}:{line}: the file is not UTF-8 (byte 0x{data[exc.start]:02x}). "
            "Save it as UTF-8 (in LibreOffice: Save As, CSV, character set Unicode UTF-8)."
        ) from None


def read_anki_text(data: bytes, source: str) -> list[ExchangeCard]:
    """The cards of an Anki text file: front and back from the first two columns."""
    text = decode(data, source)
    lines = text.splitlines(keepends=True)
    headers, first = _read_headers(lines, source)
    body = "".join(lines[first:])
    body_lines = [line for line in lines[first:] if line.strip()]
    if not body_lines:
        raise CardFileError(f"{source}: the file has no cards")
    separator = headers.separator or _guess_separator(body_lines[0])
    reader = csv.reader(io.StringIO(body), delimiter=separator, quotechar='"', strict=True)
    cards: list[ExchangeCard] = []
    width: int | None = None
    try:
        for row in reader:
            line = first + reader.line_num
            if not any(field.strip() for field in row):
                continue
            if row[0].startswith("#"):
                continue  # a comment
            width = width or len(row)
            cards.append(_card(row[:width] + [""] * (width - len(row)), headers, source, line))
    except csv.Error as exc:
        raise CardFileError(f"{source}:{first + reader.line_num}: {exc}") from None
    if not cards:
        raise CardFileError(f"{source}: the file has no cards")
    return cards


def _read_headers(lines: list[str], source: str) -> tuple[_Headers, int]:
    headers = _Headers()
    count = 0
    for number, line in enumerate(lines, 1):
        if not line.startswith("#"):
            break
        count = number
        key, sep, value = line[1:].strip().partition(":")
        key, value = key.strip().lower(), value.strip()
        if not sep:
            continue  # a comment
        if key == "separator":
            separator = SEPARATORS.get(value.lower(), value)
            if len(separator) != 1:
                raise CardFileError(f"{source}:{number}: unknown separator '{value}'")
            headers.separator = separator
        elif key == "html":
            headers.html = value.lower() == "true"
        elif key in ("tags column", "guid column"):
            if not value.isdigit() or int(value) < 1:
                raise CardFileError(f"{source}:{number}: '{key}' needs a column number")
            setattr(headers, key.replace(" ", "_"), int(value) - 1)
        elif key == "tags":
            headers.tags = tuple(value.split())
    return headers, count


def _guess_separator(line: str) -> str:
    return next((s for s in GUESS_ORDER if s in line), "\t")


def _card(row: list[str], headers: _Headers, source: str, line: int) -> ExchangeCard:
    used = {headers.tags_column, headers.guid_column}
    fields = [field for n, field in enumerate(row) if n not in used]
    if headers.html:
        fields = [html_to_text(field) for field in fields]
    front = fields[0].strip() if fields else ""
    back = fields[1].strip() if len(fields) > 1 else ""
    if not front:
        raise CardFileError(f"{source}:{line}: the card has no front (its first field is empty)")
    tags = headers.tags
    if headers.tags_column is not None and headers.tags_column < len(row):
        tags = tags + tuple(row[headers.tags_column].split())
    guid = row[headers.guid_column] if headers.guid_column is not None else ""
    return ExchangeCard(front, back, tuple(dict.fromkeys(tags)), guid.strip())


def write_anki_text(cards: Iterable[ExchangeCard], deck: str) -> str:
    """Cards as a tab-separated file Anki imports into a Basic note type, with its headers."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{' '.join(deck.split())}\n#guid column:1\n#tags column:4\n")
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\n")
    for card in cards:
        writer.writerow(
            [card.guid, text_to_html(card.front), text_to_html(card.back), " ".join(card.tags)]
        )
    return out.getvalue()
