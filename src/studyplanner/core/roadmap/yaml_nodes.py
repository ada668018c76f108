"""Roadmap YAML read into checked nodes and plain values: no aliases, no surprises, no controls."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from studyplanner.core.roadmap.errors import Loc, Problem, RoadmapError, limited
from studyplanner.core.roadmap.model import CONTROL_CHARACTERS

# Lists and mappings inside each other; the format itself needs 8 levels.
MAX_DEPTH = 32
# Values in one file; the bundled roadmaps have under 2,000.
MAX_VALUES = 100_000
# Longer "numbers" are never meant, and Python refuses to read whole numbers of over 4,300 digits.
MAX_NUMBER_CHARS = 100
# libyaml's parser is ten times faster and gives the same events and marks; PyYAML may lack it.
PARSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = "tag:yaml.org,2002:"
# The only kinds of value a roadmap is made of. Everything else, from !!binary and !!set to
# !!python/object, and !!timestamp as a roadmap has no dates, is refused before anything is built.
_ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("null", "bool", "int", "float", "str", "seq", "map")
)
_NUMBER_TAGS = frozenset((_CORE + "int", _CORE + "float"))
_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "empty"}

# What a plain (unquoted) value is, as YAML 1.2 reads it. YAML 1.1, which PyYAML follows, also
# reads 1:30 as 90, 0x1F as 31, 017 as 15, 1_000 as 1000, yes/no/on/off as booleans and
# 2026-01-01 as a date; here all of those are text, and text is refused where a number belongs.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# Half of a surrogate pair is no character, and cannot be saved or printed: PyYAML's own
# scanner lets an escape such as "\ud83d" put one into a value.
_NOT_IN_VALUES = re.compile(f"[{CONTROL_CHARACTERS}\ud800-\udfff]")


def plain_kind(value: str) -> str:
    """What YAML makes of ``value`` written without quotes: null, bool, int, float or str."""
    if _NULL.fullmatch(value):
        return "null"
    if value in _BOOL:
        return "bool"
    if _INT.fullmatch(value):
        return "int"
    if _FLOAT.fullmatch(value):
        return "float"
    return "str"


def compose(text: str, source: str) -> yaml.Node:
    """The document's checked node tree; raise RoadmapError at the first thing refused."""
    try:
        node = _read_tree(PARSER, text, source)
    except yaml.MarkedYAMLError as exc:
        if PARSER is not yaml.SafeLoader:
            _raise_own_limit_first(text, source, exc)
        raise RoadmapError([yaml_problem(source, exc)]) from None
    except yaml.YAMLError as exc:
        raise RoadmapError([Problem(source, f"the YAML cannot be read: {exc}")]) from None
    if node is None:
        raise RoadmapError([Problem(source, "the file is empty")])
    for check in (_duplicate_keys, _control_characters):
        found = list(check(node, source))
        if found:
            raise RoadmapError(limited(found, len(found), source))
    return node


def construct(root: yaml.Node, source: str) -> Any:
    """The Python value of a whole document."""
    return _Constructor(source).construct(root)


def mark_problem(source: str, mark: Any, reason: str, loc: Loc = ()) -> Problem:
    """A problem at a YAML mark, counted from 0, shown counted from 1."""
    return Problem(source, reason, loc, mark.line + 1, mark.column + 1)


