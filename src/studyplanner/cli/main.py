"""studyplanner-cli: roadmaps, plans, flashcards and the self-test from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from studyplanner.cli import (
    arguments,
    cards_command,
    export_command,
    milestones_command,
    plan_command,
    replan_command,
    safety_command,
    writer_lock,
)
from studyplanner.cli.failures import check_data_dir, open_store
from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.schema import roadmap_schema_text
from studyplanner.local_time import LocalClock
from studyplanner.paths import add_common_options, add_data_dir_option, resolve_data_dir
from studyplanner.selftest import SelfTestError, run_self_test
from studyplanner.storage.errors import StorageError
from studyplanner.storage.store_base import DATABASE_NAME

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The command line's grammar."""
    parser = arguments.OneLineParser(
        prog="studyplanner-cli", description="Study Planner from the command line."
    )
    add_common_options(
        parser, "plan every bundled roadmap in a throwaway database and check the result"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("roadmaps", help="list the roadmaps: id and title, one per line")
    validate = commands.add_parser("validate", help="check a roadmap file")
    validate.add_argument("file", type=arguments.input_file)
    plan_command.add_parser(commands)
    replan_command.add_parser(commands)
    add_data_dir_option(commands.add_parser("plans", help="list the stored plans"))
    commands.add_parser("schema", help="print the JSON Schema of the roadmap format")
    cards_command.add_parser(commands)
    milestones_command.add_parser(commands)
    export_command.add_parser(commands)
    safety_command.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None, catalogue: RoadmapCatalogue | None = None) -> int:
    """Run one command; return the process exit status.

    ``catalogue`` holds the roadmaps known by id: the bundled ones unless another is given.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if catalogue is None:
        catalogue = RoadmapCatalogue.bundled()
    try:
        if not args.self_test and writer_lock.writes(args):
            data_dir = resolve_data_dir(getattr(args, "data_dir", None), os.environ)
            check_data_dir(data_dir)
            with writer_lock.holding_the_lock(data_dir):
                return _run(parser, args, catalogue)
        return _run(parser, args, catalogue)
    except arguments.UsageError as exc:
        print(f"studyplanner-cli: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except StorageError as exc:
        print(f"studyplanner-cli: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (as with `| head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def _run(
    parser: argparse.ArgumentParser, args: argparse.Namespace, catalogue: RoadmapCatalogue
) -> int:
    """The command itself; writing commands run with the data folder's lock held."""
    if args.self_test:
        return _self_test()
    if args.command == "roadmaps":
        for roadmap in catalogue.roadmaps():
            print(f"{roadmap.id}\t{roadmap.title}")
        return EXIT_OK
    if args.command == "validate":
        return _validate(args.file)
    if args.command == "plan":
        data_dir = resolve_data_dir(args.data_dir, os.environ)
        return plan_command.run(args, data_dir, local_now(), catalogue)
    if args.command == "replan":
        data_dir = resolve_data_dir(args.data_dir, os.environ)
        return replan_command.run(args, data_dir, date.today())
    if args.command == "schema":
        print(roadmap_schema_text(), end="")
        return EXIT_OK
    if args.command == "cards":
        data_dir = resolve_data_dir(getattr(args, "data_dir", None), os.environ)
        return cards_command.run(args, data_dir, local_now(), catalogue)
    if args.command == "milestones":
        data_dir = resolve_data_dir(args.data_dir, os.environ)
        return milestones_command.run(args, data_dir, local_now())
    if args.command == "export":
        data_dir = resolve_data_dir(args.data_dir, os.environ)
        return export_command.run(args, data_dir, local_now())
    if args.command in ("check", "backup", "restore"):
        return _safety(args)
    if args.command == "plans":
        return _plans(resolve_data_dir(args.data_dir, os.environ))
    parser.print_help(sys.stderr)
    return EXIT_INVALID


def _safety(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(getattr(args, "data_dir", None), os.environ)
    check_data_dir(data_dir)
    if args.command == "check":
        return safety_command.run_check(data_dir)
    now = datetime.now()
    if args.command == "backup":
        return safety_command.run_backup(args, data_dir, now)
    return safety_command.run_restore(args, data_dir, now)


def _validate(path: Path) -> int:
    try:
        roadmap = plan_command.read_roadmap_file(path)
    except RoadmapError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    topics = sum(1 for _ in roadmap.all_topics())
    cards = sum(1 for _ in roadmap.cards())
    print(f"{path.name}: valid ({len(roadmap.stages)} stages, {topics} topics, {cards} cards)")
    return EXIT_OK


def _plans(data_dir: Path) -> int:
    check_data_dir(data_dir)
    if not (data_dir / DATABASE_NAME).exists():
        return EXIT_OK  # no database yet: no plans, and listing them makes none
    store = open_store(data_dir)
    try:
        for plan in store.plans():
            name = arguments.escaped(plan.name)
            print(f"{plan.id}\t{name}\t{plan.start} to {plan.finish}\t{plan.sessions} sessions")
    finally:
        store.close()
    return EXIT_OK


def _self_test() -> int:
    try:
        run_self_test(date.today(), local_now(), lambda line: print(f"ok: {line}"))
    except SelfTestError as exc:
        print(f"self-test failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print("self-test passed")
    return EXIT_OK


def local_now() -> datetime:
    """The current moment in the system's zone with its rules (see local_time.py)."""
    clock = LocalClock()
    clock.settle()
    return clock.now()


if __name__ == "__main__":
    sys.exit(main())
