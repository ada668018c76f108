"""The HTML of an Anki field read as Markdown: its tags as marks, its text as text."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from studyplanner.core.cards.media import image_markdown, is_media_name
from studyplanner.interop.markdown_html import LINE_START_MARK

LINES = {"br", "div", "tr"}  # each starts a line of its own
HEADINGS = {"h1": "# ", "h2": "## ", "h3": "### ", "h4": "#### ", "h5": "##### ", "h6": "###### "}
BLOCKS = {"p", "ul", "ol", "pre", "table", "blockquote", "hr", *HEADINGS}
MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "s": "~~", "del": "~~", "strike": "~~"}
LINKED = ("http://", "https://", "mailto:")


class FieldParser(HTMLParser):
    """Collects a field's text as Markdown.

    ``escape``, if given, makes a piece of text show as written. ``escaped_marks`` and
    ``raw_marks`` translate the placeholders of marks written as references: to the mark
    escaped in text, to the mark itself in code.
    """

    def __init__(
        self,
        escape: Callable[[str], str] | None,
        escaped_marks: dict[int, str],
        raw_marks: dict[int, str],
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._escape = escape
        self._escaped, self._raw = escaped_marks, raw_marks
        self._skip = 0
        self._code = 0  # inside <code> or <pre>: text as it is
        self._open: list[tuple[str, int, str]] = []  # (tag, where its text starts, extra)
        self._lists: list[list[int]] = []  # each open list's next number (0: bullets)
        self._cells = 0  # in the table's current row
        self._header_done = False

    def text(self) -> str:
        """The Markdown collected, blank lines at most one at a time."""
        return re.sub(r"\n{3,}", "\n\n", "".join(self.parts)).strip()

    # Tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        elif self._skip:
            return
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "img":
            name = found.get("src") or ""
            if is_media_name(name):
                self.parts.append(image_markdown(found.get("alt") or "", name))
        elif tag in MARKS or tag in ("a", "blockquote"):
            if tag == "blockquote":
                self._block()
            self._open.append((tag, len(self.parts), found.get("href") or ""))
        elif tag == "code" and not self._code:
            self._code += 1
            self._open.append((tag, len(self.parts), found.get("class") or ""))
        elif tag == "code":
            self._open.append(("code-in-pre", len(self.parts), found.get("class") or ""))
        elif tag == "pre":
            self._block()
            self._code += 1
            self._open.append((tag, len(self.parts), ""))
        elif tag in ("ul", "ol"):
            self._line() if self._lists else self._block()  # a list in a list stays tight
            start = found.get("start") or "1"
            self._lists.append([int(start) if tag == "ol" and start.isdigit() else 0])
        elif tag == "li":
            self._line()
            number = self._lists[-1] if self._lists else [0]
            indent = "".join("   " if outer[0] else "  " for outer in self._lists[:-1])
            self.parts.append(f"{indent}{number[0]}. " if number[0] else f"{indent}- ")
            if number[0]:
                number[0] += 1
        elif tag in ("th", "td"):
            self.parts.append("| ")
            self._cells += 1
        elif tag in HEADINGS:
            self._block()
            self.parts.append(HEADINGS[tag])
        elif tag == "hr":
            self._block()
            self.parts.append("---\n\n")
        elif tag in LINES:
            self._line()
        elif tag in BLOCKS:
            self._block()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if self._open and self._open[-1][0] in (tag, f"{tag}-in-pre"):
            self._close(*self._open.pop())
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
            if not self._lists:
                self.parts.append("\n\n")
        elif tag == "li":
            self._line()
        elif tag in ("th", "td"):
            self.parts.append(" ")
        elif tag == "tr":
            self.parts.append("|\n")
            if not self._header_done:
                self.parts.append("|---" * self._cells + "|\n")
                self._header_done = True
            self._cells = 0
        elif tag == "table":
            self._header_done = False
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag in LINES:
            self.parts.append("\n")

    def _close(self, tag: str, start: int, extra: str) -> None:
        inner = "".join(self.parts[start:])
        del self.parts[start:]
        if tag == "pre":
            self._code -= 1
            fence = "~~~" if "```" in inner else "```"
            body = f"{inner.removesuffix(chr(10))}\n" if inner else ""
            self.parts.append(f"{fence}{extra}\n{body}{fence}\n\n")
        elif tag == "code-in-pre":
            language = extra.removeprefix("language-") if extra.startswith("language-") else ""
            self._open[-1:] = [(*self._open[-1][:2], language)] if self._open else []
            self.parts.append(inner)
        elif tag == "code":
            self._code -= 1
            fence = "``" if "`" in inner else "`"
            pad = " " if fence == "``" or inner[:1] == "`" else ""
            self.parts.append(f"{fence}{pad}{inner}{pad}{fence}" if inner else "")
        elif tag == "a":
            linked = extra.startswith(LINKED) and inner.strip()
            target = f"<{extra}>" if any(c in extra for c in " ()<>") else extra
            self.parts.append(f"[{inner}]({target})" if linked else inner)
        elif tag == "blockquote":
            quoted = [f"> {line}".rstrip() for line in inner.strip("\n").split("\n")]
            self.parts.append("\n".join(quoted) + "\n\n")
        else:  # a mark: spaces go outside it, or it would not be read as one
            core = inner.strip()
            if not core:
                self.parts.append(inner)
                return
            lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
            self.parts.append(f"{lead}{MARKS[tag]}{core}{MARKS[tag]}{trail}")

    # Text

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._code:
            self.parts.append(data.translate(self._raw))
            return
        if self._escape is not None:
            data = self._escape(data)
            if not self._at_line_start():  # the first line goes on a line begun before
                head, newline, rest = data.partition("\n")
                data = head + newline + line_starts_as_written(rest)
            else:
                data = line_starts_as_written(data)
        self.parts.append(data.translate(self._escaped))

    def _at_line_start(self) -> bool:
        last = next((part for part in reversed(self.parts) if part), "")
        return not last or last.endswith("\n")

    def _line(self) -> None:
        if not self._at_line_start():
            self.parts.append("\n")

    def _block(self) -> None:
        """A block (a paragraph, a list, code) starts after a blank line."""
        if self.parts and "".join(self.parts[-2:])[-2:] != "\n\n":
            self.parts.append("\n" if self._at_line_start() else "\n\n")


def line_starts_as_written(text: str) -> str:
    """Each line's start escaped where Markdown would read a heading, a quote or a list."""

    def escaped(found: re.Match[str]) -> str:
        indent, mark, number, end = found.groups()
        return f"{indent}{number}\\{end}" if number else f"{indent}\\{mark}"

    return LINE_START_MARK.sub(escaped, text)
