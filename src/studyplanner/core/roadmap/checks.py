"""Checks that span a whole roadmap: unique ids, prerequisites, certification stages."""

from __future__ import annotations

from collections.abc import Iterator

from studyplanner.core.roadmap.errors import Loc, format_loc
from studyplanner.core.roadmap.model import Roadmap, Topic

Finding = tuple[Loc, str]


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
    """Each cycle of prerequisites, reported once at the topic where it was found."""
    graph = {t.id: [p for p in t.prerequisites if p != t.id] for t in roadmap.all_topics()}
    locs = {topic.id: loc for loc, topic in _topics_with_loc(roadmap)}
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    found: list[Finding] = []

    def visit(node: str, path: list[str]) -> None:
        colour[node] = grey
        path.append(node)
        for nxt in graph[node]:
            if nxt not in graph:
                continue
            if colour[nxt] == grey:
                cycle = [*path[path.index(nxt) :], nxt]
                found.append(
                    (
                        (*locs[node], "prerequisites"),
                        "prerequisites form a cycle: " + " -> ".join(cycle),
                    ),
                )
            elif colour[nxt] == white:
                visit(nxt, path)
        path.pop()
        colour[node] = black

    for node in graph:
        if colour[node] == white:
            visit(node, [])
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
        *unknown_certification_stages(roadmap),
    ]
