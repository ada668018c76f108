"""Decks follow the roadmap: roadmap, then stage (or certification), then topic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studyplanner.core.cards.queue import CardCounts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from studyplanner.core.roadmap.model import Roadmap


@dataclass(frozen=True)
class DeckScope:
    """The cards a review covers: all, a roadmap, some of its topics, or one of your decks."""

    roadmap_id: str | None = None
    topic_ids: frozenset[str] | None = None
    deck: str | None = None


@dataclass(frozen=True)
class Deck:
    """A node of the deck tree, with the cards due in it and below it."""

    title: str
    scope: DeckScope
    counts: CardCounts
    children: tuple[Deck, ...] = field(default=())


ALL_DECKS = Deck("All decks", DeckScope(), CardCounts(0, 0, 0))


def topic_decks(roadmap: Roadmap) -> dict[str, tuple[str, str, str]]:
    """Each topic's deck as the parts of its name: roadmap, stage or certification, topic.

    A topic a certification prepares for as well as a stage teaches is named by the
    certification, as the deck tree's names are (see storage's deck names).
    """
    groups = [(stage.title, stage.topics) for stage in roadmap.stages]
    groups += [(cert.title, cert.preparation) for cert in roadmap.certifications]
    return {
        topic.id: (roadmap.title, group, topic.title)
        for group, topics in groups
        for topic in topics
    }


def deck_tree(
    roadmaps: list[Roadmap], counts: Mapping[tuple[str, str], CardCounts]
) -> tuple[Deck, ...]:
    """Roadmap decks (stages and certifications, then topics), then the learner's own decks.

    Counts of the learner's own decks are keyed ``("", deck name)``.
    """
    decks = []
    for roadmap in roadmaps:
        groups = [(stage.title, stage.topics) for stage in roadmap.stages]
        groups += [(cert.title, cert.preparation) for cert in roadmap.certifications]
        children = []
        placed: set[str] = set()
        for title, topics in groups:
            topic_decks = tuple(
                _leaf(roadmap.id, topic.id, topic.title, counts)
                for topic in topics
                if (roadmap.id, topic.id) in counts
            )
            placed |= {topic.id for topic in topics}
            if topic_decks:
                ids = frozenset(t.id for t in topics)
                children.append(
                    Deck(title, DeckScope(roadmap.id, ids), _sum(topic_decks), topic_decks)
                )
        others = tuple(
            _leaf(roadmap.id, topic, topic or "Other cards", counts)
            for (owner, topic) in sorted(counts)
            if owner == roadmap.id and topic not in placed
        )
        children.extend(others)
        if children:
            decks.append(
                Deck(roadmap.title, DeckScope(roadmap.id), _sum(children), tuple(children))
            )
    for (owner, name), own in sorted(counts.items()):
        if owner == "":
            decks.append(Deck(name, DeckScope(deck=name), own))
    return tuple(decks)


def _leaf(
    roadmap_id: str, topic_id: str, title: str, counts: Mapping[tuple[str, str], CardCounts]
) -> Deck:
    return Deck(title, DeckScope(roadmap_id, frozenset({topic_id})), counts[(roadmap_id, topic_id)])


def _sum(decks: tuple[Deck, ...] | list[Deck]) -> CardCounts:
    return CardCounts(
        sum(d.counts.new for d in decks),
        sum(d.counts.learning for d in decks),
        sum(d.counts.review for d in decks),
    )
