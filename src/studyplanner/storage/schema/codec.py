"""Plan requests to and from the JSON kept in a plan's settings column."""

from __future__ import annotations

import json
from datetime import date, time
from typing import TYPE_CHECKING, Any

from studyplanner.core.planning.request import DayMinutes, Pace, PlanRequest
from studyplanner.core.planning.week import DaysOff, WeeklyAvailability

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Roadmap


def request_to_json(request: PlanRequest, fraction: float) -> str:
    """Everything of a request but its roadmap (stored on its own), and the plan's effort."""
    week = request.availability
    return json.dumps(
        {
            "minutes": list(week.minutes),
            "start_times": [t.isoformat() if t else None for t in week.start_times],
            "target": request.target.isoformat() if request.target else None,
            "days_off": sorted(d.isoformat() for d in request.days_off.dates),
            "days_off_ranges": [[a.isoformat(), b.isoformat()] for a, b in request.days_off.ranges],
            "max_session_minutes": request.max_session_minutes,
            "min_session_minutes": request.min_session_minutes,
            "known_topics": sorted(request.known_topics),
            "dropped_topics": sorted(request.dropped_topics),
            "certifications": (
                None if request.certifications is None else sorted(request.certifications)
            ),
            "exam_days_after_preparation": request.exam_days_after_preparation,
            "daily_review_minutes": request.daily_review_minutes,
            "review_forecast": _day_minutes_out(request.review_forecast),
            "extra_minutes": _day_minutes_out(request.extra_minutes),
            "fraction": fraction,
        },
        sort_keys=True,
    )


def request_from_json(roadmap: Roadmap, start: date, pace: str, text: str) -> PlanRequest:
    """Rebuild a request from its stored parts."""
    data: dict[str, Any] = json.loads(text)
    minutes = tuple(int(m) for m in data["minutes"])
    starts = tuple(time.fromisoformat(t) if t else None for t in data["start_times"])
    certs = data.get("certifications")
    target = data.get("target")
    return PlanRequest(
        roadmap=roadmap,
        start=start,
        availability=WeeklyAvailability(minutes, starts),  # type: ignore[arg-type]
        pace=Pace(pace),
        target=date.fromisoformat(target) if target else None,
        days_off=days_off_from_json(text),
        max_session_minutes=data["max_session_minutes"],
        min_session_minutes=data["min_session_minutes"],
        known_topics=frozenset(data["known_topics"]),
        dropped_topics=frozenset(data.get("dropped_topics", [])),
        certifications=None if certs is None else frozenset(certs),
        exam_days_after_preparation=data["exam_days_after_preparation"],
        daily_review_minutes=data.get("daily_review_minutes", 0),
        review_forecast=_day_minutes_in(data.get("review_forecast", [])),
        extra_minutes=_day_minutes_in(data.get("extra_minutes", [])),
    )


def fraction_from_json(text: str, pace: str) -> float:
    """The effort fraction a stored plan was made at."""
    value = json.loads(text).get("fraction")
    return float(value) if value is not None else Pace(pace).fraction


def _day_minutes_out(pairs: DayMinutes) -> list[list[Any]]:
    return [[day.isoformat(), minutes] for day, minutes in pairs]


def _day_minutes_in(rows: list[list[Any]]) -> DayMinutes:
    return tuple((date.fromisoformat(day), int(minutes)) for day, minutes in rows)


def days_off_from_json(text: str) -> DaysOff:
    """Only the days off of a stored request."""
    data: dict[str, Any] = json.loads(text)
    return DaysOff(
        frozenset(date.fromisoformat(d) for d in data["days_off"]),
        tuple((date.fromisoformat(a), date.fromisoformat(b)) for a, b in data["days_off_ranges"]),
    )
