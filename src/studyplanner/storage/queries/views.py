"""What the store hands out: plain, frozen views of stored rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from studyplanner.core.planning.plan import PlannedSession, SessionStatus

if TYPE_CHECKING:
    from datetime import date, datetime, time

    from studyplanner.core.cards.history import PastReview
    from studyplanner.core.cards.scheduling import CardState
    from studyplanner.core.roadmap.model import Roadmap


@dataclass(frozen=True)
class RoadmapEntry:
    """A roadmap the learner can plan from."""

    roadmap: Roadmap
    origin: str


@dataclass(frozen=True)
class PlanSummary:
    """A stored plan, as lists show it."""

    id: int
    name: str
    roadmap_id: str
    start: date
    finish: date
    sessions: int
    minutes: int
    strict: bool = False  # each stage waits until the one before is mastered


@dataclass(frozen=True)
class SessionView:
    """A stored session, as the calendar shows it."""

    id: int
    day: date
    title: str
    stage_id: str
    minutes: int
    start_time: time | None
    status: SessionStatus
    key: str = ""
    topic_id: str = ""
    locked: bool = False
    actual_minutes: int | None = None
    # Strict mode: a planned session of a stage held back until the one before is mastered.
    held_back: bool = False

    @property
    def done_minutes(self) -> int:
        """Minutes of study this session accounts for, once done."""
        if self.status is not SessionStatus.DONE:
            return 0
        return self.minutes if self.actual_minutes is None else self.actual_minutes


@dataclass(frozen=True)
class SessionEdit:
    """Everything a learner can change about a session; undo puts the old one back."""

    day: date
    status: SessionStatus
    actual_minutes: int | None
    locked: bool
    notes: str
    # The session's place among the day's sessions: None puts a moved session last, and undo
    # gives back the place it had.
    seq: int | None = None


@dataclass(frozen=True)
class StoredSession:
    """A whole session row, enough to put a deleted session back."""

    session: PlannedSession
    notes: str
    seq: int


@dataclass(frozen=True)
class MilestoneView:
    """A stored milestone."""

    day: date
    title: str
    kind: str


@dataclass(frozen=True)
class CardText:
    """What a learner writes on a card."""

    front: str
    back: str
    tags: str = ""


@dataclass(frozen=True)
class NewCard:
    """A card the learner adds: to a roadmap topic, or to a deck of their own."""

    text: CardText
    roadmap_id: str | None = None
    topic_id: str = ""
    deck: str = ""
    guid: str | None = None  # the note it was imported from
    modified: datetime | None = None  # when that note last changed
    state: CardState | None = None  # where it comes with a schedule; else new
    suspended: bool = False
    history: tuple[PastReview, ...] = ()


@dataclass(frozen=True)
class ListedCard:
    """A card as ``cards list`` prints it, for any tool to compare with Anki's."""

    id: int
    deck: str
    guid: str
    state: str  # new, learning, review or relearning
    due: datetime | None
    stability: float | None
    difficulty: float | None
    reps: int
    lapses: int
    suspended: bool


@dataclass(frozen=True)
class KnownCard:
    """A stored card as notes travel: its id, its text, its note id and its text's last change.

    The note id is the GUID of the note it was imported from, or else ``owner/key``, which
    stays the same across exports; ``changed`` is None for cards older than the record of it.
    """

    id: int
    text: CardText
    guid: str
    changed: datetime | None
    state: CardState | None = None  # None: new
    suspended: bool = False


@dataclass(frozen=True)
class DeckChoice:
    """A place for a new card: a roadmap topic, or one of the learner's own decks."""

    label: str
    roadmap_id: str | None = None
    topic_id: str = ""
    deck: str = ""

    def new_card(
        self,
        text: CardText,
        guid: str | None = None,
        modified: datetime | None = None,
        state: CardState | None = None,
        suspended: bool = False,
        history: tuple[PastReview, ...] = (),
    ) -> NewCard:
        """A card with this text, for this deck; the rest for an imported note (see NewCard)."""
        where = (self.roadmap_id, self.topic_id, self.deck)
        return NewCard(text, *where, guid, modified, state, suspended, history)


@dataclass(frozen=True)
class StoredCard:
    """A deleted card with its review history, enough to put both back."""

    card: dict[str, Any]
    reviews: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class QuizScore:
    """The latest practice-quiz score of a topic."""

    right: int
    total: int
    taken_at: datetime

    @property
    def fraction(self) -> float:
        """Right answers as a share of the questions; 0 for an empty quiz."""
        return self.right / self.total if self.total else 0.0


@dataclass(frozen=True)
class CardStats:
    """What the Progress page shows of the flashcards."""

    answers_by_day: dict[date, int]  # the last year
    retention: tuple[int, int]  # review answers passed, and all, over 30 days
    forecast: tuple[tuple[date, int], ...]  # cards due on each of the next 30 days

    @property
    def retention_rate(self) -> float | None:
        """Passed answers as a share, or None before any review answers."""
        passed, total = self.retention
        return passed / total if total else None


@dataclass(frozen=True)
class ResourceNote:
    """A resource of a topic: a title and, maybe, where to find it."""

    title: str
    url: str | None = None


@dataclass(frozen=True)
class TopicNotes:
    """What the Today page and a session show of a topic, read without the roadmap models."""

    id: str
    title: str
    summary: str = ""
    key_actions: tuple[str, ...] = ()
    resources: tuple[ResourceNote, ...] = ()
