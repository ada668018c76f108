"""``studyplanner-cli milestones``: each milestone's dates, state and what is still missing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from studyplanner.cli import arguments
from studyplanner.cli.arguments import escaped, shown
from studyplanner.cli.failures import open_store
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.milestones.reports import MilestoneReport
from studyplanner.paths import add_data_dir_option
from studyplanner.storage.queries.views import PlanSummary
from studyplanner.storage.store import Store

EXIT_OK, EXIT_INVALID = 0, 2
T = TypeVar("T")


def add_parser(commands: arguments.Commands) -> None:
    """Declare the milestones command."""
    parser = commands.add_parser(
        "milestones",
        help="list a plan's milestones: planned and forecast dates, state, what is missing",
    )
    add_plan_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_data_dir_option(parser)


def add_plan_option(parser: argparse.ArgumentParser) -> None:
    """``--plan``: a plan's name or number; the newest plan without it."""
    parser.add_argument("--plan", metavar="NAME", help="a plan's name or number (default: newest)")


def choose_plan(store: Store, wanted: str | None) -> PlanSummary | None:
    """The plan a ``--plan`` value names, or the newest; None (with a message) if none does."""
    plans = store.plans()
    if not plans:
        print("studyplanner-cli: there are no plans yet", file=sys.stderr)
        return None
    if wanted is None:
        return plans[0]
    for plan in plans:
        if str(plan.id) == wanted or plan.name.casefold() == wanted.casefold():
            return plan
    names = ", ".join(f"{p.id} ({shown(p.name)})" for p in plans)
    print(
        f"studyplanner-cli: no plan is called '{shown(wanted)}'; the plans: {names}",
        file=sys.stderr,
    )
    return None


def read_plan(
    data_dir: Path, wanted: str | None, read: Callable[[Store, PlanSummary], T]
) -> tuple[PlanSummary, T] | None:
    """Open the database, choose the plan ``--plan`` names, read from it, close again."""
    store = open_store(data_dir, create=False)
    try:
        plan = choose_plan(store, wanted)
        return None if plan is None else (plan, read(store, plan))
    finally:
        store.close()


def run(args: argparse.Namespace, data_dir: Path, now: datetime) -> int:
    """Print the milestones of the chosen plan."""
    found = read_plan(
        data_dir,
        args.plan,
        lambda store, plan: store.milestone_reports(plan.id, now, ReviewSettings()),
    )
    if found is None:
        return EXIT_INVALID
    plan, reports = found
    if args.json:
        print(json.dumps([as_json(r) for r in reports], indent=2))
        return EXIT_OK
    print(f"{escaped(plan.name)}: {len(reports)} milestones")
    for report in reports:
        print(describe(report))
    return EXIT_OK


def as_json(report: MilestoneReport) -> dict[str, Any]:
    """A milestone as plain JSON."""
    return {
        "key": report.key,
        "kind": report.kind.value,
        "title": report.title,
        "planned": report.planned.isoformat(),
        "forecast": report.forecast.isoformat() if report.forecast else None,
        "state": report.assessment.state.value,
        "at_risk": report.at_risk,
        "readiness": None if report.readiness is None else round(report.readiness, 3),
        "missing": [
            {"criterion": m.criterion, "have": m.have, "need": m.need, "advice": m.advice}
            for m in report.assessment.missing
        ],
    }


def describe(report: MilestoneReport) -> str:
    """A milestone in a few lines of text."""
    forecast = f", forecast {report.forecast}" if report.forecast else ""
    risk = " (at risk)" if report.at_risk else ""
    lines = [
        f"{report.planned}  {report.title}: {report.assessment.state.value}{risk}"
        f" (planned {report.planned}{forecast})"
    ]
    if report.readiness is not None:
        lines.append(f"    exam readiness: {report.readiness:.0%} predicted recall on the day")
    lines += [
        f"    missing: {m.criterion}: {m.have}, needs {m.need}. {m.advice}"
        for m in report.assessment.missing
    ]
    return "\n".join(lines)
