"""A topic's notes as Markdown, for the Today page and the session dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyplanner.storage.queries.views import TopicNotes


def topic_markdown(topic: TopicNotes | None) -> str:
    """A topic's summary, key actions and resources."""
    if topic is None:
        return "This topic is no longer in the roadmap."
    lines = [topic.summary, ""] if topic.summary else []
    if topic.key_actions:
        lines += ["**Key actions**", "", *(f"- {a}" for a in topic.key_actions), ""]
    if topic.resources:
        lines += ["**Resources**", ""]
        lines += [f"- [{r.title}]({r.url})" if r.url else f"- {r.title}" for r in topic.resources]
    return "\n".join(lines)
