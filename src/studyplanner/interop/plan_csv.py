"""A whole plan as CSV: one row per session and per milestone, for spreadsheets."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyplanner.core.planning.plan import Plan
    from studyplanner.core.roadmap.model import Roadmap

COLUMNS = (
    "date",
    "start",
    "kind",
    "title",
    "stage",
    "minutes",
    "status",
    "actual_minutes",
    "locked",
    "key",
)


def plan_to_csv(plan: Plan, roadmap: Roadmap) -> str:
    """Sessions and milestones in date order, with a header row; UTF-8 text, comma separated."""
    stages = {stage.id: stage.title for stage in roadmap.stages}
    rows: list[tuple[str, ...]] = []
    for s in plan.sessions:
        rows.append(
            (
                s.day.isoformat(),
                s.start_time.strftime("%H:%M") if s.start_time else "",
                "session",
                s.title,
                stages.get(s.stage_id, s.stage_id),
                str(s.minutes),
                s.status.value,
                "" if s.actual_minutes is None else str(s.actual_minutes),
                "yes" if s.locked else "no",
                s.key,
            )
        )
    for m in plan.milestones:
        rows.append(
            (
                m.day.isoformat(),
                "",
                m.kind.value,
                m.title,
                stages.get(m.stage_id, m.stage_id),
                "",
                "",
                "",
                "",
                m.key,
            )
        )
    rows.sort(key=lambda row: (row[0], row[1], row[2] != "session"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()
