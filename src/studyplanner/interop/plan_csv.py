"""A whole plan as CSV: one row per session and per milestone, for spreadsheets.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, so every
text cell is quoted and one that starts like a formula gets a leading ``'`` (OWASP's rule
against CSV injection); the minutes are written as plain numbers, unquoted.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from studyplanner.interop.safe_text import printable, spreadsheet_text

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
    rows: list[tuple[str | int | None, ...]] = []
    for s in plan.sessions:
        rows.append(
            (
                s.day.isoformat(),
                s.start_time.strftime("%H:%M") if s.start_time else "",
                "session",
                s.title,
                stages.get(s.stage_id, s.stage_id),
                s.minutes,
                s.status.value,
                s.actual_minutes,
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
                None,
                "",
                None,
                "",
                m.key,
            )
        )
    rows.sort(key=lambda row: (str(row[0]), str(row[1]), row[2] != "session"))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(COLUMNS)
    cells = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    cells.writerows(tuple(_cell(value) for value in row) for row in rows)
    return out.getvalue()


def _cell(value: str | int | None) -> str | int | None:
    """A text cell without control codes and never a formula; numbers stay numbers."""
    return spreadsheet_text(printable(value)) if isinstance(value, str) else value