def yaml_problem(source: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML reader's own error, at its mark."""
    mark = exc.problem_mark or exc.context_mark
    reason = f"the YAML cannot be read: {exc.problem or exc.context}"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(source, reason, (), line, column)


def _read_tree(kind: type[yaml.SafeLoader], text: str, source: str) -> yaml.Node | None:
    parser = kind(text)
    try:
        return _build_tree(parser, source)
    except ValueError:  # PyYAML's own scanner reads an escape such as "\U00110000" with chr()
        reason = "the YAML cannot be read: an escape names a character past U+10FFFF"
        raise RoadmapError([mark_problem(source, parser.get_mark(), reason)]) from None
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
        pass  # libyaml's own error stands


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
                raise RoadmapError([mark_problem(source, event.start_mark, reason)])
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue  # the start and end of the stream, the end of the document
        if kind is yaml.AliasEvent or event.anchor is not None:
            reason = "YAML anchors and aliases are not supported"
            raise RoadmapError([mark_problem(source, event.start_mark, reason)])
        values += 1
        if values > MAX_VALUES:
            reason = f"the file has more than {MAX_VALUES} values"
            raise RoadmapError([mark_problem(source, event.start_mark, reason)])
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
                raise RoadmapError([mark_problem(source, event.start_mark, reason)])
            open_nodes.append(node)
            keys.append(None)
    return root


class _ScalarTags:
    """The checked tag of each scalar; plain keys such as 'id' repeat, so tags are kept."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def __call__(self, event: yaml.ScalarEvent, source: str) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            # Only a plain value is read for what it looks like; quoted and '!' ones are text.
            tag = _CORE + "str"
            if event.implicit[0]:
                tag = self._known.get(event.value) or _CORE + plain_kind(event.value)
                if len(event.value) <= 40:
                    self._known[event.value] = tag
        _check_tag(tag, event, source)
        if tag in _NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:
            reason = f"the number is too long ({len(event.value)} characters)"
            raise RoadmapError([mark_problem(source, event.start_mark, reason)])
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
    raise RoadmapError([mark_problem(source, event.start_mark, reason)])


class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, reading scalars as plain_kind does, a bad one named where it is.

    An explicit tag does not widen the forms: '!!int 0x1F' is refused as '0x1F' is not decimal.
    """

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def construct(self, root: yaml.Node) -> Any:
        """The Python value of a whole document."""
        try:
            return self.construct_document(root)
        except yaml.MarkedYAMLError as exc:
            raise RoadmapError([yaml_problem(self.source, exc)]) from None

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.MarkedYAMLError as exc:
            raise RoadmapError([yaml_problem(self.source, exc)]) from None
        except Exception:  # any failure here is the value's fault
            raise RoadmapError([_value_problem(self.source, node)]) from None

    def construct_yaml_null(self, node: yaml.ScalarNode) -> None:
        if not _NULL.fullmatch(self.construct_scalar(node)):
            raise ValueError("not an empty value")

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool:
        return _BOOL[self.construct_scalar(node)]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        value = self.construct_scalar(node)
        if not _INT.fullmatch(value):
            raise ValueError("not a decimal whole number")
        return int(value)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = self.construct_scalar(node)
        if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
            special = value.lstrip("+-").lower()
            if special in (".inf", ".nan"):
                number = math.inf if special == ".inf" else math.nan
                return -number if value.startswith("-") else number
            return float(value)
        raise ValueError("not a decimal number")


for _name in ("null", "bool", "int", "float"):
    _Constructor.add_constructor(_CORE + _name, getattr(_Constructor, "construct_yaml_" + _name))


def _value_problem(source: str, node: yaml.Node) -> Problem:
    value = str(node.value)
    shown = repr(value if len(value) <= 40 else value[:40] + "…")
    name = node.tag.removeprefix(_CORE)
    return mark_problem(
        source, node.start_mark, f"{shown} cannot be read as {_KINDS.get(name, name)}"
    )


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
                        reason = f"the key '{key.value}' appears twice"
                        yield mark_problem(source, key.start_mark, reason)
                    keys.add(key.value)
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _control_characters(root: yaml.Node, source: str) -> Iterator[Problem]:
    r"""Values and keys holding control characters or lone surrogates, in file order.

    The raw text is checked before parsing, but escapes such as "\e" or "\x85" in quoted
    text put any character into a value; a terminal, a PDF or a calendar would then get it.
    """
    stack: list[tuple[yaml.Node, Loc, bool]] = [(root, (), False)]
    while stack:
        node, loc, is_key = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            bad = _NOT_IN_VALUES.search(node.value)
            if bad is not None:
                yield mark_problem(source, node.start_mark, _bad_character(bad, is_key), loc)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(
                (item, (*loc, i), False) for i, item in reversed(list(enumerate(node.value)))
            )
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                if isinstance(key, yaml.ScalarNode) and _NOT_IN_VALUES.search(key.value):
                    stack.append((key, loc, True))  # its value's path would print the key
                    continue
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((value, (*loc, name), False))
                if not isinstance(key, yaml.ScalarNode):
                    stack.append((key, loc, True))


def _bad_character(found: re.Match[str], is_key: bool) -> str:
    code = f"U+{ord(found.group()):04X}"
    place = "a key" if is_key else "text"
    if "\ud800" <= found.group() <= "\udfff":
        return f"the lone surrogate {code} is not allowed in {place}: write the character itself"
    return f"the control character {code} is not allowed in {place}: remove it"
