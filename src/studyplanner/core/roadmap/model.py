"""The roadmap file format (version 1) as pydantic models."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    HttpUrl,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from studyplanner.core.roadmap.units import DurationUnit

FORMAT_VERSION = 1

# No real roadmap comes near these: the bundled ones have titles of under 70 characters, key
# actions of under 100 and summaries and answers of under 400.
MAX_ID_CHARS = 80
MAX_NAME_CHARS = 200
MAX_ACTION_CHARS = 1_000
MAX_PROSE_CHARS = 10_000
# Characters no text may hold: C0 controls but tab and line feed, DEL and C1 controls, and the
# bidirectional embeddings, overrides and isolates, which make text show in another order than
# it is written (plain right-to-left text needs none of them). A line, such as a title, holds
# no tab or line break of any kind either. Written as regular-expression ranges that Python
# and JSON Schema read alike.
_BIDI_CONTROLS = r"\u202a-\u202e\u2066-\u2069"
CONTROL_CHARACTERS = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f" + _BIDI_CONTROLS
LINE_BREAKS_AND_CONTROLS = r"\u0000-\u001f\u007f-\u009f\u2028\u2029" + _BIDI_CONTROLS
_SPACING = {
    "\t": "tab",
    "\n": "line break",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
# The validation context under which a roadmap file is read (see Roadmap.from_file_data).
_FILE_RULES = "roadmap_file_rules"


@dataclass(frozen=True)
class _FileText:
    """The longest a text of a roadmap file may be, and whether it must be one plain line.

    Only a file being read is held to this. A stored roadmap is read back as it was kept, so
    one imported before a rule existed still opens, and so do the plans made from it.
    """

    limit: int
    one_line: bool

    @property
    def allowed(self) -> str:
        """The characters allowed, as a pattern of the whole text."""
        return f"^[^{LINE_BREAKS_AND_CONTROLS if self.one_line else CONTROL_CHARACTERS}]*$"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        shown = handler(schema)
        shown.update(maxLength=self.limit, pattern=self.allowed)
        return shown

    def _check(self, value: str, info: core_schema.ValidationInfo) -> str:
        if not (info.context or {}).get(_FILE_RULES):
            return value
        if len(value) > self.limit:
            raise PydanticCustomError(
                "string_too_long",
                "String should have at most {max_length} characters",
                {"max_length": self.limit, "length": len(value)},
            )
        if not re.fullmatch(self.allowed, value):
            bad = next(c for c in value if not re.fullmatch(self.allowed, c))
            code = f"U+{ord(bad):04X}"
            if bad in _SPACING:
                reason = f"this text must be one plain line: remove the {_SPACING[bad]} ({code})"
            else:
                reason = f"the control character {code} is not allowed in text: remove it"
            raise PydanticCustomError("text_character", reason)
        return value


def _known_version(version: int) -> int:
    if version != FORMAT_VERSION:
        raise PydanticCustomError(
            "literal_error", "Input should be {expected}", {"expected": FORMAT_VERSION}
        )
    return version


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", min_length=1, max_length=MAX_ID_CHARS),
    Field(description="A stable id: lower-case letters, digits, '.', '_' and '-'."),
]
_Stripped = StringConstraints(strip_whitespace=True, min_length=1)
Name = Annotated[str, _Stripped, _FileText(MAX_NAME_CHARS, one_line=True)]
KeyAction = Annotated[str, _Stripped, _FileText(MAX_ACTION_CHARS, one_line=True)]
CardText = Annotated[str, _Stripped, _FileText(MAX_PROSE_CHARS, one_line=False)]
Summary = Annotated[str, _FileText(MAX_PROSE_CHARS, one_line=False)]
Role = Annotated[str, _FileText(MAX_NAME_CHARS, one_line=True)]
# A YAML number, never text or true/false; a whole number is a number too.
Number = Annotated[StrictFloat, Field(ge=0)]
FormatVersion = Annotated[
    StrictInt, AfterValidator(_known_version), Field(json_schema_extra={"const": FORMAT_VERSION})
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Strict):
    """A closed range of numbers, such as 20-40 hours."""

    min: Number
    max: Number

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

    title: Name
    url: HttpUrl | None = None


class Card(_Strict):
    """A flashcard attached to a topic."""

    id: Id
    front: CardText
    back: CardText
    tags: tuple[Id, ...] = ()


class Topic(_Strict):
    """An effort item: something learned through hours of study."""

    id: Id
    title: Name
    summary: Summary = ""
    effort_hours: Range
    optional: StrictBool = False
    prerequisites: tuple[Id, ...] = ()
    key_actions: tuple[KeyAction, ...] = ()
    resources: tuple[Resource, ...] = ()
    cards: tuple[Card, ...] = ()


class Stage(_Strict):
    """An ordered stage of a roadmap; with a duration it is lived through time, not effort."""

    id: Id
    title: Name
    summary: Summary = ""
    role: Role = ""
    duration: Duration | None = None
    ongoing: StrictBool = False
    key_actions: tuple[KeyAction, ...] = ()
    topics: tuple[Topic, ...] = ()


class Certification(_Strict):
    """A certification exam: a milestone tied to a stage, prepared by its own topics."""

    id: Id
    title: Name
    issuer: Name
    stage: Id
    summary: Summary = ""
    url: HttpUrl | None = None
    optional: StrictBool = False
    preparation: tuple[Topic, ...] = Field(min_length=1)


class Source(_Strict):
    """Where a roadmap's facts come from."""

    name: Name
    url: HttpUrl | None = None


class Roadmap(_Strict):
    """A whole roadmap file."""

    format_version: FormatVersion
    id: Id
    revision: StrictInt = Field(default=1, ge=1, le=2**63 - 1)  # what SQLite can store
    title: Name
    summary: Summary = ""
    source: Source
    year: StrictInt = Field(ge=1900, le=2200)
    stages: tuple[Stage, ...] = Field(min_length=1)
    certifications: tuple[Certification, ...] = ()

    @classmethod
    def from_file_data(cls, data: object) -> Roadmap:
        """The roadmap in a file's data, held to the limits on text that a file must keep."""
        return cls.model_validate(data, context={_FILE_RULES: True})

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
