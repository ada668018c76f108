r"""Card text (Markdown) as the HTML of an Anki field, looking in Anki as it does here.

Rendered by markdown-it (CommonMark, with GitHub's tables and strikethrough), as the app
shows a card: every line break kept, raw HTML shown as written, pictures only of kept media
files. A character that Markdown would read as a mark but the text shows as itself (``\*``
written to show a star) is written as a numeric character reference: Anki shows it the same,
and the field read back here (html_text.html_to_text) knows it for a character, not a mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from studyplanner.core.cards.media import is_media_name

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

# What Markdown would read as a mark in a text: the marks of emphasis, code and strikeout,
# an underscore at a word's edge (not snake_case's), a link's brackets, an entity's
# ampersand and a backslash before punctuation; and at a line's start, a heading, a quote,
# a list, a rule or an underline. A text written to show one as itself (``\*``) has it
# as a character reference in the field.
INLINE_MARK = re.compile(
    r"\\(?=[!-/:-@\[-`{-~])|[*`~]|&(?=#?\w+;)"
    r"|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|\[(?=[^\]]*\]\()|(?<=\])\("
)
LINE_START_MARK = re.compile(
    r"^( {0,3})(#|>|[-+*](?= |$)|=+$|(\d{1,9})([.)])(?= |$))", re.MULTILINE
)
REFERENCED_MARKS = "\\*`~&_[(#>+-=.)"
_SINGLE_PARAGRAPH = re.compile(r"<p>((?:(?!</?p>).)*)</p>", re.DOTALL)
_PRE = re.compile(r"(<pre>.*?</pre>)", re.DOTALL)


# Text without any of these is one paragraph of plain text: its HTML is the text itself.
_MARKUP = re.compile(r"[\\*_`~\[\]()#>+\-=.|!&<>\n\r\t\f\v]|^\s|\s$")


def markdown_to_html(text: str) -> str:
    """The field's HTML for card text: one paragraph unwrapped, no newlines between tags."""
    if not _MARKUP.search(text):  # most cards' text: no renderer needed (20 µs a field)
        return text.replace('"', "&quot;")
    rendered = _renderer().render(text)
    # Newlines outside <pre> only separate tags there (a line break is a <br>): in a field
    # Anki's editor would keep them as spaces.
    html = "".join(
        piece if piece.startswith("<pre>") else piece.replace("\n", "")
        for piece in _PRE.split(rendered)
    )
    whole = _SINGLE_PARAGRAPH.fullmatch(html)
    return whole.group(1) if whole else html


@cache
def _renderer() -> MarkdownIt:
    from markdown_it import MarkdownIt  # the export's own: not on the app's start

    renderer = MarkdownIt("commonmark", {"breaks": True, "html": False, "xhtmlOut": False})
    renderer.enable(["table", "strikethrough"])
    renderer.add_render_rule("text", _text)
    renderer.add_render_rule("image", _image)
    return renderer


def _text(
    _self: Any, tokens: Sequence[Token], idx: int, _options: OptionsDict, _env: EnvType
) -> str:
    from markdown_it.common.utils import escapeHtml

    content = tokens[idx].content
    marks = {found.start() for found in INLINE_MARK.finditer(content)}
    at_line_start = idx == 0 or tokens[idx - 1].type in ("softbreak", "hardbreak")
    if at_line_start and (start := LINE_START_MARK.match(content)) is not None:
        marks.add(start.start(4) if start.group(3) else start.start(2))
    if not marks:
        return escapeHtml(content)
    return "".join(
        f"&#{ord(char)};" if at in marks else escapeHtml(char) for at, char in enumerate(content)
    )


def _image(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """A picture of a kept media file, under its own name; any other image is left out."""
    from markdown_it.common.utils import escapeHtml

    token = tokens[idx]
    name = unquote(str(token.attrs.get("src", "")))
    if not is_media_name(name):
        return ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    return f'<img src="{escapeHtml(name)}" alt="{escapeHtml(alt)}">'
