"""How planning and re-planning grow with roadmap size, against a rule-free filler."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from typing import Any

from benchmarks.bench_planning import median_ms
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.core.planning.planner import effort_minutes, make_plan
from studyplanner.core.planning.replan import replan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.model import Roadmap

START = date(2026, 1, 5)
WEEK = WeeklyAvailability((60, 60, 60, 60, 60, 120, 180))  # 10 hours a week
TEN_YEARS_OF_HOURS = 520 * 10
SIZES = (200, 2_000, 20_000)


def generated_roadmap(topics: int, seed: int = 7) -> Roadmap:
    """``topics`` topics in stages of 20, sized so the plan spans about ten years.

    Every topic but the first of a stage needs one or two earlier topics; every tenth stage is
    a four-week stage on the job.
    """
    rng = random.Random(seed)
    hours = TEN_YEARS_OF_HOURS / topics
    stages: list[dict[str, Any]] = []
    for s in range(topics // 20):
        stage: dict[str, Any] = {"id": f"s{s}", "title": f"Stage {s}", "topics": []}
        if s % 10 == 9:
            stage["duration"] = {"min": 4, "max": 4, "unit": "weeks"}
        for t in range(20):
            n = s * 20 + t
            prereqs = (
                sorted({f"t{rng.randrange(max(0, n - 40), n)}" for _ in range(2)}) if t else []
            )
            stage["topics"].append(
                {
                    "id": f"t{n}",
                    "title": f"Topic {n}",
                    "effort_hours": {"min": round(hours * 0.8, 3), "max": round(hours * 1.2, 3)},
                    "prerequisites": prereqs,
                }
            )
        stages.append(stage)
    return Roadmap.model_validate(
        {
            "format_version": 1,
            "id": f"generated-{topics}",
            "title": "Generated",
            "source": {"name": "benchmark"},
            "year": 2026,
            "stages": stages,
        }
    )


def naive_fill(roadmap: Roadmap, week: WeeklyAvailability) -> int:
    """Baseline: the same minutes laid on days in order, with no rules at all."""
    day, free, count = START, week.on(START), 0
    for topic in roadmap.all_topics():
        left = effort_minutes(topic, 0.5)
        while left:
            if not free:
                day += timedelta(days=1)
                free = week.on(day)
                continue
            used = min(left, free, 90)
            left, free, count = left - used, free - used, count + 1
    return count


def main() -> None:
    """Print a Markdown table of medians and ratios."""
    print("| topics | sessions | plan (ms) | naive fill (ms) | ratio | re-plan (ms) | finish |")
    print("|---|---|---|---|---|---|---|")
    for size in SIZES:
        roadmap = generated_roadmap(size)
        request = PlanRequest(roadmap, START, WEEK)
        plan = make_plan(request)
        runs = 5 if size < 20_000 else 3
        planning = median_ms(partial(make_plan, request), runs)
        naive = median_ms(partial(naive_fill, roadmap, WEEK), runs)
        today = START + timedelta(days=3 * 365)
        logged = replace(
            plan,
            sessions=tuple(
                replace(s, status=SessionStatus.DONE) if s.day < today - timedelta(days=30) else s
                for s in plan.sessions
            ),
        )
        replanning = median_ms(partial(replan, request, logged, today), runs)
        print(
            f"| {size:,} | {len(plan.sessions):,} | {planning:.0f} | {naive:.0f} "
            f"| {planning / naive:.1f}x | {replanning:.0f} | {plan.finish} |"
        )


if __name__ == "__main__":
    main()
