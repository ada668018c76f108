"""The roadmap file format (version 1) as pydantic models."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

from studyplanner.core.roadmap.units import DurationUnit

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", min_length=1, max_length=80),
    Field(description="A stable id: lower-case letters, digits, '.', '_' and '-'."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Strict):
    """A closed range of numbers, such as 20-40 hours."""

    min: float = Field(ge=0)
    max: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.max < self.min:
            raise ValueError(f"max ({self.max:g}) is smaller than min ({self.min:g})")
        return self

    def pick(self, fraction: float) -> float:
        """The point `fraction` of the way from min (0.0) to max (1.0)."""
        return self.min + (self.max - self.min) * fraction


class Duration(Range):
    """A calendar duration range, such as 1-2 years on the job."""

    unit: DurationUnit


class Resource(_Strict):
    """Something to read, watch or do, with where to find it."""

    title: Text
    url: HttpUrl | None = None


class Card(_Strict):
    """A flashcard attached to a topic."""

    id: Id
    front: Text
    back: Text
    tags: tuple[Id, ...] = ()


class Topic(_Strict):
    """An effort item: something learned through hours of study."""

    id: Id
    title: Text
    summary: str = ""
    effort_hours: Range
    optional: bool = False
    prerequisites: tuple[Id, ...] = ()
    key_actions: tuple[Text, ...] = ()
    resources: tuple[Resource, ...] = ()
    cards: tuple[Card, ...] = ()


class Stage(_Strict):
    """An ordered stage of a roadmap; with a duration it is lived through time, not effort."""

    id: Id
    title: Text
    summary: str = ""
    role: str = ""
    duration: Duration | None = None
    ongoing: bool = False
    key_actions: tuple[Text, ...] = ()
    topics: tuple[Topic, ...] = ()


class Certification(_Strict):
    """A certification exam: a milestone tied to a stage, prepared by its own topics."""

    id: Id
    title: Text
    issuer: Text
    stage: Id
    summary: str = ""
    url: HttpUrl | None = None
    optional: bool = False
    preparation: tuple[Topic, ...] = Field(min_length=1)


class Source(_Strict):
    """Where a roadmap's facts come from."""

    name: Text
    url: HttpUrl | None = None


class Roadmap(_Strict):
    """A whole roadmap file."""

    format_version: Literal[1]
    id: Id
    revision: int = Field(default=1, ge=1)
    title: Text
    summary: str = ""
    source: Source
    year: int = Field(ge=1900, le=2200)
    stages: tuple[Stage, ...] = Field(min_length=1)
    certifications: tuple[Certification, ...] = ()

    def topics(self) -> Iterator[tuple[Stage, Topic]]:
        """Every stage topic, in roadmap order, with its stage."""
        for stage in self.stages:
            for topic in stage.topics:
                yield stage, topic

    def all_topics(self) -> Iterator[Topic]:
        """Every topic, stage topics first, then certification preparation topics."""
        for _, topic in self.topics():
            yield topic
        for cert in self.certifications:
            yield from cert.preparation

    def cards(self) -> Iterator[tuple[Topic, Card]]:
        """Every card with the topic it belongs to."""
        for topic in self.all_topics():
            for card in topic.cards:
                yield topic, card

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id."""
        return next(s for s in self.stages if s.id == stage_id)
