"""Importing card files into a deck and exporting decks, on the worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog

from studyplanner.core.cards.decks import Deck
from studyplanner.interop.anki_text import write_anki_text
from studyplanner.interop.files import write_text_atomically
from studyplanner.operations.base import Operation, Outcome
from studyplanner.operations.cards import exchange_cards, exchange_media, import_cards
from studyplanner.ui.controllers.context import WindowContext

if TYPE_CHECKING:
    from studyplanner.storage.store import Store

SKIPPED_SHOWN = 3  # notes named in the status bar; the command line names every one
CARD_FILES = "Card files (*.txt *.csv *.tsv *.apkg);;Anki packages (*.apkg);;Text (*.txt *.csv)"


class CardTransfer(QObject):
    """The Cards menu's Import Cards and Export Deck."""

    imported = Signal(str)  # a message for the status bar
    exported = Signal(str)

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context.window)
        self.context = context
        self.imported.connect(context.say)
        self.exported.connect(context.say)

    def import_file(self, path: Path | None = None, deck: str | None = None) -> None:
        """Read a card file and add all its cards to a deck, in one transaction on the worker."""
        window = self.context.window
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                window, "Import cards", str(Path.home()), CARD_FILES
            )
            if not chosen:
                return
            path = Path(chosen)
        if deck is None:
            labels = [choice.label for choice in self.context.store.card_decks()]
            deck, accepted = QInputDialog.getItem(
                window,
                "Import cards",
                f"Add the cards of {path.name} to which deck? Type a name for a new deck.",
                labels or [path.stem],
                0,
                True,
            )
            if not accepted or not deck.strip():
                return
        source, name, now = path, deck, self.context.clock.now()

        def work(store: Store) -> Outcome[str]:
            # genanki (for packages) takes 30 ms to load, so it loads at the first transfer.
            from studyplanner.interop.card_files import read_card_file

            outcome = import_cards(read_card_file(source), name, now).run(store)
            imported = outcome.value
            said = f"Imported {source.name}: {imported.summary()} (new cards in {imported.deck})."
            if imported.skipped:
                said += " Skipped: " + "; ".join(imported.skipped[:SKIPPED_SHOWN])
                if len(imported.skipped) > SKIPPED_SHOWN:
                    said += f"; and {len(imported.skipped) - SKIPPED_SHOWN} more"
            return Outcome(outcome.changed, said)

        self.context.runner.run(
            Operation(f"Import {source.name}", work),
            self.imported.emit,
            lambda error: self.context.report(f"{source.name} could not be imported", error),
        )

    def export_deck(self, deck: Deck, path: Path | None = None) -> None:
        """Write a deck's cards as an Anki package (.apkg) or Anki text, by the file's suffix."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self.context.window,
                f"Export {deck.title}",
                str(Path.home() / f"{deck.title}.apkg"),
                "Anki package (*.apkg);;Anki text (*.txt)",
            )
            if not chosen:
                return
            path = Path(chosen)
        store, target = self.context.store, path

        def write() -> int:
            from studyplanner.interop.apkg import write_apkg

            cards = exchange_cards(store, deck.scope)
            if target.suffix.lower() == ".apkg":
                return write_apkg(cards, deck.title, target, media=exchange_media(store, cards))
            write_text_atomically(target, write_anki_text(cards, deck.title))
            return len(cards)

        self.context.runner.read(
            write,
            lambda count: self.exported.emit(f"Exported {count} cards to {target.name}."),
            f"{deck.title} could not be exported",
        )
