"""Hostile roadmap files: every one ends in a RoadmapError naming the problem and its line."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyplanner.core.roadmap import yaml_nodes
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.loader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_PROBLEMS,
    MAX_VALUES,
    load_roadmap_file,
    parse_roadmap,
    parse_roadmap_bytes,
)
from studyplanner.core.roadmap.model import Roadmap
from tests.conftest import SMALL_ROADMAP

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def problems(text: str) -> list[str]:
    """The problems of a file that must not load, as the user sees them."""
    with pytest.raises(RoadmapError) as caught:
        parse_roadmap(text, "road.yaml")
    return [str(p) for p in caught.value.problems]


def file_problems(path: Path) -> list[str]:
    with pytest.raises(RoadmapError) as caught:
        load_roadmap_file(path)
    return [str(p) for p in caught.value.problems]


def in_summary(value: str) -> str:
    """The small roadmap with a value of our choosing at line 4, column 10."""
    return SMALL_ROADMAP.replace(
        "title: Small roadmap\n", f"title: Small roadmap\nsummary: {value}\n"
    )


# Python-object tags


def test_python_tags_construct_nothing_and_are_named_with_their_line(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = in_summary(f"!!python/object/apply:builtins.exec [\"open(r'{marker}', 'w')\"]")
    assert problems(text) == [
        "road.yaml:4:10: the YAML cannot be read: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:builtins.exec'"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object/apply:os.system ['echo hi']", "python/object/apply:os.system"),
        ("!!python/object/new:os.system ['echo hi']", "python/object/new:os.system"),
        ("!!python/name:os.system ''", "python/name:os.system"),
        ("!!python/module:os ''", "python/module:os"),
        ("!<tag:yaml.org,2002:python/object:os.system> {}", "python/object:os.system"),
    ],
)
def test_every_python_tag_form_is_refused(value: str, tag: str) -> None:
    assert problems(in_summary(value)) == [
        "road.yaml:4:10: the YAML cannot be read: could not determine a constructor for the tag "
        f"'tag:yaml.org,2002:{tag}'"
    ]


def test_a_tag_directive_cannot_smuggle_a_python_tag_in() -> None:
    text = "%TAG !x! tag:yaml.org,2002:python/object/apply:\n---\n" + in_summary(
        "!x!os.system ['echo hi']"
    )
    assert problems(text) == [
        "road.yaml:6:10: the YAML cannot be read: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    ]


@pytest.mark.parametrize("tag", ["binary", "set", "omap", "pairs"])
def test_safe_but_foreign_tags_are_refused_too(tag: str) -> None:
    assert problems(in_summary(f"!!{tag} {{}}")) == [
        f"road.yaml:4:10: the tag '!!{tag}' is not supported in roadmap files"
    ]


# Aliases: the billion laughs


def billion_laughs() -> str:
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*lol{level - 1}"] * 10)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_stops_at_the_first_anchor() -> None:
    assert problems(billion_laughs()) == [
        "road.yaml:1:7: YAML anchors and aliases are not supported"
    ]


def test_the_same_bomb_inside_a_roadmap_is_named_at_its_line() -> None:
    text = SMALL_ROADMAP + billion_laughs().replace("lol0:", "x-lol0:")
    assert problems(text) == ["road.yaml:43:9: YAML anchors and aliases are not supported"]


def test_an_alias_without_an_anchor_is_refused_where_it_is() -> None:
    assert problems(in_summary("*nowhere")) == [
        "road.yaml:4:10: YAML anchors and aliases are not supported"
    ]


def test_merge_keys_are_only_text() -> None:
    assert problems(in_summary("x\n<<: {year: 1999}")) == [
        "road.yaml:5:1: <<: '<<' is not a key this format knows"
    ]


# Size


def test_a_50_mb_file_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.write(SMALL_ROADMAP.encode())
        out.write(b"# " + b"x" * (50 * 2**20) + b"\n")
    size = path.stat().st_size
    assert file_problems(path) == [
        f"huge.yaml: the file is too large ({size} bytes); the limit is 4 MB"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs an endless device file")
def test_a_device_is_refused_unread() -> None:
    # The device reports a size of 0 and never ends: reading it whole would never finish.
    assert file_problems(Path("/dev/zero")) == [
        "zero: cannot read the file: it is not a regular file"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    # Opened for reading, a FIFO waits for a writer: the loader must not open it that way.
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    found: list[list[str]] = []
    reader = threading.Thread(target=lambda: found.append(file_problems(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # let the blocked reader go before failing
        with fifo.open("wb"):
            pass
        reader.join()
        pytest.fail("reading a named pipe waited for a writer")
    assert found == [["pipe.yaml: cannot read the file: it is not a regular file"]]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert file_problems(folder) == ["folder.yaml: cannot read the file: it is a folder"]


def test_a_file_of_exactly_the_limit_loads_and_one_byte_more_does_not(tmp_path: Path) -> None:
    head = SMALL_ROADMAP.encode()
    path = tmp_path / "edge.yaml"
    path.write_bytes(head + b"#" + b"x" * (MAX_FILE_BYTES - len(head) - 2) + b"\n")
    assert isinstance(load_roadmap_file(path), Roadmap)
    path.write_bytes(head + b"#" + b"x" * (MAX_FILE_BYTES - len(head) - 1) + b"\n")
    assert file_problems(path) == [
        f"edge.yaml: the file is too large ({MAX_FILE_BYTES + 1} bytes); the limit is 4 MB"
    ]


def test_text_and_bytes_given_directly_are_capped_before_parsing() -> None:
    huge = "[" * (50 * 2**20)
    assert problems(huge) == ["road.yaml: the file is larger than the 4 MB limit"]
    with pytest.raises(RoadmapError, match=r"^road\.yaml: the file is larger than the 4 MB limit$"):
        parse_roadmap_bytes(huge.encode(), "road.yaml")
    # Few characters, many bytes: the limit is on the encoded size.
    wide = "# " + "\U0001f600" * (MAX_FILE_BYTES // 4) + "\n"
    assert problems(wide) == [
        f"road.yaml: the file is too large ({len(wide.encode())} bytes); the limit is 4 MB"
    ]


def test_too_many_values_stop_the_reading_where_the_limit_is_passed() -> None:
    text = "stages: [" + "1, " * MAX_VALUES + "]\n"
    assert problems(text) == [
        f"road.yaml:1:{10 + 3 * (MAX_VALUES - 3)}: the file has more than {MAX_VALUES} values"
    ]


# Nesting


@pytest.mark.parametrize(
    ("text", "column"),
    [
        pytest.param("[" * 10_000 + "]" * 10_000, MAX_DEPTH + 1, id="flow sequences"),
        pytest.param("{a: " * 10_000 + "}" * 10_000, 4 * MAX_DEPTH + 1, id="flow mappings"),
        pytest.param("- " * 10_000 + "x\n", 2 * MAX_DEPTH + 1, id="block sequences"),
        # libyaml's own composer crashes the process from about 100,000 levels.
        pytest.param("[" * 1_000_000 + "]" * 1_000_000, MAX_DEPTH + 1, id="a million levels"),
    ],
)
def test_deep_nesting_is_refused_where_it_gets_too_deep(text: str, column: int) -> None:
    assert problems(text) == [
        f"road.yaml:1:{column}: lists and mappings are nested more than {MAX_DEPTH} levels deep"
    ]


def test_deep_block_mappings_are_refused_at_the_line_too_deep() -> None:
    text = "".join(" " * level + "a:\n" for level in range(2_000)) + " " * 2_000 + "x\n"
    line = MAX_DEPTH + 1
    assert problems(text) == [
        f"road.yaml:{line}:{line}: lists and mappings are nested more than {MAX_DEPTH} levels deep"
    ]


def test_10000_deep_block_mappings_are_too_large_to_read(tmp_path: Path) -> None:
    # Indented one space per level, 10,000 levels take 50 MB: the size limit refuses them first.
    path = tmp_path / "deep.yaml"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(" " * level + "a:\n" for level in range(10_000))
    assert file_problems(path) == [
        f"deep.yaml: the file is too large ({path.stat().st_size} bytes); the limit is 4 MB"
    ]


def test_deep_nesting_inside_a_roadmap_is_named_at_its_line() -> None:
    text = SMALL_ROADMAP.replace("[Write a script]", "[" * 10_000 + "]" * 10_000)
    assert problems(text) == [
        f"road.yaml:14:{22 + MAX_DEPTH - 5}: lists and mappings are nested more than "
        f"{MAX_DEPTH} levels deep"
    ]


PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


class EarlyNestingLimit(yaml.SafeLoader):
    """A parser that stops nesting at 40 levels with its own message, as libyaml now does."""

    def get_event(self) -> yaml.Event:
        event = super().get_event()
        depth = getattr(self, "depth", 0)
        if isinstance(event, yaml.CollectionStartEvent):
            self.depth = depth + 1
            if self.depth > 40:
                mark: Any = event.start_mark
                raise yaml.parser.ParserError(None, None, "exceeded maximum nesting depth", mark)
        return event


@pytest.mark.parametrize("parser", [*PARSERS, EarlyNestingLimit], ids=lambda p: p.__name__)
def test_the_loaders_own_depth_limit_is_reported_whatever_the_yaml_parser(
    monkeypatch: pytest.MonkeyPatch, parser: type[yaml.SafeLoader]
) -> None:
    monkeypatch.setattr(yaml_nodes, "PARSER", parser)
    deep = SMALL_ROADMAP.replace("[Write a script]", "[" * 10_000 + "]" * 10_000)
    assert problems(deep) == [
        f"road.yaml:14:{22 + MAX_DEPTH - 5}: lists and mappings are nested more than "
        f"{MAX_DEPTH} levels deep"
    ]
    assert problems("[" * 10_000 + "]" * 10_000) == [
        f"road.yaml:1:{MAX_DEPTH + 1}: lists and mappings are nested more than {MAX_DEPTH} "
        "levels deep"
    ]


def test_a_parsers_own_error_before_the_depth_limit_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yaml_nodes, "PARSER", EarlyNestingLimit)
    broken = "a: [b, c\nd: ]\n" + "[" * 10_000
    assert problems(broken) == problems_with(yaml.SafeLoader, broken, monkeypatch)
    assert len(problems(broken)) == 1
    assert "nested more than" not in problems(broken)[0]


def problems_with(
    parser: type[yaml.SafeLoader], text: str, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setattr(yaml_nodes, "PARSER", parser)
        return problems(text)


def test_nesting_up_to_the_limit_is_read() -> None:
    assert problems("[" * MAX_DEPTH + "]" * MAX_DEPTH) == [
        "road.yaml:1:1: a roadmap file must be a mapping of keys"
    ]


# Prerequisites and impossible values


def chain(count: int, last_requires: str | None) -> str:
    """A roadmap whose stage holds ``count`` topics, each requiring the next."""
    topics = []
    for n in range(count):
        required = f"t{n + 1}" if n + 1 < count else last_requires
        topics.append(
            f"      - id: t{n}\n        title: Topic {n}\n"
            "        effort_hours: {min: 1, max: 1}\n"
            + (f"        prerequisites: [{required}]\n" if required else "")
        )
    return SMALL_ROADMAP.replace(
        "    topics:\n      - id: mlops", "    topics:\n" + "".join(topics) + "      - id: mlops"
    )


def test_a_prerequisite_chain_longer_than_the_recursion_limit_loads() -> None:
    roadmap = parse_roadmap(chain(3_000, None), "road.yaml")
    assert len(roadmap.stages[1].topics) == 3_001


def test_a_long_prerequisite_cycle_is_named_in_short() -> None:
    line = 34 + 4 * 2_999
    assert problems(chain(3_000, "t0")) == [
        f"road.yaml:{line}:9: stages[1].topics[2999].prerequisites: prerequisites form a cycle: "
        "t0 -> t1 -> t2 -> t3 -> t4 -> t5 -> t6 -> t7 -> t8 -> ... 2990 more -> t2999 -> t0"
    ]


def test_a_dangling_prerequisite_in_a_certification_is_named() -> None:
    text = SMALL_ROADMAP.replace(
        "        title: Exam practice\n",
        "        title: Exam practice\n        prerequisites: [gone]\n",
    )
    assert problems(text) == [
        "road.yaml:42:25: certifications[0].preparation[0].prerequisites[0]: "
        "no topic has the id 'gone'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # A roadmap has no dates: what looks like one is text, and text is not a year.
        (
            "year: 2026",
            "year: 2026-02-30",
            "road.yaml:6:1: year: input should be a valid integer, unable to parse string as an "
            "integer (found '2026-02-30')",
        ),
        (
            "year: 2026",
            "year: 2026-01-01 24:00:00",
            "road.yaml:6:1: year: input should be a valid integer, unable to parse string as an "
            "integer (found '2026-01-01 24:00:00')",
        ),
        (
            "year: 2026",
            "year: " + "9" * 5_000,
            "road.yaml:6:7: the number is too long (5000 characters)",
        ),
        # Base 60 once took quadratic time to read; it is text now, and refused as a year.
        (
            "year: 2026",
            "year: 1" + ":30" * 20_000,
            "road.yaml:6:1: year: input should be a valid integer, unable to parse string as an "
            "integer",
        ),
        (
            "year: 2026",
            "year: !!int twenty",
            "road.yaml:6:7: 'twenty' cannot be read as a whole number",
        ),
        (
            "{min: 2, max: 4}",
            "{min: 2, max: .inf}",
            "road.yaml:13:32: stages[0].topics[0].effort_hours.max: "
            "the hours must be a finite number",
        ),
        (
            "{min: 1, max: 3, unit: months}",
            "{min: 3, max: 1, unit: months}",
            "road.yaml:29:5: stages[1].duration: max (1) is smaller than min (3)",
        ),
        (
            "{min: 1, max: 3, unit: months}",
            "{min: 1, max: 1e9, unit: years}",
            "road.yaml:29:24: stages[1].duration.max: a duration of more than 100 years "
            "cannot be planned (found 1e+09 years)",
        ),
    ],
)
def test_impossible_values_are_named_where_they_are(old: str, new: str, message: str) -> None:
    assert problems(SMALL_ROADMAP.replace(old, new)) == [message]


def test_a_file_with_thousands_of_problems_lists_the_first_hundred() -> None:
    text = SMALL_ROADMAP + "".join(
        f"  - {{id: c{n}, title: C, issuer: I, stage: basics, preparation: []}}\n"
        for n in range(2_000)
    )
    found = problems(text)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0] == (
        "road.yaml:43:50: certifications[1].preparation: "
        "tuple should have at least 1 item after validation, not 0"
    )
    assert found[-1] == f"road.yaml: and {2_000 - MAX_PROBLEMS} more problems not listed"


# Encodings and characters


def test_bytes_that_are_not_utf8_are_named_by_position() -> None:
    with pytest.raises(RoadmapError) as caught:
        parse_roadmap_bytes(b"id: caf\xe9\n", "road.yaml")
    assert str(caught.value) == "road.yaml: the file is not UTF-8 text (byte 7 cannot be read)"


def test_utf16_is_not_utf8() -> None:
    with pytest.raises(RoadmapError, match=r"not UTF-8 text \(byte 0 cannot be read\)"):
        parse_roadmap_bytes(SMALL_ROADMAP.encode("utf-16"), "road.yaml")


def test_a_nul_byte_is_named_with_line_and_column() -> None:
    raw = SMALL_ROADMAP.replace("Test guide", "Test\0guide").encode()
    with pytest.raises(RoadmapError) as caught:
        parse_roadmap_bytes(raw, "road.yaml")
    assert str(caught.value) == "road.yaml:5:13: the character U+0000 is not allowed in a YAML file"


def test_a_lone_surrogate_in_text_is_refused() -> None:
    assert problems(in_summary("\ud83d")) == [
        "road.yaml:4:10: the character U+D83D is not allowed in a YAML file"
    ]


def test_a_byte_order_mark_at_the_start_is_fine_and_elsewhere_an_error() -> None:
    assert isinstance(parse_roadmap_bytes(b"\xef\xbb\xbf" + SMALL_ROADMAP.encode()), Roadmap)
    assert isinstance(parse_roadmap("\ufeff" + SMALL_ROADMAP), Roadmap)
    with pytest.raises(RoadmapError) as caught:
        parse_roadmap(SMALL_ROADMAP.replace("year:", "\ufeffyear:"), "road.yaml")
    # libyaml stops at it; the pure-Python parser reads it as part of the key.
    assert 6 in {problem.line for problem in caught.value.problems}


def test_two_documents_are_refused_at_the_second() -> None:
    assert problems(SMALL_ROADMAP + "---\nid: other\n") == [
        "road.yaml:43:1: the file holds more than one YAML document ('---')"
    ]


# Fuzzing: the only outcomes are a roadmap or a RoadmapError with usable problems


def outcome(text: str) -> Roadmap | RoadmapError:
    try:
        return parse_roadmap(text, "fuzz.yaml")
    except RoadmapError as exc:
        return exc


def assert_explained(result: Roadmap | RoadmapError) -> None:
    if isinstance(result, Roadmap):
        return
    assert 1 <= len(result.problems) <= MAX_PROBLEMS + 1
    for problem in result.problems:
        assert problem.source == "fuzz.yaml"
        assert problem.reason.strip()
        assert problem.line is None or problem.line >= 1


YAML_TEXT = st.text(
    alphabet=st.sampled_from(list("[]{}:-,&*!|>'\"#%@`?~ \t\n\r\\=<.0123abc\ufeff\0"))
)
SNIPPETS = [
    "&a ",
    "*a",
    "!!python/object/apply:os.system ['x'] ",
    "!!binary ",
    "!foo ",
    "[" * 40,
    "{" * 40,
    "- " * 40,
    "<<: ",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "2026-02-30",
    "1:2:3:4",
    "9" * 120,
    ".inf",
    ".nan",
    "~",
    "0x1F",
    "'",
    '"',
    "|\n",
    ">-\n",
    "\t",
    "\0",
    "\ufeff",
    "\ud800",
    "\n  ",
    '"\\e[2J"',
    '"\\x85"',
    '"\\u2028"',
    '"\\ud83d"',
    '"\\U00110000"',
    "yes",
    "off",
    "017",
    "0o17",
    "1_000",
    "1:30",
    '"2"',
    "x" * 250,
    "prerequisites: [python, sql]",
    "id: python",
    "stages: []",
]


@FUZZ
@given(st.text())
def test_fuzz_any_text(text: str) -> None:
    assert_explained(outcome(text))


@FUZZ
@given(st.binary())
def test_fuzz_any_bytes(raw: bytes) -> None:
    try:
        parse_roadmap_bytes(raw, "fuzz.yaml")
    except RoadmapError as exc:
        assert_explained(exc)


@FUZZ
@given(YAML_TEXT)
def test_fuzz_yaml_punctuation(text: str) -> None:
    assert_explained(outcome(text))


@st.composite
def mutated_roadmap(draw: st.DrawFn) -> str:
    """The small roadmap with a few random cuts, insertions and line shuffles."""
    text = SMALL_ROADMAP
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "line"]))
        if kind == "line":
            lines = text.splitlines(keepends=True)
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            if draw(st.booleans()):
                lines.insert(i, lines[j])
            text = "".join(lines)
            continue
        piece = draw(st.one_of(st.sampled_from(SNIPPETS), YAML_TEXT, st.text(max_size=5)))
        end = where + (draw(st.integers(0, 20)) if kind != "insert" else 0)
        text = text[:where] + ("" if kind == "delete" else piece) + text[end:]
    return text


@FUZZ
@given(mutated_roadmap())
def test_fuzz_mutations_of_a_valid_roadmap(text: str) -> None:
    assert_explained(outcome(text))


JSON_LIKE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.text(min_size=195, max_size=210)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def reshaped_roadmap(draw: st.DrawFn) -> str:
    """The small roadmap as data, one value somewhere in it replaced by random data."""
    data = yaml.safe_load(SMALL_ROADMAP)
    holder, key = data, None
    for _ in range(draw(st.integers(0, 6))):
        keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        if not isinstance(holder[key], (dict, list)):
            break
        holder = holder[key]
    keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
    if keys:
        holder[draw(st.sampled_from(keys))] = draw(JSON_LIKE)
    return str(yaml.safe_dump(data, allow_unicode=True))


@FUZZ
@given(reshaped_roadmap())
def test_fuzz_values_of_the_wrong_shape(text: str) -> None:
    assert_explained(outcome(text))
