"""Card text to and from the HTML of Anki's fields: escaped text, line breaks and pictures.

A picture of a media file is ``<img src="name">`` in a field and ``![alt](name)`` in a
card's text (see core/cards/media.py); any other image (a web address, a path) is left out.
"""

from __future__ import annotations

import html
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


def html_to_text(field: str) -> str:
    """An Anki field as plain text: tags dropped, entities decoded, breaks kept as newlines."""
    if "<" not in field and "&" not in field:
        return field.strip()  # no markup: what the parser would give, without its cost
    parser = _TextParser()
    parser.feed(field)
    parser.close()
    return "".join(parser.parts).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

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
            self.parts.append(data)
