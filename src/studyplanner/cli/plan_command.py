"""``studyplanner-cli plan``: plan a roadmap, print it, export it, save it."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from studyplanner.cli import arguments
from studyplanner.cli.summary import summary_lines
from studyplanner.core.planning.planner import check_target, finish_dates, make_plan
from studyplanner.core.planning.request import Pace, PlanRequest
from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.loader import load_roadmap_file
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.ics import plan_to_ics
from studyplanner.interop.plan_json import plan_to_json
from studyplanner.paths import add_data_dir_option
from studyplanner.storage.store import Store

EXIT_OK, EXIT_INVALID, EXIT_INFEASIBLE = 0, 2, 3


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    plan.add_argument("--max-session", type=int, default=90, metavar="MINUTES")
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
        type=int,
        default=0,
        metavar="MINUTES",
        help="minutes a day kept free for flashcard review before study",
    )
    plan.add_argument("--json", action="store_true", help="print the plan as one JSON object")
    plan.add_argument("--ics", type=Path, metavar="FILE", help="write the plan as iCalendar")
    plan.add_argument("--save", action="store_true", help="keep the plan in the database")
    plan.add_argument("--name", help="the saved plan's name (default: the roadmap's title)")
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
    except RoadmapError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except ValueError as exc:
        print(f"studyplanner-cli plan: {exc}", file=sys.stderr)
        return EXIT_INVALID
    target = check_target(request, request.target) if request.target else None
    if target is not None and not target.met:
        print(f"studyplanner-cli plan: {target.explain()}", file=sys.stderr)
        return EXIT_INFEASIBLE
    plan = make_plan(request)
    finish = finish_dates(request)
    if args.json:
        sys.stdout.write(plan_to_json(plan, finish, target))
    else:
        for line in summary_lines(roadmap, plan, finish, target):
            print(line)
    if args.ics:
        args.ics.write_bytes(plan_to_ics(plan, roadmap, now))
    if args.save:
        store = Store.open(data_dir, catalogue)
        try:
            store.create_plan(args.name or roadmap.title, request, plan, now)
        finally:
            store.close()
    return EXIT_OK


def check_ids(roadmap: Roadmap, request: PlanRequest) -> None:
    """Refuse topic and certification ids the roadmap does not have."""
    topics = {t.id for t in roadmap.all_topics()}
    for topic in sorted(request.known_topics - topics):
        raise ValueError(f"--known {topic}: the roadmap has no topic with that id")
    certs = {c.id for c in roadmap.certifications}
    for cert in sorted((request.certifications or frozenset()) - certs):
        raise ValueError(f"--cert {cert}: the roadmap has no certification with that id")


def resolve_roadmap(name: str, catalogue: RoadmapCatalogue) -> Roadmap:
    """A bundled roadmap by id, or else a roadmap file by path."""
    roadmap = catalogue.get(name)
    if roadmap is not None:
        return roadmap
    path = Path(name)
    if not path.exists() and not name.endswith((".yaml", ".yml")):
        ids = ", ".join(catalogue.ids())
        raise ValueError(f"'{name}' is neither a bundled roadmap ({ids}) nor a file")
    return load_roadmap_file(path)
