"""A card's text fields (front, back, tags) with a live Markdown preview."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from studyplanner.storage.queries.views import CardText
from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.widgets.fields import card_markdown


class CardEditor(QWidget):
    """Edits a card's Markdown front and back and its space-separated tags."""

    changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.front = QPlainTextEdit()
        self.front.setAccessibleName("Front")
        self.front.setPlaceholderText("The question, in Markdown")
        self.back = QPlainTextEdit()
        self.back.setAccessibleName("Back")
        self.back.setPlaceholderText("The answer, in Markdown")
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("Tags, separated by spaces")
        self.preview = SafeTextBrowser()
        self.preview.setAccessibleName("Preview")
        for field in (self.front, self.back):
            field.setTabChangesFocus(True)
            field.textChanged.connect(self._changed)
        self.tags.textChanged.connect(self._changed)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Front:", self.front)
        form.addRow("&Back:", self.back)
        form.addRow("T&ags:", self.tags)
        form.addRow("Preview:", self.preview)
        self._media: Mapping[str, bytes] = {}

    def text(self) -> CardText:
        """What the fields say; tags are normalised to single spaces."""
        return CardText(
            self.front.toPlainText().strip(),
            self.back.toPlainText().strip(),
            " ".join(self.tags.text().split()),
        )

    def set_text(self, text: CardText) -> None:
        """Fill the fields."""
        for field, value in ((self.front, text.front), (self.back, text.back)):
            field.blockSignals(True)
            field.setPlainText(value)
            field.blockSignals(False)
        self.tags.blockSignals(True)
        self.tags.setText(text.tags)
        self.tags.blockSignals(False)
        self._show_preview()

    def set_media(self, media: Mapping[str, bytes]) -> None:
        """The media files the preview may show (those the text names), read by the caller."""
        self._media = media
        self._show_preview()

    def _changed(self) -> None:
        self._show_preview()
        self.changed.emit()

    def _show_preview(self) -> None:
        text = self.text()
        document = card_markdown(text.front, text.back, self._media)
        document.setParent(self.preview)
        self.preview.setDocument(document)
