"""Stored roadmaps (kept as the JSON of their model) read back into the model."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Roadmap


def roadmap_from_json(body: str) -> Roadmap:
    """A stored roadmap as the validated model; pydantic loads here, at the first use."""
    from studyplanner.core.roadmap.model import Roadmap

    return Roadmap.model_validate_json(body)
