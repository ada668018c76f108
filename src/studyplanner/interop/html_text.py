"""Card text to and from the HTML of Anki's fields: escaped text, line breaks and pictures.

A picture of a media file is ``<img src="name">`` in a field and ``![alt](name)`` in a
card's text (see core/cards/media.py); any other image (a web address, a path) is left out.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from studyplanner.core.cards.media import image_markdown, is_media_name, split_images

BREAKS = {"br", "div", "p", "li", "tr"}


def text_to_html(text: str) -> str:
    """Card text (Markdown) as an Anki field that shows it unchanged: escaped, with <br>.

    Its pictures of media files become images of the field.
    """
    if "![" not in text:
        return _escaped(text)
    return "".join(
        _escaped(piece)
        if isinstance(piece, str)
        else f'<img src="{html.escape(piece[1])}" alt="{html.escape(piece[0])}">'
        for piece in split_images(text)
    )


def _escaped(text: str) -> str:
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def html_to_text(field: str, literal: bool = False) -> str:
    """An Anki field as plain text: tags dropped, entities decoded, breaks kept as newlines.

    ``literal`` keeps the text from being read as Markdown where Anki would show it as
    written (see ``as_written``).
    """
    if "<" not in field and "&" not in field:  # no markup: what the parser would give
        return as_written(field.strip()) if literal else field.strip()
    parser = _TextParser(literal)
    parser.feed(field)
    parser.close()
    text = "".join(parser.parts).strip()
    return _line_starts_as_written(text) if literal else text


def as_written(text: str) -> str:
    """Plain text as Markdown that shows it as written, escaping only what would change.

    Emphasis marks (``*``, ``__init__``'s underscores, ``~``), code marks, a link's brackets,
    an entity's ``&``, a backslash before punctuation, and a line that would start a heading,
    a list or a quote; an underscore inside a word (``snake_case``) and a lone bracket
    (``[...]``) stay as they are.
    """
    if not _SPECIAL.search(text):
        return text
    return _line_starts_as_written(_inline_as_written(text))


_SPECIAL = re.compile(r"[\\*_`~&\[#>+\-|]|^\s*\d+[.)]", re.MULTILINE)
_INLINE = re.compile(
    r"\\(?=[!-/:-@\[-`{-~])|[*`~]|&(?=#?\w+;)"
    r"|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|\[(?=[^\]]*\]\()|(?<=\])\("
)
_LINE_START = re.compile(r"^( {0,3})(#|>|[-+*](?= |$)|=+$|(\d{1,9})([.)])(?= |$))", re.MULTILINE)


def _inline_as_written(text: str) -> str:
    return _INLINE.sub(lambda found: "\\" + found.group(0), text)


def _line_starts_as_written(text: str) -> str:
    def escaped(found: re.Match[str]) -> str:
        indent, mark, number, end = found.group(1), found.group(2), found.group(3), found.group(4)
        return f"{indent}{number}\\{end}" if number else f"{indent}\\{mark}"

    return _LINE_START.sub(escaped, text)


class _TextParser(HTMLParser):
    def __init__(self, literal: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._literal = literal

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "img" and not self._skip:
            found = dict(attrs)
            name = found.get("src") or ""
            if is_media_name(name):
                self.parts.append(image_markdown(found.get("alt") or "", name))
        elif tag in BREAKS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")  # a block starts on a new line

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in BREAKS - {"br"}:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(_inline_as_written(data) if self._literal else data)
