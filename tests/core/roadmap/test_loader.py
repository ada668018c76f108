"""Reading roadmap files: every kind of problem is named with its place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from studyplanner.core.roadmap import yaml_nodes
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.loader import load_roadmap_file, parse_roadmap


def problems(text: str) -> list[str]:
    with pytest.raises(RoadmapError) as caught:
        parse_roadmap(text, "road.yaml")
    return [str(p) for p in caught.value.problems]


def test_valid_roadmap_loads_in_order(small_roadmap_text: str) -> None:
    roadmap = parse_roadmap(small_roadmap_text, "small.yaml")
    assert [s.id for s in roadmap.stages] == ["basics", "job"]
    assert [t.id for t in roadmap.all_topics()] == ["python", "sql", "mlops", "cert-prep"]
    assert [c.id for _, c in roadmap.cards()] == ["card-list"]


def test_malformed_yaml_names_line_and_column() -> None:
    # libyaml (used when PyYAML has it) and pure-Python PyYAML word the reason differently.
    reason = (
        "did not find expected ',' or ']'"
        if yaml_nodes.PARSER is getattr(yaml, "CSafeLoader", None)
        else "expected ',' or ']', but got '<stream end>'"
    )
    assert problems("id: x\nstages: [a, b\n") == [
        f"road.yaml:3:1: the YAML cannot be read: {reason}"
    ]


def test_wrong_type_points_at_the_value(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("{min: 2, max: 4}", "{min: two, max: 4}")
    assert problems(text) == [
        "road.yaml:13:24: stages[0].topics[0].effort_hours.min: input should be a valid number, "
        "unable to parse string as a number (found 'two')"
    ]


def test_unknown_key_is_named(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("year: 2026", "year: 2026\ncolour: blue")
    assert problems(text) == ["road.yaml:7:1: colour: 'colour' is not a key this format knows"]


def test_missing_key_points_at_its_parent(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("        title: SQL\n", "")
    assert problems(text) == [
        "road.yaml:23:9: stages[0].topics[1].title: the required key 'title' is missing"
    ]


def test_range_with_max_below_min(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("{min: 2, max: 4}", "{min: 5, max: 4}")
    assert problems(text) == [
        "road.yaml:13:9: stages[0].topics[0].effort_hours: max (4) is smaller than min (5)"
    ]


def test_duplicate_ids_across_kinds(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("id: mlops", "id: python")
    assert problems(text) == [
        "road.yaml:31:9: stages[1].topics[0].id: the id 'python' is already used "
        "(first at stages[0].topics[0].id)"
    ]


def test_prerequisite_naming_no_topic(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("prerequisites: [python]", "prerequisites: [pyton]")
    assert problems(text) == [
        "road.yaml:26:25: stages[0].topics[1].prerequisites[0]: no topic has the id 'pyton'"
    ]


def test_prerequisite_cycle(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace(
        "        key_actions: [Write a script]", "        prerequisites: [sql]"
    )
    assert problems(text) == [
        "road.yaml:26:9: stages[0].topics[1].prerequisites: prerequisites form a cycle: "
        "python -> sql -> python"
    ]


def test_certification_naming_no_stage(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("stage: basics", "stage: nowhere")
    assert problems(text) == [
        "road.yaml:38:5: certifications[0].stage: no stage has the id 'nowhere'"
    ]


def test_duplicate_yaml_key(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("year: 2026", "year: 2026\nyear: 2027")
    assert problems(text) == ["road.yaml:7:1: the key 'year' appears twice"]


def test_aliases_are_refused() -> None:
    text = "a: &x [1, 2]\nb: *x\n"
    assert problems(text) == ["road.yaml:1:4: YAML anchors and aliases are not supported"]


def test_newer_format_version_is_explained(small_roadmap_text: str) -> None:
    text = small_roadmap_text.replace("format_version: 1", "format_version: 2")
    assert problems(text) == [
        "road.yaml:1:1: format_version: this file uses roadmap format version 2; this version "
        "of the app reads version 1. Update the app to open it"
    ]


def test_empty_and_non_mapping_files() -> None:
    assert problems("") == ["road.yaml: the file is empty"]
    assert problems("- a\n- b\n") == ["road.yaml:1:1: a roadmap file must be a mapping of keys"]


def test_python_tags_cannot_run_code() -> None:
    assert problems("!!python/object/apply:os.system ['echo hi']\n") == [
        "road.yaml:1:1: the YAML cannot be read: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    ]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(RoadmapError) as caught:
        load_roadmap_file(path)
    assert str(caught.value) == "latin.yaml: the file is not UTF-8 text (byte 10 cannot be read)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RoadmapError) as caught:
        load_roadmap_file(tmp_path / "absent.yaml")
    assert str(caught.value) == (
        "absent.yaml: cannot read the file: it cannot be read (No such file or directory)"
    )
