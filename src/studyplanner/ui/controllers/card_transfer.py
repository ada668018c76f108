"""Importing card files into a deck and exporting decks, off the UI thread where it is slow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from studyplanner.core.cards.decks import Deck
from studyplanner.interop.anki_text import ExchangeCard, write_anki_text
from studyplanner.interop.files import write_text_atomically
from studyplanner.storage.queries.views import CardText
from studyplanner.storage.store import Store
from studyplanner.ui.operations.tasks import TaskRunner

CARD_FILES = "Card files (*.txt *.csv *.tsv *.apkg);;Anki packages (*.apkg);;Text (*.txt *.csv)"
Report = Callable[[str, BaseException], None]


class CardTransfer(QObject):
    """The Cards menu's Import Cards and Export Deck."""

    imported = Signal(str)  # a message for the status bar
    exported = Signal(str)

    def __init__(
        self,
        store: Store,
        tasks: TaskRunner,
        now: Callable[[], datetime],
        report: Report,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.store, self.tasks, self._now, self.report = store, tasks, now, report
        self._window = parent

    def import_file(self, path: Path | None = None, deck: str | None = None) -> None:
        """Read a card file in the background, then add all its cards to a deck (or none)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self._window, "Import cards", str(Path.home()), CARD_FILES
            )
            if not chosen:
                return
            path = Path(chosen)
        if deck is None:
            labels = [choice.label for choice in self.store.card_decks()]
            deck, accepted = QInputDialog.getItem(
                self._window,
                "Import cards",
                f"Add the cards of {path.name} to which deck? Type a name for a new deck.",
                labels or [path.stem],
                0,
                True,
            )
            if not accepted or not deck.strip():
                return
        chosen_path, name = path, deck
        # genanki (for packages) takes 30 ms to load, so it loads at the first transfer.
        from studyplanner.interop.card_files import read_card_file

        def save(cards: list[ExchangeCard]) -> None:
            try:
                choice = self.store.deck_choice(name)
                count = self.store.import_cards(
                    [choice.new_card(CardText(c.front, c.back, " ".join(c.tags))) for c in cards],
                    self._now(),
                )
            except Exception as exc:
                self.report(f"{chosen_path.name} could not be imported", exc)
                return
            self.imported.emit(f"Imported {count} cards into {choice.label}.")

        self.tasks.run(
            lambda: read_card_file(chosen_path),
            save,
            lambda error: self.report(f"{chosen_path.name} could not be imported", error),
        )

    def export_deck(self, deck: Deck, path: Path | None = None) -> None:
        """Write a deck's cards as an Anki package (.apkg) or Anki text, by the file's suffix."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self._window,
                f"Export {deck.title}",
                str(Path.home() / f"{deck.title}.apkg"),
                "Anki package (*.apkg);;Anki text (*.txt)",
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            cards = [
                ExchangeCard(text.front, text.back, tuple(text.tags.split()), guid)
                for text, guid in self.store.deck_cards(deck.scope)
            ]
        except Exception as exc:
            self.report(f"{deck.title} could not be exported", exc)
            return
        target = path

        def write() -> int:
            from studyplanner.interop.apkg import write_apkg

            if target.suffix.lower() == ".apkg":
                return write_apkg(cards, deck.title, target)
            write_text_atomically(target, write_anki_text(cards, deck.title))
            return len(cards)

        self.tasks.run(
            write,
            lambda count: self.exported.emit(f"Exported {count} cards to {target.name}."),
            lambda error: self.report(f"{deck.title} could not be exported", error),
        )
