"""``studyplanner-cli plan``: plan a roadmap, print it, export it, save it."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from studyplanner.cli import arguments
from studyplanner.cli.failures import open_store, write_failure
from studyplanner.cli.summary import summary_lines
from studyplanner.core.input_files import InputFileError, read_input_file
from studyplanner.core.planning.planner import check_target, finish_dates, make_plan
from studyplanner.core.planning.request import Pace, PlanRequest
from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.core.roadmap.errors import Problem, RoadmapError
from studyplanner.core.roadmap.loader import MAX_FILE_BYTES, parse_roadmap_bytes
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.files import write_atomically
from studyplanner.interop.ics import plan_to_ics
from studyplanner.interop.plan_json import plan_to_json
from studyplanner.operations.plans import create_plan
from studyplanner.paths import add_data_dir_option

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INFEASIBLE = 0, 1, 2, 3


def add_parser(commands: arguments.Commands) -> None:
    """Declare the plan command."""
    plan = commands.add_parser(
        "plan",
        help="plan a roadmap and print it",
        description="Plan a bundled roadmap (by id) or a roadmap file.",
    )
    plan.add_argument("roadmap", metavar="ROADMAP", help="a bundled roadmap's id, or a file")
    plan.add_argument("--start", type=arguments.iso_date, required=True, metavar="YYYY-MM-DD")
    plan.add_argument(
        "--weekly",
        type=arguments.weekly,
        required=True,
        metavar="mon=90,tue=0,...",
        help="minutes of study on each weekday",
    )
    timing = plan.add_mutually_exclusive_group()
    timing.add_argument("--pace", choices=[p.value for p in Pace], default=Pace.STEADY.value)
    timing.add_argument(
        "--until",
        type=arguments.iso_date,
        metavar="YYYY-MM-DD",
        help="fit the plan to finish by this date",
    )
    arguments.add_off_option(plan, "a day off, or a range of days off; repeat as needed")
    plan.add_argument(
        "--max-session",
        type=arguments.minutes_between(5, arguments.DAY_MINUTES),
        default=90,
        metavar="MINUTES",
        help="the longest session, from 5 to 1440 minutes (default: 90)",
    )
    plan.add_argument(
        "--known",
        action="append",
        default=[],
        metavar="TOPIC",
        help="a topic you know already (its id); repeat as needed",
    )
    plan.add_argument(
        "--cert",
        action="append",
        metavar="CERTIFICATION",
        help="plan this certification (its id); repeat as needed "
        "(default: the roadmap's required ones)",
    )
    plan.add_argument(
        "--review",
        type=arguments.minutes_between(0, arguments.DAY_MINUTES),
        default=0,
        metavar="MINUTES",
        help="minutes a day kept free for flashcard review before study",
    )
    plan.add_argument("--json", action="store_true", help="print the plan as one JSON object")
    plan.add_argument(
        "--ics", type=arguments.output_file, metavar="FILE", help="write the plan as iCalendar"
    )
    plan.add_argument("--save", action="store_true", help="keep the plan in the database")
    plan.add_argument(
        "--name",
        type=arguments.free_text,
        help="the saved plan's name, up to 200 characters (default: the roadmap's title)",
    )
    add_data_dir_option(plan)


def run(
    args: argparse.Namespace, data_dir: Path, now: datetime, catalogue: RoadmapCatalogue
) -> int:
    """Plan, then print, export and save as asked; roadmap ids are the catalogue's."""
    try:
        roadmap = resolve_roadmap(args.roadmap, catalogue)
        request = PlanRequest(
            roadmap=roadmap,
            start=args.start,
            availability=args.weekly,
            pace=Pace(args.pace),
            target=args.until,
            days_off=arguments.days_off(args.off),
            max_session_minutes=args.max_session,
            min_session_minutes=min(15, args.max_session),
            known_topics=frozenset(args.known),
            certifications=None if args.cert is None else frozenset(args.cert),
            daily_review_minutes=args.review,
        )
        check_ids(roadmap, request)
        target = check_target(request, request.target) if request.target else None
        if target is not None and not target.met:
            print(f"studyplanner-cli plan: {target.explain()}", file=sys.stderr)
            return EXIT_INFEASIBLE
        plan = make_plan(request)
        finish = finish_dates(request)
    except RoadmapError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except ValueError as exc:  # a PlanningError among them, such as a plan over 40 years
        print(f"studyplanner-cli plan: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        sys.stdout.write(plan_to_json(plan, finish, target))
    else:
        for line in summary_lines(roadmap, plan, finish, target):
            print(line)
    if args.ics:
        data = plan_to_ics(plan, roadmap, now)
        try:
            write_atomically(args.ics, lambda path: path.write_bytes(data))
        except OSError as exc:
            print(f"studyplanner-cli plan: {write_failure(args.ics, exc)}", file=sys.stderr)
            return EXIT_FAILED
    if args.save:
        store = open_store(data_dir, catalogue)
        try:
            create_plan(args.name or roadmap.title, request, now, plan).run(store)
        finally:
            store.close()
    return EXIT_OK


def check_ids(roadmap: Roadmap, request: PlanRequest) -> None:
    """Refuse topic and certification ids the roadmap does not have."""
    topics = {t.id for t in roadmap.all_topics()}
    for topic in sorted(request.known_topics - topics):
        raise ValueError(f"--known {arguments.shown(topic)}: the roadmap has no topic with that id")
    certs = {c.id for c in roadmap.certifications}
    for cert in sorted((request.certifications or frozenset()) - certs):
        raise ValueError(
            f"--cert {arguments.shown(cert)}: the roadmap has no certification with that id"
        )


def resolve_roadmap(name: str, catalogue: RoadmapCatalogue) -> Roadmap:
    """A bundled roadmap by id, or else a roadmap file by path."""
    roadmap = catalogue.get(name)
    if roadmap is not None:
        return roadmap
    path = Path(name)
    missing = arguments.what_is_at(path) is None
    if not name or (missing and not name.endswith((".yaml", ".yml"))):
        ids = ", ".join(catalogue.ids())
        raise ValueError(
            f"'{arguments.shown(name)}' is neither a bundled roadmap ({ids}) nor a file"
        )
    return read_roadmap_file(path)


def read_roadmap_file(path: Path) -> Roadmap:
    """A roadmap file, read only if it is a regular file no larger than the format's limit."""
    try:
        raw = read_input_file(path, MAX_FILE_BYTES)
    except InputFileError as exc:
        source = arguments.shown(path.name or str(path))
        raise RoadmapError([Problem(source, f"cannot read the file: {exc}")]) from None
    return parse_roadmap_bytes(raw, arguments.escaped(path.name))
