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
    decks.extend(_own_decks({name: own for (owner, name), own in counts.items() if owner == ""}))
    return tuple(decks)


SUBDECK = "::"  # Anki's separator: "German::Verbs" is the deck Verbs inside German


def _own_decks(counts: Mapping[str, CardCounts], prefix: str = "") -> list[Deck]:
    """The learner's decks as a tree: ``A::B`` inside ``A``, which holds its own cards and B's.

    A deck named only as the parent of another (``A`` of ``A::B``) is there too.
    """
    level: dict[str, dict[str, CardCounts]] = {}
    for name, own in counts.items():
        part, _, rest = name.partition(SUBDECK)
        level.setdefault(part, {})[rest] = own
    decks = []
    for part in sorted(level):
        full = f"{prefix}{part}"
        below = {rest: own for rest, own in level[part].items() if rest}
        children = tuple(_own_decks(below, f"{full}{SUBDECK}"))
        mine = level[part].get("", CardCounts(0, 0, 0))
        decks.append(Deck(part, DeckScope(deck=full), _sum([*children], mine), children))
    return decks


def _leaf(
    roadmap_id: str, topic_id: str, title: str, counts: Mapping[tuple[str, str], CardCounts]
) -> Deck:
    return Deck(title, DeckScope(roadmap_id, frozenset({topic_id})), counts[(roadmap_id, topic_id)])


def _sum(decks: tuple[Deck, ...] | list[Deck], own: CardCounts | None = None) -> CardCounts:
    counts = [d.counts for d in decks] + ([own] if own is not None else [])
    return CardCounts(
        sum(c.new for c in counts), sum(c.learning for c in counts), sum(c.review for c in counts)
    )
