"""Checks that span a whole roadmap: unique ids, prerequisites, ranges, certification stages."""

from __future__ import annotations

import math
from collections.abc import Iterator

from studyplanner.core.roadmap.errors import Loc, format_loc
from studyplanner.core.roadmap.model import Roadmap, Topic
from studyplanner.core.roadmap.units import DurationUnit

Finding = tuple[Loc, str]
MAX_CYCLE_SHOWN = 10
MAX_DURATION_YEARS = 100
UNITS_PER_YEAR = {
    DurationUnit.DAYS: 365.25,
    DurationUnit.WEEKS: 365.25 / 7,
    DurationUnit.MONTHS: 12.0,
    DurationUnit.YEARS: 1.0,
}


def _ids(roadmap: Roadmap) -> Iterator[tuple[Loc, str]]:
    yield ("id",), roadmap.id
    for s, stage in enumerate(roadmap.stages):
        yield ("stages", s, "id"), stage.id
        for t, topic in enumerate(stage.topics):
            yield from _topic_ids(("stages", s, "topics", t), topic)
    for c, cert in enumerate(roadmap.certifications):
        yield ("certifications", c, "id"), cert.id
        for t, topic in enumerate(cert.preparation):
            yield from _topic_ids(("certifications", c, "preparation", t), topic)


def _topic_ids(loc: Loc, topic: Topic) -> Iterator[tuple[Loc, str]]:
    yield (*loc, "id"), topic.id
    for k, card in enumerate(topic.cards):
        yield (*loc, "cards", k, "id"), card.id


def _topics_with_loc(roadmap: Roadmap) -> Iterator[tuple[Loc, Topic]]:
    for s, stage in enumerate(roadmap.stages):
        for t, topic in enumerate(stage.topics):
            yield ("stages", s, "topics", t), topic
    for c, cert in enumerate(roadmap.certifications):
        for t, topic in enumerate(cert.preparation):
            yield ("certifications", c, "preparation", t), topic


def duplicate_ids(roadmap: Roadmap) -> list[Finding]:
    """Every id after the first that repeats one used earlier in the file."""
    seen: dict[str, Loc] = {}
    found: list[Finding] = []
    for loc, ident in _ids(roadmap):
        if loc == ("id",):
            continue
        if ident in seen:
            first = format_loc(seen[ident])
            found.append((loc, f"the id '{ident}' is already used (first at {first})"))
        else:
            seen[ident] = loc
    return found


def unknown_prerequisites(roadmap: Roadmap) -> list[Finding]:
    """Prerequisites that name no topic of the roadmap."""
    known = {topic.id for topic in roadmap.all_topics()}
    found: list[Finding] = []
    for loc, topic in _topics_with_loc(roadmap):
        for i, prereq in enumerate(topic.prerequisites):
            if prereq == topic.id:
                found.append(((*loc, "prerequisites", i), "a topic cannot require itself"))
            elif prereq not in known:
                found.append(
                    ((*loc, "prerequisites", i), f"no topic has the id '{prereq}'"),
                )
    return found


def prerequisite_cycles(roadmap: Roadmap) -> list[Finding]:
    """Each cycle of prerequisites, reported once at the topic where it was found.

    A depth-first walk with its own stack, so a long chain of prerequisites cannot exhaust
    Python's recursion limit.
    """
    graph = {t.id: [p for p in t.prerequisites if p != t.id] for t in roadmap.all_topics()}
    locs = {topic.id: loc for loc, topic in _topics_with_loc(roadmap)}
    done: set[str] = set()
    found: list[Finding] = []
    for start in graph:
        if start in done:
            continue
        path = [start]
        on_path = {start: 0}  # each topic on the current path, with its place in it
        pending = [iter(graph[start])]
        while pending:
            nxt = next(pending[-1], None)
            if nxt is None:
                pending.pop()
                done.add(path[-1])
                del on_path[path.pop()]
            elif nxt in on_path:
                cycle = _cycle_text(path, on_path[nxt])
                found.append(((*locs[path[-1]], "prerequisites"), cycle))
            elif nxt in graph and nxt not in done:
                on_path[nxt] = len(path)
                path.append(nxt)
                pending.append(iter(graph[nxt]))
    return found


def _cycle_text(path: list[str], first: int) -> str:
    """The cycle from ``path[first]`` to the path's end and back; a long one is shortened."""
    length = len(path) - first
    if length <= MAX_CYCLE_SHOWN:
        shown = path[first:]
    else:
        shown = [*path[first : first + MAX_CYCLE_SHOWN - 1], f"... {length - MAX_CYCLE_SHOWN} more"]
        shown.append(path[-1])
    return "prerequisites form a cycle: " + " -> ".join([*shown, path[first]])


def impossible_ranges(roadmap: Roadmap) -> list[Finding]:
    """Efforts and durations no plan can hold: endless, or longer than a lifetime.

    Only ``max`` needs a look: ``min`` is at least 0 and at most ``max`` already.
    """
    found: list[Finding] = [
        ((*loc, "effort_hours", "max"), "the hours must be a finite number")
        for loc, topic in _topics_with_loc(roadmap)
        if not math.isfinite(topic.effort_hours.max)
    ]
    for s, stage in enumerate(roadmap.stages):
        duration = stage.duration
        if duration is None:
            continue
        if duration.max / UNITS_PER_YEAR[duration.unit] > MAX_DURATION_YEARS:  # infinity too
            found.append(
                (
                    ("stages", s, "duration", "max"),
                    f"a duration of more than {MAX_DURATION_YEARS} years cannot be planned "
                    f"(found {duration.max:g} {duration.unit.value})",
                )
            )
    return found


def unknown_certification_stages(roadmap: Roadmap) -> list[Finding]:
    """Certifications tied to a stage id that the roadmap does not have."""
    stages = {s.id for s in roadmap.stages}
    return [
        (("certifications", c, "stage"), f"no stage has the id '{cert.stage}'")
        for c, cert in enumerate(roadmap.certifications)
        if cert.stage not in stages
    ]


def check(roadmap: Roadmap) -> list[Finding]:
    """All whole-roadmap findings, in a stable order."""
    return [
        *duplicate_ids(roadmap),
        *unknown_prerequisites(roadmap),
        *prerequisite_cycles(roadmap),
        *impossible_ranges(roadmap),
        *unknown_certification_stages(roadmap),
    ]
