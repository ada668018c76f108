"""Importing and exporting a 10,000-card Anki package, against Anki's own importer and exporter.

Run: python -m benchmarks.bench_anki_files  [--runs N] [--cards N]

Anki's library makes a deck of Basic notes (tags, a nested deck) and answers a tenth of the
cards in its own scheduler, then exports the deck as a package with its scheduling, in its
current format. Each run, in turn: Anki imports that package into a new collection; we read
it and import it into a new store (``read_card_file`` and the ``import_cards`` operation, as
the app's Import Cards runs them on its worker); Anki exports the deck it made; we export the
deck we imported (``exchange_cards`` and ``write_apkg``, as the app's Export Deck). Both
sides must end with every card (hit counts are asserted). A ratio is ours / Anki's in the
same run; the table shows the median over the runs with the lowest and highest run, and the
packages' sizes. Neither of ours runs on the UI thread in the app (see bench_ui_thread).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from anki.collection import (
    AddNoteRequest,
    Collection,
    DeckIdLimit,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.scheduler_pb2 import CardAnswer
from tests.anki_side import answer_in_anki, export_from_anki

from studyplanner.core.cards.decks import DeckScope
from studyplanner.interop.apkg import write_apkg
from studyplanner.interop.card_files import read_card_file
from studyplanner.operations.cards import exchange_cards, import_cards
from studyplanner.storage.store import Store

CARDS = 10_000
RUNS = 5
ANSWERED = 10  # one card in this many is answered in Anki before the export
DECK = "Bench::Python"
OURS = "From Anki"
EXPORT = ExportAnkiPackageOptions(
    with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False
)


def make_package(folder: Path, cards: int) -> Path:
    """Anki's package of ``cards`` Basic notes, a tenth of them answered, with scheduling."""
    col = Collection(str(folder / "collection.anki2"))
    try:
        col.set_config("fsrs", True)
        basic = col.models.by_name("Basic")
        deck = col.decks.id(DECK)
        assert basic is not None and deck is not None
        notes = []
        for n in range(cards):
            note = col.new_note(basic)
            note["Front"], note["Back"] = f"Question {n}?", f"Answer <b>{n}</b>"
            note.tags = ["bench", f"set{n % 7}"]
            notes.append(note)
        col.add_notes([AddNoteRequest(note, deck) for note in notes])
        conf = col.decks.get_config(1)
        assert conf is not None
        # Anki shows 20 new cards a day unless told otherwise, within 200 reviews a day.
        conf["new"]["perDay"] = conf["rev"]["perDay"] = 9999
        col.decks.update_config(conf)
        answer_in_anki(col, deck, [CardAnswer.EASY] * (cards // ANSWERED))
        return export_from_anki(col, deck, folder / "deck.apkg", scheduling=True)
    finally:
        col.close()


def one_run(folder: Path, package: Path, cards: int) -> dict[str, tuple[float, float]]:
    """Each measure's (ours, Anki's) in milliseconds, and the packages' sizes in KiB."""
    folder.mkdir()
    (folder / "anki").mkdir()
    col = Collection(str(folder / "anki" / "collection.anki2"))
    try:
        col.set_config("fsrs", True)
        request = ImportAnkiPackageRequest(
            package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)
        )
        began = time.perf_counter()
        log = col.import_anki_package(request).log
        anki_import = (time.perf_counter() - began) * 1000
        assert len(log.new) == cards, f"Anki imported {len(log.new)} of {cards}"
        deck = col.decks.id_for_name(DECK)
        assert deck is not None
        anki_out = folder / "anki.apkg"
        began = time.perf_counter()
        col.export_anki_package(out_path=str(anki_out), options=EXPORT, limit=DeckIdLimit(deck))
        anki_export = (time.perf_counter() - began) * 1000
    finally:
        col.close()
    store = Store.open(folder / "ours")
    try:
        now = datetime.now().astimezone()
        began = time.perf_counter()
        imported = import_cards(read_card_file(package), OURS, now).run(store).value
        our_import = (time.perf_counter() - began) * 1000
        assert imported.added == cards, f"we imported {imported.added} of {cards}"
        our_out = folder / "ours.apkg"
        began = time.perf_counter()
        exported = write_apkg(exchange_cards(store, DeckScope(deck=OURS)), OURS, our_out, now)
        our_export = (time.perf_counter() - began) * 1000
        assert exported == cards
    finally:
        store.close()
    return {
        "import the package (ms)": (our_import, anki_import),
        "export the deck (ms)": (our_export, anki_export),
        "package size (KiB)": (our_out.stat().st_size / 1024, anki_out.stat().st_size / 1024),
    }


def main() -> None:
    """Make the package once, run every measure RUNS times and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--cards", type=int, default=CARDS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        package = make_package(source, args.cards)
        found: dict[str, list[tuple[float, float]]] = {}
        for run in range(args.runs):
            for name, pair in one_run(Path(tmp) / f"run{run}", package, args.cards).items():
                found.setdefault(name, []).append(pair)
    print(
        f"{args.cards} Basic notes, one in {ANSWERED} answered, Anki's package with scheduling; "
        f"median of {args.runs} runs (lowest-highest run)"
    )
    print("| measure | ours | Anki | ours / Anki |")
    print("|---|---|---|---|")
    for name, pairs in found.items():
        ours, anki = [p[0] for p in pairs], [p[1] for p in pairs]
        ratios = [o / a for o, a in pairs]
        print(
            f"| {name} | {_spread(ours)} | {_spread(anki)} | "
            f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}) |"
        )


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


if __name__ == "__main__":
    main()
