"""studyplanner-cli cards: export a roadmap's cards for Anki, or import cards into a deck."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from studyplanner.cli import arguments
from studyplanner.cli.card_listing import list_cards
from studyplanner.cli.failures import open_store, write_failure
from studyplanner.cli.plan_command import read_roadmap_file
from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.anki_text import CardFileError, write_anki_text
from studyplanner.interop.apkg import write_apkg
from studyplanner.interop.card_files import read_card_file, roadmap_cards
from studyplanner.interop.files import write_text_atomically
from studyplanner.operations.cards import import_cards
from studyplanner.paths import add_data_dir_option

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def add_parser(commands: Any) -> None:
    """``cards list``, ``cards export`` and ``cards import``."""
    cards = commands.add_parser("cards", help="list, export or import flashcards (Anki formats)")
    actions = cards.add_subparsers(dest="cards_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write a roadmap's cards for Anki (no database needed)"
    )
    export.add_argument("roadmap", help="a bundled roadmap's id, or a roadmap file")
    target = export.add_mutually_exclusive_group(required=True)
    file = arguments.output_file
    target.add_argument("--csv", type=file, metavar="FILE", help="Anki's text format")
    target.add_argument("--apkg", type=file, metavar="FILE", help="an Anki package")
    imports = actions.add_parser("import", help="add the cards of a text file or .apkg to a deck")
    imports.add_argument("file", type=arguments.input_file)
    imports.add_argument(
        "--deck",
        type=arguments.free_text,
        required=True,
        help="a deck name (up to 200 characters), or a roadmap topic's full deck name",
    )
    add_data_dir_option(imports)
    listing = actions.add_parser("list", help="print every card with its schedule")
    listing.add_argument(
        "--deck",
        type=arguments.free_text,
        help="only this deck: its full name as the Flashcards page shows it "
        "(Roadmap › Stage › Topic), or a deck of your own",
    )
    listing.add_argument(
        "--json", action="store_true", help="a JSON array, one object a card, for other tools"
    )
    add_data_dir_option(listing)


def run(
    args: argparse.Namespace, data_dir: Path, now: datetime, catalogue: RoadmapCatalogue
) -> int:
    """Run ``cards list``, ``cards export`` or ``cards import``; roadmap ids are the catalogue's."""
    try:
        if args.cards_command == "export":
            return _export(args, catalogue)
        if args.cards_command == "list":
            return list_cards(args.deck, args.json, data_dir, now)
        return _import(args.file, args.deck, data_dir, now)
    except (CardFileError, RoadmapError) as exc:
        problems = exc.problems if isinstance(exc, RoadmapError) else [exc]
        for problem in problems:
            print(f"studyplanner-cli: {problem}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:  # only an export writes a file
        target = args.csv or args.apkg
        print(f"studyplanner-cli cards: {write_failure(target, exc)}", file=sys.stderr)
        return EXIT_FAILED


def _roadmap(name: str, catalogue: RoadmapCatalogue) -> Roadmap:
    roadmap = catalogue.get(name)
    if roadmap is not None:
        return roadmap
    path = Path(name)
    ids = ", ".join(catalogue.ids())
    if not name:
        raise CardFileError(f"the roadmap is empty: give a bundled roadmap's id ({ids}) or a file")
    if arguments.what_is_at(path) is None:
        raise CardFileError(
            f"{arguments.shown(name)}: no bundled roadmap has this id ({ids}) and no file has it"
        )
    return read_roadmap_file(path)


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
    found = read_card_file(path)  # a bad file stops here, before the database is touched
    store = open_store(data_dir)
    try:
        imported = import_cards(found, deck, now).run(store).value
    finally:
        store.close()
    print(f"{path}: {imported.summary()}; new cards into {arguments.escaped(imported.deck)}")
    for reason in imported.skipped:
        print(f"{path}: skipped {arguments.escaped(reason)}", file=sys.stderr)
    return EXIT_OK
