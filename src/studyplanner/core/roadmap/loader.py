"""Reading roadmap files: safe YAML, validation, and problems pinned to line and column."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from studyplanner.core.roadmap import checks
from studyplanner.core.roadmap.errors import Loc, Problem, RoadmapError
from studyplanner.core.roadmap.model import FORMAT_VERSION, Roadmap

MAX_FILE_BYTES = 4 * 1024 * 1024
# libyaml's parser is ten times faster and gives the same nodes and marks; PyYAML may lack it.
_PARSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BUNDLED_PACKAGE = "studyplanner.resources"


def parse_roadmap(text: str, source: str = "<roadmap>") -> Roadmap:
    """Validate roadmap YAML text; raise RoadmapError naming every problem found."""
    root = _compose(text, source)
    data = _construct(root, source)
    if not isinstance(data, dict):
        raise RoadmapError([_at(source, root, (), "a roadmap file must be a mapping of keys")])
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        reason = (
            f"this file uses roadmap format version {version}; this version of the app "
            f"reads version {FORMAT_VERSION}. Update the app to open it"
        )
        raise RoadmapError([_at(source, root, ("format_version",), reason)])
    try:
        roadmap = Roadmap.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        failed = {tuple(err["loc"][:-1]) for err in errors}
        problems = [
            _at(source, root, tuple(err["loc"]), _reason(err))
            for err in errors
            # A list whose items failed is also "too short"; that adds nothing.
            if not (
                err["type"] == "too_short"
                and any(
                    f[: len(err["loc"])] == tuple(err["loc"]) and len(f) > len(err["loc"])
                    for f in failed
                )
            )
        ]
        raise RoadmapError(problems) from None
    findings = checks.check(roadmap)
    if findings:
        raise RoadmapError([_at(source, root, loc, reason) for loc, reason in findings])
    return roadmap


def load_roadmap_file(path: Path) -> Roadmap:
    """Read and validate a roadmap file from disk."""
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RoadmapError([Problem(source, f"the file is too large ({size} bytes)")])
        raw = path.read_bytes()
    except OSError as exc:
        raise RoadmapError([Problem(source, f"cannot read the file: {exc.strerror}")]) from None
    return parse_roadmap(_decode(raw, source), source)


def bundled_roadmap_files() -> list[Traversable]:
    """The roadmap files shipped with the app, sorted by name."""
    folder = resources.files(BUNDLED_PACKAGE).joinpath("roadmaps")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


@cache
def bundled_roadmaps() -> tuple[Roadmap, ...]:
    """Every bundled roadmap, validated; read once, as they cannot change while we run."""
    return tuple(
        parse_roadmap(f.read_text(encoding="utf-8"), f.name) for f in bundled_roadmap_files()
    )


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = f"the file is not UTF-8 text (byte {exc.start} cannot be read)"
        raise RoadmapError([Problem(source, reason)]) from None


def _compose(text: str, source: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_PARSER)
    except yaml.MarkedYAMLError as exc:
        raise RoadmapError([_yaml_problem(source, exc)]) from None
    except yaml.YAMLError as exc:
        raise RoadmapError([Problem(source, f"the YAML cannot be read: {exc}")]) from None
    if node is None:
        raise RoadmapError([Problem(source, "the file is empty")])
    problems = list(_structure_problems(node, source))
    if problems:
        raise RoadmapError(problems)
    return node


def _yaml_problem(source: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    reason = f"the YAML cannot be read: {exc.problem or exc.context}"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(source, reason, (), line, column)


def _structure_problems(root: yaml.Node, source: str) -> Iterator[Problem]:
    """Aliases (a bomb risk) and duplicate keys (silently dropped by YAML readers)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            yield _problem(source, node, "YAML anchors and aliases are not supported")
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        yield _problem(source, key, f"the key '{key.value}' appears twice")
                    keys.add(key.value)
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _construct(node: yaml.Node, source: str) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise RoadmapError([_yaml_problem(source, exc)]) from None
    finally:
        loader.dispose()


def _locate(root: yaml.Node, loc: Loc) -> yaml.Node:
    """The deepest node along ``loc``; a mapping entry points at its key."""
    node = root
    for depth, part in enumerate(loc, start=1):
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == part), None)
            if match is None:
                return node
            key, value = match
            node = key if depth == len(loc) else value
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node


def _at(source: str, root: yaml.Node, loc: Loc, reason: str) -> Problem:
    node = _locate(root, loc)
    return Problem(source, reason, loc, node.start_mark.line + 1, node.start_mark.column + 1)


def _problem(source: str, node: yaml.Node, reason: str) -> Problem:
    return Problem(source, reason, (), node.start_mark.line + 1, node.start_mark.column + 1)


def _reason(err: Any) -> str:
    kind = err["type"]
    loc = err["loc"]
    name = loc[-1] if loc else "value"
    if kind == "missing":
        return f"the required key '{name}' is missing"
    if kind == "extra_forbidden":
        return f"'{name}' is not a key this format knows"
    if kind == "literal_error" and name == "format_version":
        return f"format_version must be {FORMAT_VERSION}"
    message = str(err["msg"]).removeprefix("Value error, ")
    value = err.get("input")
    if (
        isinstance(value, (str, int, float))
        and not isinstance(value, bool)
        and len(str(value)) < 60
    ):
        return f"{message[0].lower()}{message[1:]} (found {value!r})"
    return f"{message[0].lower()}{message[1:]}"
