"""The bundled roadmaps: valid, substantial, and shipped with a current JSON Schema."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from studyplanner.core.roadmap.loader import bundled_roadmap_files, bundled_roadmaps
from studyplanner.core.roadmap.schema import SCHEMA_FILE, roadmap_schema_text

EXPECTED = {"ai-engineering-architect", "ai-architect-step-by-step", "ai-architect-upwork"}


def test_the_three_guides_are_bundled_under_their_file_names() -> None:
    files = {f.name.removesuffix(".yaml") for f in bundled_roadmap_files()}
    assert files == EXPECTED
    assert {r.id for r in bundled_roadmaps()} == EXPECTED


@pytest.mark.parametrize("roadmap", bundled_roadmaps(), ids=lambda r: r.id)
def test_each_roadmap_is_substantial(roadmap: object) -> None:
    from studyplanner.core.roadmap.model import Roadmap

    assert isinstance(roadmap, Roadmap)
    topics = list(roadmap.all_topics())
    assert len(topics) >= 8
    assert sum(1 for _ in roadmap.cards()) >= 15
    assert roadmap.certifications
    assert roadmap.source.name and 2020 <= roadmap.year <= 2030
    for topic in topics:
        assert 0 < topic.effort_hours.min <= topic.effort_hours.max <= 1500, topic.id
    assert any(stage.duration for stage in roadmap.stages), "a time-based stage"


def test_shipped_schema_matches_the_models() -> None:
    shipped = resources.files("studyplanner.resources").joinpath(SCHEMA_FILE).read_text("utf-8")
    assert shipped == roadmap_schema_text(), (
        "run: studyplanner-cli schema > resources/" + SCHEMA_FILE
    )
    schema = json.loads(shipped)
    assert schema["properties"]["format_version"]["const"] == 1
    assert schema["additionalProperties"] is False
