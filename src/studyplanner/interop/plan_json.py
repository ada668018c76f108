"""A plan as one JSON object: the stable output of ``studyplanner-cli plan --json``."""

from __future__ import annotations

import json
from typing import Any

from studyplanner.core.planning.plan import Plan
from studyplanner.core.planning.planner import FinishDates, TargetCheck


def plan_to_dict(
    plan: Plan, finish_dates: FinishDates, target: TargetCheck | None
) -> dict[str, Any]:
    """The documented JSON shape of a plan."""
    return {
        "roadmap": plan.roadmap_id,
        "start": plan.start.isoformat(),
        "finish": plan.finish.isoformat(),
        "finish_dates": {
            "optimistic": finish_dates.optimistic.isoformat(),
            "expected": finish_dates.expected.isoformat(),
            "late": finish_dates.late.isoformat(),
        },
        "total_minutes": plan.total_minutes,
        "target": None
        if target is None
        else {
            "date": target.target.isoformat(),
            "met": target.met,
            "needed_weekly_minutes": target.needed_weekly_minutes,
            "earliest_finish": target.earliest_finish.isoformat(),
        },
        "sessions": [
            {
                "date": s.day.isoformat(),
                "start": s.start_time.strftime("%H:%M") if s.start_time else None,
                "minutes": s.minutes,
                "topic": s.topic_id,
                "stage": s.stage_id,
                "kind": s.kind,
                "key": s.key,
                "title": s.title,
            }
            for s in plan.sessions
        ],
        "milestones": [
            {
                "date": m.day.isoformat(),
                "title": m.title,
                "kind": m.kind.value,
                "stage": m.stage_id,
            }
            for m in plan.milestones
        ],
        "warnings": list(plan.warnings),
    }


def plan_to_json(plan: Plan, finish_dates: FinishDates, target: TargetCheck | None) -> str:
    """The JSON text: keys in a fixed order, so the same plan gives the same bytes."""
    return json.dumps(plan_to_dict(plan, finish_dates, target), indent=2, ensure_ascii=False) + "\n"
