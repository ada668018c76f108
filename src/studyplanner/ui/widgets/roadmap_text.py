"""A roadmap as readable Markdown: its stages, topics, hours and certifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyplanner.core.planning.planner import effort_minutes

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Roadmap


def roadmap_markdown(roadmap: Roadmap) -> str:
    """A readable overview of a roadmap."""
    low = sum(effort_minutes(t, 0.0) for t in roadmap.all_topics()) / 60
    high = sum(effort_minutes(t, 1.0) for t in roadmap.all_topics()) / 60
    lines = [
        f"# {roadmap.title}",
        f"*{roadmap.source.name}, {roadmap.year}* · {low:.0f}–{high:.0f} hours of study",
        "",
        roadmap.summary,
        "",
    ]
    for number, stage in enumerate(roadmap.stages, start=1):
        span = ""
        if stage.duration is not None:
            d = stage.duration
            span = f" · {d.min:g}–{d.max:g} {d.unit.value}"
        lines.append(f"## {number}. {stage.title}{span}")
        if stage.summary:
            lines.append(stage.summary)
        lines.append("")
        for topic in stage.topics:
            hours = topic.effort_hours
            lines.append(f"- **{topic.title}** — {hours.min:g}–{hours.max:g} h")
        lines.append("")
    if roadmap.certifications:
        lines.append("## Certifications")
        for cert in roadmap.certifications:
            optional = " (optional)" if cert.optional else ""
            lines.append(f"- **{cert.title}**, {cert.issuer}{optional}")
    return "\n".join(lines)
