"""Hypothesis strategies: random but valid roadmaps, weeks and days off."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.model import Roadmap

START = date(2026, 3, 2)


@st.composite
def roadmaps(draw: st.DrawFn) -> Roadmap:
    """Up to four stages, some time-based, with prerequisites that point backwards."""
    topic_ids: list[str] = []
    stages: list[dict[str, Any]] = []
    for s in range(draw(st.integers(1, 4))):
        topics = []
        for _ in range(draw(st.integers(0, 4))):
            tid = f"t{len(topic_ids)}"
            low = draw(st.integers(1, 12)) / 2
            prereqs = (
                draw(st.lists(st.sampled_from(topic_ids), max_size=2, unique=True))
                if (topic_ids)
                else []
            )
            topics.append(
                {
                    "id": tid,
                    "title": f"Topic {tid}",
                    "effort_hours": {"min": low, "max": low + draw(st.integers(0, 6)) / 2},
                    "prerequisites": prereqs,
                    "optional": draw(st.booleans()),
                }
            )
            topic_ids.append(tid)
        stage: dict[str, Any] = {"id": f"s{s}", "title": f"Stage {s}", "topics": topics}
        if draw(st.booleans()):
            low_weeks = draw(st.integers(1, 4))
            stage["duration"] = {"min": low_weeks, "max": low_weeks + 2, "unit": "weeks"}
        stages.append(stage)
    certifications = []
    if draw(st.booleans()):
        certifications.append(
            {
                "id": "cert",
                "title": "Cert",
                "issuer": "Issuer",
                "stage": draw(st.sampled_from([s["id"] for s in stages])),
                "preparation": [
                    {"id": "prep", "title": "Prep", "effort_hours": {"min": 1, "max": 2}}
                ],
            }
        )
    return Roadmap.model_validate(
        {
            "format_version": 1,
            "id": "random",
            "title": "Random",
            "source": {"name": "hypothesis"},
            "year": 2026,
            "stages": stages,
            "certifications": certifications,
        }
    )


weeks = (
    st.lists(st.integers(0, 240), min_size=7, max_size=7)
    .filter(lambda m: sum(m) >= 30)
    .map(
        lambda m: WeeklyAvailability(tuple(m))  # type: ignore[arg-type]
    )
)


@st.composite
def days_off(draw: st.DrawFn) -> DaysOff:
    """A few single days and a holiday or two in the first months."""
    singles = draw(st.sets(st.integers(0, 90), max_size=10))
    ranges = []
    for _ in range(draw(st.integers(0, 2))):
        first = draw(st.integers(0, 120))
        ranges.append(
            (START + timedelta(first), START + timedelta(first + draw(st.integers(0, 14))))
        )
    return DaysOff(frozenset(START + timedelta(d) for d in singles), tuple(ranges))
