"""The JSON Schema of the roadmap format, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from studyplanner.core.roadmap.model import FORMAT_VERSION, Roadmap

SCHEMA_FILE = f"schema/roadmap-v{FORMAT_VERSION}.schema.json"


def roadmap_schema() -> dict[str, Any]:
    """The schema as a dictionary."""
    schema = Roadmap.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://studyplanner.invalid/roadmap-v{FORMAT_VERSION}.schema.json"
    return schema


def roadmap_schema_text() -> str:
    """The schema as the text of the shipped file."""
    return json.dumps(roadmap_schema(), indent=2, sort_keys=True) + "\n"
