"""studyplanner-cli cards: export a roadmap's cards for Anki, or import cards into a deck."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.loader import load_roadmap_file
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.anki_text import CardFileError, write_anki_text
from studyplanner.interop.apkg import write_apkg
from studyplanner.interop.card_files import read_card_file, roadmap_cards
from studyplanner.interop.files import write_text_atomically
from studyplanner.paths import add_data_dir_option
from studyplanner.storage.store import Store
from studyplanner.storage.views import CardText

EXIT_OK, EXIT_INVALID = 0, 2


def add_parser(commands: Any) -> None:
    """``cards export`` and ``cards import``."""
    cards = commands.add_parser("cards", help="export or import flashcards (Anki formats)")
    actions = cards.add_subparsers(dest="cards_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write a roadmap's cards for Anki (no database needed)"
    )
    export.add_argument("roadmap", help="a bundled roadmap's id, or a roadmap file")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--csv", type=Path, metavar="FILE", help="Anki's text format")
    target.add_argument("--apkg", type=Path, metavar="FILE", help="an Anki package")
    imports = actions.add_parser("import", help="add the cards of a text file or .apkg to a deck")
    imports.add_argument("file", type=Path)
    imports.add_argument(
        "--deck", required=True, help="a deck name, or a roadmap topic's full deck name"
    )
    add_data_dir_option(imports)


def run(
    args: argparse.Namespace, data_dir: Path, now: datetime, catalogue: RoadmapCatalogue
) -> int:
    """Run ``cards export`` or ``cards import``; roadmap ids are the catalogue's."""
    try:
        if args.cards_command == "export":
            return _export(args, catalogue)
        return _import(args.file, args.deck, data_dir, now)
    except (CardFileError, RoadmapError) as exc:
        problems = exc.problems if isinstance(exc, RoadmapError) else [exc]
        for problem in problems:
            print(f"studyplanner-cli: {problem}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"studyplanner-cli: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID


def _roadmap(name: str, catalogue: RoadmapCatalogue) -> Roadmap:
    roadmap = catalogue.get(name)
    if roadmap is not None:
        return roadmap
    path = Path(name)
    if not path.exists():
        ids = ", ".join(catalogue.ids())
        raise CardFileError(f"{name}: no bundled roadmap has this id ({ids}) and no file has it")
    return load_roadmap_file(path)


def _export(args: argparse.Namespace, catalogue: RoadmapCatalogue) -> int:
    roadmap = _roadmap(args.roadmap, catalogue)
    cards = roadmap_cards(roadmap)
    if args.csv is not None:
        write_text_atomically(args.csv, write_anki_text(cards, roadmap.title))
        target = args.csv
    else:
        write_apkg(cards, roadmap.title, args.apkg)
        target = args.apkg
    print(f"{target}: {len(cards)} cards from {roadmap.title}")
    return EXIT_OK


def _import(path: Path, deck: str, data_dir: Path, now: datetime) -> int:
    cards = read_card_file(path)  # a bad file stops here, before the database is touched
    store = Store.open(data_dir)
    try:
        choice = store.deck_choice(deck)
        count = store.import_cards(
            [choice.new_card(CardText(c.front, c.back, " ".join(c.tags))) for c in cards], now
        )
    finally:
        store.close()
    print(f"{path}: {count} cards imported into {choice.label}")
    return EXIT_OK
