"""Small widgets the dialogs share."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QTextOption
from PySide6.QtWidgets import QDateEdit

from studyplanner.ui.common.pictures import decoded_pictures
from studyplanner.ui.common.safe_text import SafeTextBrowser, SafeTextDocument


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
    text = front if back is None else f"{front}\n\n---\n\n{back}"
    document = SafeTextDocument()
    if media:
        document.show_pictures(decoded_pictures(media))
    document.setMarkdown(text)
    return document


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
