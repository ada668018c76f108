"""The HTML of Anki's fields as card text: Markdown, or text shown as Anki shows it.

A picture of a media file is ``<img src="name">`` in a field and ``![alt](name)`` in a
card's text (see core/cards/media.py); any other image (a web address, a path) is left out.
The way there is markdown_html.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from studyplanner.interop.html_markdown import FieldParser, line_starts_as_written
from studyplanner.interop.markdown_html import INLINE_MARK, REFERENCED_MARKS

# A mark our export wrote as a reference (see markdown_html) is read as a placeholder of its
# own, from the private use area, and given back as the mark, escaped in text.
_PLACES = {mark: chr(0xE010 + n) for n, mark in enumerate(REFERENCED_MARKS)}
_PLACEHOLDER = {f"&#{ord(mark)};": place for mark, place in _PLACES.items()}
_REFERENCES = re.compile("|".join(re.escape(reference) for reference in _PLACEHOLDER))
_ESCAPED = {ord(place): f"\\{mark}" for mark, place in _PLACES.items()}
_RAW = {ord(place): mark for mark, place in _PLACES.items()}


def html_to_text(field: str, literal: bool = False) -> str:
    """An Anki field as card text (Markdown): its formatting as marks, breaks as newlines.

    Bold, italic, struck-out and code text, code blocks, lists, headings, links to web pages,
    quotes and tables become their Markdown; other tags are dropped, entities decoded.
    ``literal`` keeps the text itself from being read as Markdown where Anki would show it
    as written (see ``as_written``); a mark written as a character reference, as our export
    writes one (see markdown_html), is always a character.
    """
    if "<" not in field and "&" not in field:  # no markup: what the parser would give
        return as_written(field.strip()) if literal else field.strip()
    parser = FieldParser(_inline_as_written if literal else None, _ESCAPED, _RAW)
    parser.feed(_REFERENCES.sub(lambda found: _PLACEHOLDER[found.group(0)], field))
    parser.close()
    return parser.text()


def plain_text(field: str) -> str:
    """An Anki field's text alone, as Anki's ``text:`` filter gives it: tags dropped."""
    parser = _PlainParser()
    parser.feed(field)
    parser.close()
    return "".join(parser.parts).strip()


class _PlainParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def as_written(text: str) -> str:
    """Plain text as Markdown that shows it as written, escaping only what would change.

    Emphasis marks (``*``, ``__init__``'s underscores, ``~``), code marks, a link's brackets,
    an entity's ``&``, a backslash before punctuation, and a line that would start a heading,
    a list or a quote; an underscore inside a word (``snake_case``) and a lone bracket
    (``[...]``) stay as they are.
    """
    if not _SPECIAL.search(text):
        return text
    return line_starts_as_written(_inline_as_written(text))


_SPECIAL = re.compile(r"[\\*_`~&\[#>+\-|]|^\s*\d+[.)]", re.MULTILINE)


def _inline_as_written(text: str) -> str:
    return INLINE_MARK.sub(lambda found: "\\" + found.group(0), text)
