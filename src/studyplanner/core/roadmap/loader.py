"""Reading roadmap files: safe YAML, validation, and problems pinned to line and column."""

from __future__ import annotations

import re
import stat
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from studyplanner.core.input_files import InputFileError, read_input_file
from studyplanner.core.roadmap import checks
from studyplanner.core.roadmap.errors import MAX_PROBLEMS, Loc, Problem, RoadmapError, limited
from studyplanner.core.roadmap.model import FORMAT_VERSION, Roadmap
from studyplanner.core.roadmap.yaml_nodes import (
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    MAX_VALUES,
    compose,
    construct,
    plain_kind,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_CHARS",
    "MAX_PROBLEMS",
    "MAX_VALUES",
    "bundled_roadmap_files",
    "bundled_roadmaps",
    "load_roadmap_file",
    "parse_roadmap",
    "parse_roadmap_bytes",
]

MAX_FILE_BYTES = 4 * 1024 * 1024
BUNDLED_PACKAGE = "studyplanner.resources"

# The characters YAML allows in a file; control characters such as NUL are not among them.
_NOT_YAML_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Values of the wrong type: what was expected, and the hint for text that cannot be it.
_TYPE_HINTS = {
    "int_type": (("int",), ", unable to parse string as an integer"),
    "float_type": (("int", "float"), ", unable to parse string as a number"),
    "bool_type": (("bool",), ": write true or false"),
}


def parse_roadmap(text: str, source: str = "<roadmap>") -> Roadmap:
    """Validate roadmap YAML text; raise RoadmapError naming every problem found."""
    _check_text(text, source)
    root = compose(text, source)
    data = construct(root, source)
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
        roadmap = Roadmap.from_file_data(data)
    except ValidationError as exc:
        errors = exc.errors()
        # Every path above a failed value; a list whose items failed is also "too short".
        above = {tuple(e["loc"][:n]) for e in errors for n in range(len(e["loc"]))}
        found = [
            (tuple(err["loc"]), _reason(err))
            for err in errors
            if not (err["type"] == "too_short" and tuple(err["loc"]) in above)
        ]
        raise RoadmapError(_located(source, root, found)) from None
    findings = checks.check(roadmap)
    if findings:
        raise RoadmapError(_located(source, root, findings))
    return roadmap


def parse_roadmap_bytes(raw: bytes, source: str = "<roadmap>") -> Roadmap:
    """Validate the bytes of a roadmap file: UTF-8 YAML text, a byte-order mark allowed."""
    if len(raw) > MAX_FILE_BYTES:
        raise RoadmapError([_too_large(source, None)])
    return parse_roadmap(_decode(raw, source), source)


def load_roadmap_file(path: Path) -> Roadmap:
    """Read and validate a roadmap file from disk; a too-large file is not read at all.

    Only a regular file is read: a FIFO, a device such as /dev/zero or a folder is refused
    at once, unread.
    """
    source = path.name
    try:
        raw = read_input_file(path, MAX_FILE_BYTES)
    except InputFileError as exc:
        raise RoadmapError([_unreadable(path, source, exc)]) from None
    return parse_roadmap_bytes(raw, source)


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


def _too_large(source: str, size: int | None) -> Problem:
    limit = MAX_FILE_BYTES // 2**20
    if size is None:  # only the limit was read
        return Problem(source, f"the file is larger than the {limit} MB limit")
    return Problem(source, f"the file is too large ({size} bytes); the limit is {limit} MB")


def _unreadable(path: Path, source: str, error: InputFileError) -> Problem:
    # The reader says only that a file is over the limit; its size tells the learner more.
    try:
        status = path.stat()
    except OSError:
        status = None
    if status is not None and stat.S_ISREG(status.st_mode) and status.st_size > MAX_FILE_BYTES:
        return _too_large(source, status.st_size)
    return Problem(source, f"cannot read the file: {error}")


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = f"the file is not UTF-8 text (byte {exc.start} cannot be read)"
        raise RoadmapError([Problem(source, reason)]) from None


def _check_text(text: str, source: str) -> None:
    """Size and characters, before any parsing: both are cheap to check and costly to miss."""
    if len(text) > MAX_FILE_BYTES:
        raise RoadmapError([_too_large(source, None)])
    bad = _NOT_YAML_TEXT.search(text)
    if bad is not None:
        start = bad.start()
        line_start = text.rfind("\n", 0, start) + 1
        reason = f"the character U+{ord(bad.group()):04X} is not allowed in a YAML file"
        line = text.count("\n", 0, start) + 1
        raise RoadmapError([Problem(source, reason, (), line, start - line_start + 1)])
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise RoadmapError([_too_large(source, size)])


def _located(source: str, root: yaml.Node, found: list[tuple[Loc, str]]) -> list[Problem]:
    """Problems pinned to their place in the file; only those shown are looked up."""
    shown = [_at(source, root, loc, reason) for loc, reason in found[:MAX_PROBLEMS]]
    return limited(shown, len(found), source)


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


def _reason(err: Any) -> str:
    kind = err["type"]
    loc = err["loc"]
    name = loc[-1] if loc else "value"
    value = err.get("input")
    if kind == "missing":
        return f"the required key '{name}' is missing"
    if kind == "extra_forbidden":
        return f"'{name}' is not a key this format knows"
    if tuple(loc) == ("format_version",):
        return f"format_version must be {FORMAT_VERSION}{_found(value)}"
    if kind in ("string_too_long", "url_too_long"):
        length = err.get("ctx", {}).get("length", len(str(value)))
        limit = err["ctx"]["max_length"]
        what = "URL" if kind == "url_too_long" else "text"
        return f"the {what} is {length} characters long; the limit is {limit}: shorten it"
    if kind == "text_character":
        return f"{err['msg']}{_found(value)}"
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"{message[0].lower()}{message[1:]}{_type_hint(kind, value)}{_found(value)}"


def _type_hint(kind: str, value: object) -> str:
    """What to write instead of a value of the wrong type, where it can be told."""
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        return ": put text in quotes"
    if kind not in _TYPE_HINTS:
        return ""
    kinds, hint = _TYPE_HINTS[kind]
    if isinstance(value, str):
        return ", not text in quotes: remove the quotes" if plain_kind(value) in kinds else hint
    return hint if kind == "bool_type" else ""


def _found(value: object) -> str:
    """The value that was found, as it would be written in YAML, if it is short."""
    if isinstance(value, bool):
        return f" (found {str(value).lower()})"
    if isinstance(value, (str, int, float)) and len(str(value)) < 60:
        return f" (found {value!r})"
    return ""
