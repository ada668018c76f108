"""Roadmaps written for the tests, offered to the app in place of the bundled ones."""

from __future__ import annotations

from pathlib import Path

from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.core.roadmap.model import Roadmap

FOLDER = Path(__file__).parent
# Read once, as the bundled roadmaps are: the roadmaps are immutable.
CATALOGUE = RoadmapCatalogue.folder(FOLDER)
DATA_ENGINEER = "data-engineer"
ML_ENGINEER = "ml-engineer"


def by_id(roadmap_id: str) -> Roadmap:
    """One of the test roadmaps, by id."""
    roadmap = CATALOGUE.get(roadmap_id)
    if roadmap is None:
        raise KeyError(f"no test roadmap has the id {roadmap_id!r}")
    return roadmap
