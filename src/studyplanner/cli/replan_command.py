"""``studyplanner-cli replan``: redo a saved plan from today, and say what changed."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from studyplanner.cli import arguments
from studyplanner.cli.failures import open_store
from studyplanner.core.planning.planner import PlanningError
from studyplanner.core.planning.replan import ChoiceKind, add_break, forecast_finish, replan
from studyplanner.operations.plans import ApplyPlan, PlanChangedError
from studyplanner.paths import add_data_dir_option

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def add_parser(commands: arguments.Commands) -> None:
    """Declare the replan command."""
    parser = commands.add_parser(
        "replan",
        help="redo a saved plan from today (a dry run unless --apply)",
        description="Keep done and locked sessions; move missed and future work forward.",
    )
    parser.add_argument(
        "plan", type=arguments.record_id, metavar="PLAN", help="the plan's number (see plans)"
    )
    parser.add_argument("--today", type=arguments.iso_date, metavar="YYYY-MM-DD")
    arguments.add_off_option(
        parser, "add a break: a day off, or a range of days off; repeat as needed"
    )
    parser.add_argument(
        "--choose",
        choices=[k.value for k in ChoiceKind],
        help="when the target date is at risk, take this way forward",
    )
    parser.add_argument("--apply", action="store_true", help="save the re-planned plan")
    add_data_dir_option(parser)


def run(args: argparse.Namespace, data_dir: Path, today: date) -> int:
    """Re-plan, print the report and the choices, and save when asked."""
    store = open_store(data_dir)
    try:
        try:
            request = store.plan_request(args.plan)
        except KeyError:
            print(
                f"studyplanner-cli replan: there is no plan {args.plan}: see the plans command",
                file=sys.stderr,
            )
            return EXIT_INVALID
        for first, last in args.off:
            request = add_break(request, first, last)
        state = store.plan_state(args.plan)
        try:
            result = replan(request, state, args.today or today)
        except PlanningError as exc:
            print(f"studyplanner-cli replan: {exc}", file=sys.stderr)
            return EXIT_INVALID
        print(result.summary())
        forecast = forecast_finish(request, state, args.today or today)
        if forecast is not None:
            print(f"At your pace of the last four weeks you would finish on {forecast:%d %B %Y}.")
        chosen_request, chosen_plan = request, result.plan
        if result.choices:
            print("Ways forward (take one with --choose):")
            for choice in result.choices:
                print(f"  {choice.kind.value}: {choice.summary}")
        if args.choose:
            match = [c for c in result.choices if c.kind.value == args.choose]
            if not match:
                print(
                    f"studyplanner-cli replan: '{args.choose}' is not one of the ways forward "
                    "for this plan",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            chosen_request, chosen_plan = match[0].request, match[0].plan
            print(f"Chosen: {match[0].summary}")
        if args.apply:
            applying = ApplyPlan(args.plan, state, (chosen_request, chosen_plan), "Re-plan")
            try:
                applying.do(store)
            except PlanChangedError as exc:
                print(f"studyplanner-cli replan: {exc}", file=sys.stderr)
                return EXIT_FAILED
            print("Saved.")
        else:
            print("Nothing was changed: run again with --apply to keep this plan.")
    finally:
        store.close()
    return EXIT_OK
