"""Small widgets the dialogs share."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QTextOption
from PySide6.QtWidgets import QDateEdit

from studyplanner.ui.common.pictures import decoded_pictures
from studyplanner.ui.common.safe_text import SafeTextBrowser, SafeTextDocument

_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def qdate(day: date) -> QDate:
    """A QDate for a date."""
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    """A date for a QDate."""
    return date(value.year(), value.month(), value.day())


def date_field(day: date, name: str) -> QDateEdit:
    """An ISO date field with a calendar pop-up and an accessible name."""
    field = QDateEdit(qdate(day))
    field.setCalendarPopup(True)
    field.setDisplayFormat("yyyy-MM-dd")
    field.setAccessibleName(name)
    return field


def card_markdown(
    front: str, back: str | None = None, media: Mapping[str, bytes] | None = None
) -> SafeTextDocument:
    """A card's text as a document that loads nothing: Markdown, the back under a rule.

    Its pictures are the ``media`` files it names, decoded here; no other image is shown.
    """
    text = with_line_breaks(front if back is None else f"{front}\n\n---\n\n{back}")
    document = SafeTextDocument()
    if media:
        document.show_pictures(decoded_pictures(media))
    document.setMarkdown(text)
    return document


def with_line_breaks(markdown: str) -> str:
    """Markdown whose every single line break shows as one, as in Anki (and on GitHub).

    Markdown would join two lines of a paragraph into one; a card's lines are the lines its
    writer typed. Fenced code keeps its own lines and is left as it is.
    """
    if "\n" not in markdown:
        return markdown
    lines = markdown.split("\n")
    fenced = False
    for number, line in enumerate(lines[:-1]):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.strip() and lines[number + 1].strip():
            lines[number] = line.rstrip() + "  "  # two spaces: a hard line break
    return "\n".join(lines)


def show_card(
    browser: SafeTextBrowser,
    front: str,
    back: str | None = None,
    media: Mapping[str, bytes] | None = None,
) -> None:
    """Show a card large and centred, as the review and quiz screens do."""
    document = card_markdown(front, back, media)
    font = QFont(browser.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    document.setDefaultFont(font)
    document.setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
    document.setDocumentMargin(28)
    document.setParent(browser)
    browser.setDocument(document)
