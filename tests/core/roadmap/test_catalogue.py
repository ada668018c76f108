"""The roadmap catalogue: a folder's roadmaps by id, or the bundled ones by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.loader import bundled_roadmaps
from tests.roadmaps import CATALOGUE, DATA_ENGINEER, ML_ENGINEER


def test_a_folder_offers_its_yaml_files_in_name_order(
    tmp_path: Path, small_roadmap_text: str
) -> None:
    (tmp_path / "b.yaml").write_text(small_roadmap_text)
    (tmp_path / "a.yaml").write_text(small_roadmap_text.replace("id: small", "id: first"))
    (tmp_path / "notes.txt").write_text("not a roadmap")
    catalogue = RoadmapCatalogue.folder(tmp_path)
    assert catalogue.ids() == ["first", "small"]
    assert catalogue.get("small") is catalogue.roadmaps()[1]
    assert catalogue.get("nope") is None


def test_the_files_are_read_once(tmp_path: Path, small_roadmap_text: str) -> None:
    (tmp_path / "small.yaml").write_text(small_roadmap_text)
    catalogue = RoadmapCatalogue.folder(tmp_path)
    first = catalogue.roadmaps()
    (tmp_path / "small.yaml").unlink()
    assert catalogue.roadmaps() is first


def test_a_broken_file_is_reported_by_name(tmp_path: Path, small_roadmap_text: str) -> None:
    (tmp_path / "broken.yaml").write_text(small_roadmap_text.replace("year: 2026", "year: soon"))
    catalogue = RoadmapCatalogue.folder(tmp_path)  # nothing is read yet
    with pytest.raises(RoadmapError, match=r"^broken\.yaml:6:1: year: "):
        catalogue.roadmaps()


def test_the_test_roadmaps() -> None:
    assert [(r.id, r.title) for r in CATALOGUE.roadmaps()] == [
        (DATA_ENGINEER, "Data Engineer"),
        (ML_ENGINEER, "Machine Learning Engineer"),
    ]


def test_the_bundled_catalogue_is_the_bundled_roadmaps() -> None:
    assert RoadmapCatalogue.bundled().roadmaps() == bundled_roadmaps()
    assert RoadmapCatalogue.bundled() is RoadmapCatalogue.bundled()
