"""``studyplanner-cli export``: a plan as iCalendar, CSV or a printable weekly PDF."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path

from studyplanner.cli import arguments
from studyplanner.cli.failures import write_failure
from studyplanner.cli.milestones_command import add_plan_option, read_plan
from studyplanner.core.planning.plan import Plan
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.files import write_atomically, write_text_atomically
from studyplanner.interop.ics import plan_to_ics
from studyplanner.interop.plan_csv import plan_to_csv
from studyplanner.paths import add_data_dir_option

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def add_parser(commands: arguments.Commands) -> None:
    """Declare the export command."""
    parser = commands.add_parser(
        "export", help="write a plan as iCalendar (.ics), CSV, or a weekly plan as PDF"
    )
    add_plan_option(parser)
    target = parser.add_mutually_exclusive_group(required=True)
    file = arguments.output_file
    target.add_argument("--ics", type=file, metavar="FILE", help="sessions and milestones")
    target.add_argument("--csv", type=file, metavar="FILE", help="the whole plan, a row each")
    target.add_argument("--pdf", type=file, metavar="FILE", help="one week on one page")
    parser.add_argument(
        "--week",
        type=arguments.iso_date,
        metavar="YYYY-MM-DD",
        help="with --pdf: any day of the week to print (default: this week)",
    )
    add_data_dir_option(parser)


def run(args: argparse.Namespace, data_dir: Path, now: datetime) -> int:
    """Write the file the options ask for."""
    found = read_plan(
        data_dir,
        args.plan,
        lambda store, plan: (store.plan_state(plan.id), store.plan_roadmap(plan.id)),
    )
    if found is None:
        return EXIT_INVALID
    summary, (plan, roadmap) = found
    written: Path = args.ics or args.csv or args.pdf
    try:
        if args.ics is not None:
            data = plan_to_ics(plan, roadmap, now)
            write_atomically(args.ics, lambda path: path.write_bytes(data))
            print(f"{args.ics}: {len(plan.sessions)} sessions, {len(plan.milestones)} milestones")
        elif args.csv is not None:
            write_text_atomically(args.csv, plan_to_csv(plan, roadmap))
            print(f"{args.csv}: {len(plan.sessions) + len(plan.milestones)} rows")
        else:
            _pdf(plan, roadmap, summary.name, args.week or now.date(), args.pdf)
    except OSError as exc:
        print(f"studyplanner-cli export: {write_failure(written, exc)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _pdf(plan: Plan, roadmap: Roadmap, title: str, day: date, path: Path) -> None:
    # Qt draws the PDF, loaded only here; without a screen it draws offscreen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from studyplanner.printing.week_pdf import ensure_gui, weeks_of, write_weeks_pdf

    ensure_gui()
    [week] = weeks_of(day, day, 0)
    write_weeks_pdf(plan, roadmap, [week], title, path)
    print(f"{path}: the week of {week:%d %B %Y} on one page")
