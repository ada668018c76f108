"""A plan as RFC 5545 iCalendar, with event UIDs that survive re-planning and re-export.

Titles reach calendars without control codes (a lone CR would end a content line early, and
what follows would be read as a property of its own) and cut to a length a calendar shows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from studyplanner import __version__
from studyplanner.core.planning.plan import Plan, SessionStatus
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.safe_text import elided, printable

MAX_TEXT_CHARS = 500


def calendar_text(text: str) -> str:
    """Text for an event: no control codes but tab and newline, at most MAX_TEXT_CHARS long."""
    return elided(printable(text), MAX_TEXT_CHARS)


def plan_uid(roadmap_id: str, plan: Plan) -> str:
    """What identifies a plan across exports: its roadmap and its first day."""
    return f"{roadmap_id}.{plan.start:%Y%m%d}"


def event_uid(plan_key: str, item_key: str) -> str:
    """An event's UID: the plan's identity and the session's or milestone's stable key."""
    return f"{plan_key}.{item_key}@studyplanner"


def plan_to_ics(plan: Plan, roadmap: Roadmap, now: datetime) -> bytes:
    """The plan's sessions and milestones as an iCalendar file; skipped sessions are left out."""
    key = plan_uid(roadmap.id, plan)
    stages = {stage.id: stage.title for stage in roadmap.stages}
    calendar = Calendar()
    calendar.add("prodid", f"-//Study Planner {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_text(f"Study plan: {roadmap.title}"))
    for session in plan.sessions:
        if session.status is SessionStatus.SKIPPED:
            continue
        event = Event()
        event.add("uid", event_uid(key, session.key))
        event.add("dtstamp", now)
        if session.start_time is None:
            event.add("dtstart", session.day)
            event.add("dtend", session.day + timedelta(days=1))
        else:
            start = datetime.combine(session.day, session.start_time)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=session.minutes))
        event.add("summary", f"Study: {calendar_text(session.title)} ({session.minutes} min)")
        stage = stages.get(session.stage_id, session.stage_id)
        event.add("description", calendar_text(f"Stage: {stage}"))
        event.add("categories", ["Study"])
        if session.status is SessionStatus.DONE:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    for milestone in plan.milestones:
        event = Event()
        event.add("uid", event_uid(key, milestone.key))
        event.add("dtstamp", now)
        event.add("dtstart", milestone.day)
        event.add("dtend", milestone.day + timedelta(days=1))
        event.add("summary", calendar_text(milestone.title))
        event.add("categories", ["Milestone"])
        calendar.add_component(event)
    return bytes(calendar.to_ical())
