"""The database schema as SQLModel tables."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class RoadmapRecordBase(SQLModel):
    """A roadmap the learner has used or imported, kept whole as validated JSON."""

    title: str
    source: str
    year: int
    revision: int = 1
    origin: str = Field(description="'bundled' or 'imported'")
    body: str = Field(description="the roadmap, as the JSON of its validated model")


class RoadmapRecord(RoadmapRecordBase, table=True):
    """Table ``roadmap``."""

    __tablename__ = "roadmap"
    id: str = Field(primary_key=True)


class PlanRecordBase(SQLModel):
    """A plan made from a roadmap."""

    name: str
    roadmap_id: str = Field(foreign_key="roadmap.id", index=True)
    roadmap_revision: int
    start_date: date
    pace: str
    settings: str = Field(description="JSON: availability, days off and other request fields")
    created_at: datetime
    strict_mastery: bool = Field(
        default=False, description="hold each stage back until the one before is mastered"
    )


class PlanRecord(PlanRecordBase, table=True):
    """Table ``plan``."""

    __tablename__ = "plan"
    id: int | None = Field(default=None, primary_key=True)


class SessionRecordBase(SQLModel):
    """A dated study session of a plan."""

    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    key: str
    topic_id: str
    stage_id: str
    certification_id: str | None = None
    title: str
    day: date = Field(index=True)
    seq: int = Field(default=0, description="the session's place in its plan, for order in a day")
    start_time: time | None = None
    minutes: int
    status: str = "planned"
    actual_minutes: int | None = None
    locked: bool = False
    notes: str = ""


class SessionRecord(SessionRecordBase, table=True):
    """Table ``study_session``."""

    __tablename__ = "study_session"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)


class MilestoneRecordBase(SQLModel):
    """A dated milestone of a plan: a stage's end or a certification exam."""

    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    key: str
    kind: str
    ref_id: str
    stage_id: str = ""
    title: str
    day: date
    state: str = "upcoming"
    criteria: str = Field(default="", description="for the learner's own: what counts as done")


class MilestoneRecord(MilestoneRecordBase, table=True):
    """Table ``milestone``."""

    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)


class CardRecordBase(SQLModel):
    """A flashcard with its FSRS scheduling state, in a roadmap's deck or a deck of its own."""

    roadmap_id: str | None = Field(default=None, foreign_key="roadmap.id", index=True)
    deck: str = Field(default="", index=True, description="for cards outside roadmaps")
    key: str = Field(description="the card's stable id in its roadmap, or a generated one")
    topic_id: str
    front: str
    back: str
    tags: str = ""
    suspended: bool = False
    state: int = 1
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = Field(default=None, index=True)
    last_review: datetime | None = None
    created_at: datetime | None = None
    guid: str | None = Field(default=None, description="the note it came from, as Anki names it")
    modified_at: datetime | None = Field(default=None, description="its text's last change")


class CardRecord(CardRecordBase, table=True):
    """Table ``card``."""

    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("roadmap_id", "key"),
        Index("ix_card_state_suspended_due", "state", "suspended", "due"),
        Index("ix_card_roadmap_topic", "roadmap_id", "topic_id", "deck", "suspended"),
        Index("ix_card_tags", "tags"),
        Index("ix_card_guid", "guid"),
        Index(
            "ix_card_new",
            "roadmap_id",
            "topic_id",
            "deck",
            "suspended",
            sqlite_where=text("last_review IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)


class MediaRecordBase(SQLModel):
    """A picture or sound that cards show, kept in the database beside them (and its backups)."""

    name: str = Field(primary_key=True, description="the file name the cards' text uses")
    data: bytes
    added_at: datetime


class MediaRecord(MediaRecordBase, table=True):
    """Table ``media``."""

    __tablename__ = "media"


class ReviewRecordBase(SQLModel):
    """One answer given to a card."""

    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE", index=True)
    rating: int
    reviewed_at: datetime = Field(index=True)
    duration_ms: int | None = None
    kind: str = Field(default="review", description="'new', 'learning', 'review' or 'relearning'")


class ReviewRecord(ReviewRecordBase, table=True):
    """Table ``review``."""

    __tablename__ = "review"
    id: int | None = Field(default=None, primary_key=True)


class QuizResultRecordBase(SQLModel):
    """The score of one practice quiz on a topic (or a deck outside roadmaps)."""

    roadmap_id: str | None = None
    topic_id: str = Field(index=True)
    deck: str = ""
    mode: str = Field(description="'choice' or 'typed'")
    taken_at: datetime
    correct: int
    total: int


class QuizResultRecord(QuizResultRecordBase, table=True):
    """Table ``quiz_result``."""

    __tablename__ = "quiz_result"
    id: int | None = Field(default=None, primary_key=True)


class MasteryRuleRecordBase(SQLModel):
    """Mastery criteria for a roadmap (milestone key '') or for one of its milestones."""

    roadmap_id: str = Field(foreign_key="roadmap.id", ondelete="CASCADE")
    milestone_key: str = ""
    reviewed_share: float
    retrievability: float
    quiz_score: float


class MasteryRuleRecord(MasteryRuleRecordBase, table=True):
    """Table ``mastery_rule``."""

    __tablename__ = "mastery_rule"
    __table_args__ = (UniqueConstraint("roadmap_id", "milestone_key"),)
    id: int | None = Field(default=None, primary_key=True)
