"""Plan requests to and from the JSON kept in a plan's settings column."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

from studyplanner.core.planning.request import Pace, PlanRequest
from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.model import Roadmap


def request_to_json(request: PlanRequest) -> str:
    """Everything of a request but its roadmap, which is stored on its own."""
    week = request.availability
    return json.dumps(
        {
            "minutes": list(week.minutes),
            "start_times": [t.isoformat() if t else None for t in week.start_times],
            "days_off": sorted(d.isoformat() for d in request.days_off.dates),
            "days_off_ranges": [[a.isoformat(), b.isoformat()] for a, b in request.days_off.ranges],
            "max_session_minutes": request.max_session_minutes,
            "min_session_minutes": request.min_session_minutes,
            "known_topics": sorted(request.known_topics),
            "certifications": (
                None if request.certifications is None else sorted(request.certifications)
            ),
            "exam_days_after_preparation": request.exam_days_after_preparation,
        },
        sort_keys=True,
    )


def request_from_json(roadmap: Roadmap, start: date, pace: str, text: str) -> PlanRequest:
    """Rebuild a request from its stored parts."""
    data: dict[str, Any] = json.loads(text)
    minutes = tuple(int(m) for m in data["minutes"])
    starts = tuple(time.fromisoformat(t) if t else None for t in data["start_times"])
    certs = data.get("certifications")
    return PlanRequest(
        roadmap=roadmap,
        start=start,
        availability=WeeklyAvailability(minutes, starts),  # type: ignore[arg-type]
        pace=Pace(pace),
        days_off=DaysOff(
            frozenset(date.fromisoformat(d) for d in data["days_off"]),
            tuple(
                (date.fromisoformat(a), date.fromisoformat(b)) for a, b in data["days_off_ranges"]
            ),
        ),
        max_session_minutes=data["max_session_minutes"],
        min_session_minutes=data["min_session_minutes"],
        known_topics=frozenset(data["known_topics"]),
        certifications=None if certs is None else frozenset(certs),
        exam_days_after_preparation=data["exam_days_after_preparation"],
    )
