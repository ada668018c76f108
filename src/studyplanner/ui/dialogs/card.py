"""The Add Card dialog: a deck, then the card's text."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from studyplanner.storage.queries.views import DeckChoice, NewCard
from studyplanner.ui.widgets.card_editor import CardEditor


class AddCardDialog(QDialog):
    """Choose a roadmap topic or one of your decks, or type a new deck's name."""

    def __init__(self, decks: list[DeckChoice], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Card")
        self.resize(560, 560)
        self._decks = decks
        self.deck_box = QComboBox()
        self.deck_box.setEditable(True)
        self.deck_box.setAccessibleName("Deck")
        self.deck_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in decks:
            self.deck_box.addItem(choice.label)
        line = self.deck_box.lineEdit()
        assert line is not None  # the box is editable
        line.setPlaceholderText("A topic, or a new deck's name")
        self.editor = CardEditor()
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.editor.changed.connect(self._check)
        self.deck_box.currentTextChanged.connect(self._check)
        form = QFormLayout()
        form.addRow("&Deck:", self.deck_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def card(self) -> NewCard:
        """The card as entered; a deck name not in the list makes a new deck."""
        name = self.deck_box.currentText().strip()
        for choice in self._decks:
            if choice.label == name:
                return choice.new_card(self.editor.text())
        return DeckChoice(name, deck=name).new_card(self.editor.text())

    def _check(self) -> None:
        text = self.editor.text()
        missing = [
            part
            for part, value in (
                ("a deck", self.deck_box.currentText().strip()),
                ("a front", text.front),
                ("a back", text.back),
            )
            if not value
        ]
        self.problem.setText(f"The card needs {' and '.join(missing)}." if missing else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing)
