"""Reading roadmap files: safe YAML, validation, and problems pinned to line and column."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
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
# Lists and mappings inside each other; the format itself needs 8 levels.
MAX_DEPTH = 32
# Values in one file; the bundled roadmaps have under 2,000.
MAX_VALUES = 100_000
# Longer "numbers" are never meant, and some YAML number forms take quadratic time to read.
MAX_NUMBER_CHARS = 100
# A file with more problems than this is reported in part; the rest only counted.
MAX_PROBLEMS = 100
# libyaml's parser is ten times faster and gives the same events and marks; PyYAML may lack it.
_PARSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BUNDLED_PACKAGE = "studyplanner.resources"

_CORE = "tag:yaml.org,2002:"
# The only kinds of value a roadmap is made of. Everything else, from !!binary and !!set to
# !!python/object, is refused before anything is constructed.
_ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp")
)
_NUMBER_TAGS = frozenset((_CORE + "int", _CORE + "float"))
# What plain '=' and '<<' resolve to. A merge key ('<<') mostly serves aliases, refused here,
# and '=' has no use in a roadmap: both are read as text.
_TEXT_TAGS = frozenset((_CORE + "value", _CORE + "merge"))
_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "empty"}
# The characters YAML allows in a file; control characters such as NUL are not among them.
_NOT_YAML_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def parse_roadmap(text: str, source: str = "<roadmap>") -> Roadmap:
    """Validate roadmap YAML text; raise RoadmapError naming every problem found."""
    _check_text(text, source)
    root = _compose(text, source)
    data = _Constructor(source).construct(root)
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
    """Read and validate a roadmap file from disk; a too-large file is not read at all."""
    source = path.name
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise RoadmapError([_too_large(source, size)])
            # A file can grow after its size is taken, and some report no size at all.
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = f"cannot read the file: {exc.strerror or exc}"
        raise RoadmapError([Problem(source, reason)]) from None
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


def _compose(text: str, source: str) -> yaml.Node:
    try:
        node = _read_tree(_PARSER, text, source)
    except yaml.MarkedYAMLError as exc:
        if _PARSER is not yaml.SafeLoader:
            _raise_own_limit_first(text, source, exc)
        raise RoadmapError([_yaml_problem(source, exc)]) from None
    except yaml.YAMLError as exc:
        raise RoadmapError([Problem(source, f"the YAML cannot be read: {exc}")]) from None
    if node is None:
        raise RoadmapError([Problem(source, "the file is empty")])
    duplicates = list(_duplicate_keys(node, source))
    if duplicates:
        raise RoadmapError(_limited(duplicates, len(duplicates), source))
    return node


def _read_tree(kind: type[yaml.SafeLoader], text: str, source: str) -> yaml.Node | None:
    parser = kind(text)
    try:
        return _build_tree(parser, source)
    finally:
        parser.dispose()


def _raise_own_limit_first(text: str, source: str, failure: yaml.MarkedYAMLError) -> None:
    """Raise the loader's own refusal if it comes before where libyaml gave up.

    libyaml reads ahead of the events it hands over, and newer releases stop deep nesting
    with their own message (at 1,000 levels) before the depth check here sees level 33.
    PyYAML's pure-Python parser reads the same YAML lazily, so running it up to the point
    of failure finds the limit the learner should be told about, whatever libyaml does.
    """
    try:
        _read_tree(yaml.SafeLoader, text, source)
    except RoadmapError as own:
        if _before(own, failure):
            raise own from None
    except yaml.YAMLError:
        pass


def _before(own: RoadmapError, failure: yaml.MarkedYAMLError) -> bool:
    mark = failure.problem_mark
    if mark is None:
        return True
    first = own.problems[0]
    if first.line is None or first.column is None:
        return True
    return (first.line, first.column) <= (mark.line + 1, mark.column + 1)


def _build_tree(parser: yaml.SafeLoader, source: str) -> yaml.Node | None:
    """The document's nodes, built from the parser's events without recursion.

    YAML readers build nodes recursively, so deep nesting ends in a RecursionError or, in
    libyaml's composer, a crash. Here depth, size, anchors and tags are checked as each
    event arrives, and the first thing refused stops the reading.
    """
    next_event: Callable[[], yaml.Event | None] = parser.get_event
    tag_of = _ScalarTags()
    root: yaml.Node | None = None
    open_nodes: list[yaml.CollectionNode] = []
    keys: list[yaml.Node | None] = []  # for each open node, a mapping's key awaiting its value
    values = 0
    documents = 0
    while (event := next_event()) is not None:
        kind = type(event)
        if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            open_nodes.pop().end_mark = event.end_mark
            keys.pop()
            continue
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                reason = "the file holds more than one YAML document ('---')"
                raise RoadmapError([_mark_problem(source, event.start_mark, reason)])
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue  # the start and end of the stream, the end of the document
        if kind is yaml.AliasEvent or event.anchor is not None:
            reason = "YAML anchors and aliases are not supported"
            raise RoadmapError([_mark_problem(source, event.start_mark, reason)])
        values += 1
        if values > MAX_VALUES:
            reason = f"the file has more than {MAX_VALUES} values"
            raise RoadmapError([_mark_problem(source, event.start_mark, reason)])
        node: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            start: Any = event.start_mark
            end: Any = event.end_mark
            node = yaml.ScalarNode(tag_of(event, source), event.value, start, end, event.style)
        else:
            node = _collection_node(event, source)
        if not open_nodes:
            root = node
        elif type(open_nodes[-1]) is yaml.SequenceNode:
            open_nodes[-1].value.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            open_nodes[-1].value.append((keys[-1], node))
            keys[-1] = None
        if isinstance(node, yaml.CollectionNode):
            if len(open_nodes) == MAX_DEPTH:
                reason = f"lists and mappings are nested more than {MAX_DEPTH} levels deep"
                raise RoadmapError([_mark_problem(source, event.start_mark, reason)])
            open_nodes.append(node)
            keys.append(None)
    return root


class _ScalarTags:
    """The checked tag of each scalar; plain keys such as 'id' repeat, so tags are kept."""

    def __init__(self) -> None:
        resolver = yaml.resolver.Resolver()
        self._resolve: Callable[[type[yaml.Node], str, Any], str] = resolver.resolve
        self._known: dict[tuple[str, Any], str] = {}

    def __call__(self, event: yaml.ScalarEvent, source: str) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            key = (event.value, event.implicit)
            tag = self._known.get(key)
            if tag is None:
                tag = self._resolve(yaml.ScalarNode, event.value, event.implicit)
                tag = _CORE + "str" if tag in _TEXT_TAGS else tag
                if len(event.value) <= 40:
                    self._known[key] = tag
        _check_tag(tag, event, source)
        if tag in _NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:
            reason = f"the number is too long ({len(event.value)} characters)"
            raise RoadmapError([_mark_problem(source, event.start_mark, reason)])
        return tag


def _collection_node(event: yaml.NodeEvent, source: str) -> yaml.CollectionNode:
    """An empty sequence or mapping node for a start event, its tag resolved and checked."""
    sequence = isinstance(event, yaml.SequenceStartEvent)
    tag: str | None = getattr(event, "tag", None)
    if tag is None or tag == "!":
        tag = _CORE + ("seq" if sequence else "map")
    _check_tag(tag, event, source)
    kind = yaml.SequenceNode if sequence else yaml.MappingNode
    start: Any = event.start_mark
    end: Any = event.end_mark
    return kind(tag, [], start, end, getattr(event, "flow_style", None))


def _check_tag(tag: str, event: yaml.NodeEvent, source: str) -> None:
    if tag in _ALLOWED_TAGS:
        return
    if tag in yaml.constructor.SafeConstructor.yaml_constructors:
        shown = tag.replace(_CORE, "!!")
        reason = f"the tag '{shown}' is not supported in roadmap files"
    else:  # !!python/object and the like, or a tag of the file's own
        reason = f"the YAML cannot be read: could not determine a constructor for the tag '{tag}'"
    raise RoadmapError([_mark_problem(source, event.start_mark, reason)])


class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, with a bad scalar (an impossible date...) named where it is."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def construct(self, root: yaml.Node) -> Any:
        """The Python value of a whole document."""
        try:
            return self.construct_document(root)
        except yaml.MarkedYAMLError as exc:
            raise RoadmapError([_yaml_problem(self.source, exc)]) from None

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.MarkedYAMLError as exc:
            raise RoadmapError([_yaml_problem(self.source, exc)]) from None
        except Exception as exc:  # any failure here is the value's fault
            raise RoadmapError([_problem(self.source, node, _scalar_reason(node, exc))]) from None


def _scalar_reason(node: yaml.Node, exc: Exception) -> str:
    value = str(node.value)
    shown = repr(value if len(value) <= 40 else value[:40] + "…")
    name = node.tag.removeprefix(_CORE)
    if name == "timestamp":
        if isinstance(exc, ValueError):
            return f"the date {shown} does not exist ({exc})"
        return f"{shown} is not a date"
    return f"{shown} cannot be read as {_KINDS.get(name, name)}"


def _yaml_problem(source: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    reason = f"the YAML cannot be read: {exc.problem or exc.context}"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(source, reason, (), line, column)


def _duplicate_keys(root: yaml.Node, source: str) -> Iterator[Problem]:
    """Keys that appear twice in a mapping: YAML readers silently keep only the last."""
    stack = [root]
    while stack:
        node = stack.pop()
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


def _limited(shown: list[Problem], total: int, source: str) -> list[Problem]:
    """The first MAX_PROBLEMS problems, and a count of the rest."""
    if total <= MAX_PROBLEMS:
        return shown
    rest = Problem(source, f"and {total - MAX_PROBLEMS} more problems not listed")
    return [*shown[:MAX_PROBLEMS], rest]


def _located(source: str, root: yaml.Node, found: list[tuple[Loc, str]]) -> list[Problem]:
    """Problems pinned to their place in the file; only those shown are looked up."""
    shown = [_at(source, root, loc, reason) for loc, reason in found[:MAX_PROBLEMS]]
    return _limited(shown, len(found), source)


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
    return _mark_problem(source, node.start_mark, reason)


def _mark_problem(source: str, mark: Any, reason: str) -> Problem:
    return Problem(source, reason, (), mark.line + 1, mark.column + 1)


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
