"""A push button whose text wraps onto more lines instead of being cut off at its sides."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

MARGIN_X, MARGIN_Y = 12, 8


class WrappingButton(QPushButton):
    """A button for a sentence-long text, such as a quiz answer: the text wraps in it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)  # a card's text, shown as written
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN_X, MARGIN_Y, MARGIN_X, MARGIN_Y)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:
        """Show ``text``, wrapped to the button's width."""
        self._label.setText(text)
        self.updateGeometry()

    def text(self) -> str:
        """The text shown."""
        return self._label.text()

    def hasHeightForWidth(self) -> bool:
        """The height depends on the width: the text wraps."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The height that shows every line of the text at ``width``."""
        return max(
            self.minimumHeight(), self._label.heightForWidth(width - 2 * MARGIN_X) + 2 * MARGIN_Y
        )

    def sizeHint(self) -> QSize:
        """As wide as the text on one line would be, within reason; as high as it wraps."""
        width = min(self._label.sizeHint().width() + 2 * MARGIN_X, 600)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for any window; the text wraps to fit."""
        return QSize(4 * MARGIN_X, self.heightForWidth(4 * MARGIN_X))
