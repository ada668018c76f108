"""Hostile values: control characters, YAML 1.1 number and boolean forms, loose types, length."""

from __future__ import annotations

import pytest
import yaml

from studyplanner.core.roadmap import yaml_nodes
from studyplanner.core.roadmap.errors import RoadmapError
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.core.roadmap.model import (
    MAX_ACTION_CHARS,
    MAX_NAME_CHARS,
    MAX_PROSE_CHARS,
    Roadmap,
)
from tests.conftest import SMALL_ROADMAP


def problems(text: str) -> list[str]:
    """The problems of a file that must not load, as the user sees them."""
    with pytest.raises(RoadmapError) as caught:
        parse_roadmap(text, "road.yaml")
    return [str(p) for p in caught.value.problems]


def changed(old: str, new: str) -> str:
    assert old in SMALL_ROADMAP
    return SMALL_ROADMAP.replace(old, new, 1)


def in_summary(value: str) -> str:
    """The small roadmap with a value of our choosing at line 4, column 10."""
    return changed("title: Small roadmap\n", f"title: Small roadmap\nsummary: {value}\n")


# Control characters written as YAML escapes reach the values after the raw text is checked


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        (r"\0", "0000"),
        (r"\a", "0007"),
        (r"\e", "001B"),
        (r"\x1b[2J", "001B"),
        (r"\u0007", "0007"),
        (r"\r", "000D"),
        (r"\f", "000C"),
        (r"\v", "000B"),
        (r"\x7f", "007F"),
        (r"\N", "0085"),
        (r"\x85", "0085"),
        (r"\x9b", "009B"),
        (r"\U0000001b", "001B"),
    ],
)
def test_escaped_control_characters_are_refused_where_they_are(escape: str, code: str) -> None:
    assert problems(in_summary(f'"before{escape}after"')) == [
        f"road.yaml:4:10: summary: the control character U+{code} is not allowed in text: remove it"
    ]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("title: Small roadmap", r'title: "Small\e[31m"', "3:8: title"),
        ("name: Test guide", r'name: "Test\x07"', "5:9: source.name"),
        ("- id: basics", r'- id: "basics\x00"', "8:9: stages[0].id"),
        ("[Write a script]", r'["Write\x1b"]', "14:23: stages[0].topics[0].key_actions[0]"),
        ("url: https://docs.python.org/3/tutorial/", r'url: "https://x.org/\r"', "17:18: "),
        ("front: What is a list?", r'front: "What\x9b"', "20:20: "),
        ("back: A mutable sequence.", r'back: "A\u0008"', "21:19: "),
        ("tags: [python]", r'tags: ["py\x1b"]', "22:20: "),
    ],
)
def test_every_kind_of_value_is_checked(old: str, new: str, where: str) -> None:
    found = problems(changed(old, new))
    assert len(found) == 1
    assert found[0].startswith(f"road.yaml:{where}")
    assert "control character" in found[0]
    assert found[0].endswith("is not allowed in text: remove it")


def test_a_control_character_in_a_key_is_refused_and_never_printed() -> None:
    found = problems(changed("year: 2026", 'year: 2026\n"colour\\e[2J": blue'))
    assert found == [
        "road.yaml:7:1: the control character U+001B is not allowed in a key: remove it"
    ]
    assert "\x1b" not in found[0]


def test_a_control_character_in_a_value_of_the_wrong_type_is_refused_too() -> None:
    assert problems(changed("year: 2026", r'year: "20\e26"')) == [
        "road.yaml:6:7: year: the control character U+001B is not allowed in text: remove it"
    ]


PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
def test_an_escape_past_the_last_character_is_refused_whatever_the_parser(
    monkeypatch: pytest.MonkeyPatch, parser: type[yaml.SafeLoader]
) -> None:
    monkeypatch.setattr(yaml_nodes, "PARSER", parser)
    assert problems(in_summary(r'"\U00110000"')) == [
        "road.yaml:4:13: the YAML cannot be read: an escape names a character past U+10FFFF"
    ]


@pytest.mark.parametrize(
    ("escape", "code"),
    [(r"\ud83d", "D83D"), (r"\ud83d\ude00", "D83D"), (r"\U0000dfff", "DFFF")],
)
def test_a_lone_surrogate_written_as_an_escape_is_refused(
    monkeypatch: pytest.MonkeyPatch, escape: str, code: str
) -> None:
    # libyaml refuses such escapes itself; PyYAML's own scanner lets them into the value.
    monkeypatch.setattr(yaml_nodes, "PARSER", yaml.SafeLoader)
    assert problems(in_summary(f'"{escape}"')) == [
        f"road.yaml:4:10: summary: the lone surrogate U+{code} is not allowed in text: "
        "write the character itself"
    ]


def test_tabs_and_line_breaks_are_kept_in_long_text() -> None:
    roadmap = parse_roadmap(in_summary(r'"one\ttwo\nthree\u2028four"'))
    assert roadmap.summary == "one\ttwo\nthree\u2028four"
    text = changed("back: A mutable sequence.", r'back: "A\tmutable\nsequence."')
    card = next(card for _, card in parse_roadmap(text).cards())
    assert card.back == "A\tmutable\nsequence."


def test_a_file_saved_with_windows_line_endings_loads() -> None:
    text = in_summary("|\n  first line\n  second line").replace("\n", "\r\n")
    assert parse_roadmap(text).summary == "first line\nsecond line\n"


@pytest.mark.parametrize(
    ("value", "shown", "what"),
    [
        (r'"Small\nroadmap"', r"'Small\nroadmap'", "line break (U+000A)"),
        (r'"Small\troadmap"', r"'Small\troadmap'", "tab (U+0009)"),
        (r'"Small\Lroadmap"', r"'Small\u2028roadmap'", "line separator (U+2028)"),
        (r'"Small\Proadmap"', r"'Small\u2029roadmap'", "paragraph separator (U+2029)"),
        ("|\n  Small\n  roadmap", r"'Small\nroadmap\n'", "line break (U+000A)"),
    ],
)
def test_titles_are_one_line(value: str, shown: str, what: str) -> None:
    assert problems(changed("title: Small roadmap", f"title: {value}")) == [
        f"road.yaml:3:1: title: this text must be one plain line: remove the {what} (found {shown})"
    ]


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("name: Test guide", r'name: "Test\nguide"', "5:3: source.name"),
        ("issuer: Somebody", r'issuer: "Some\nbody"', "37:5: certifications[0].issuer"),
        ("[Write a script]", r'["Write\na script"]', "14:23: stages[0].topics[0].key_actions[0]"),
        ("- title: The tutorial", r'- title: "The\ttutorial"', "16:13: "),
        ("title: On the job", 'title: On the job\n    role: "Junior\\nengineer"', "29:5: "),
    ],
)
def test_names_and_key_actions_are_one_line(old: str, new: str, path: str) -> None:
    found = problems(changed(old, new))
    assert len(found) == 1
    assert found[0].startswith(f"road.yaml:{path}")
    assert ": this text must be one plain line: remove the " in found[0]


# YAML 1.1 forms: numbers are decimal, true and false are the only booleans, the rest is text


@pytest.mark.parametrize("number", ["1:30", "1:30:00", "0x1F", "0o17", "0b101", "1_000"])
def test_numbers_not_written_in_decimal_are_refused(number: str) -> None:
    assert problems(changed("{min: 2, max: 4}", f"{{min: 2, max: {number}}}")) == [
        "road.yaml:13:32: stages[0].topics[0].effort_hours.max: input should be a valid "
        f"number, unable to parse string as a number (found '{number}')"
    ]


@pytest.mark.parametrize(
    ("number", "value"),
    [("40", 40.0), ("017", 17.0), ("+4", 4.0), ("4.", 4.0), (".5", 0.5), ("1e3", 1000.0)],
)
def test_decimal_numbers_mean_what_they_say(number: str, value: float) -> None:
    roadmap = parse_roadmap(changed("{min: 2, max: 4}", f"{{min: 0, max: {number}}}"))
    assert roadmap.stages[0].topics[0].effort_hours.max == value


def test_a_year_written_as_a_date_is_not_a_year() -> None:
    assert problems(changed("year: 2026", "year: 2026-01-01")) == [
        "road.yaml:6:1: year: input should be a valid integer, unable to parse string as an "
        "integer (found '2026-01-01')"
    ]


def test_not_a_number_is_refused() -> None:
    assert problems(changed("{min: 2, max: 4}", "{min: 2, max: .nan}")) == [
        "road.yaml:13:32: stages[0].topics[0].effort_hours.max: input should be greater than "
        "or equal to 0 (found nan)"
    ]


@pytest.mark.parametrize("word", ["yes", "no", "Yes", "NO", "on", "off", "y", "n", "1", "0"])
def test_booleans_are_only_true_or_false(word: str) -> None:
    text = changed("title: Exam practice", "title: Exam practice\n        optional: " + word)
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(
        "road.yaml:42:9: certifications[0].preparation[0].optional: input should be a valid "
        "boolean: write true or false (found "
    )


@pytest.mark.parametrize(
    "text", ["yes", "No", "on", "1:30", "2024-01-01", "0x1F", "1_000", "=", "<<", "~x"]
)
def test_what_yaml_1_1_would_read_as_something_else_is_text(text: str) -> None:
    roadmap = parse_roadmap(changed("back: A mutable sequence.", f"back: {text}"))
    assert next(card for _, card in roadmap.cards()).back == text


def test_a_tag_that_looks_like_a_number_is_text() -> None:
    roadmap = parse_roadmap(changed("tags: [python]", "tags: [1_000, 2024-01-01]"))
    assert next(card for _, card in roadmap.cards()).tags == ("1_000", "2024-01-01")


def test_a_number_where_text_belongs_asks_for_quotes() -> None:
    assert problems(changed("title: Python", "title: 3.10")) == [
        "road.yaml:12:9: stages[0].topics[0].title: input should be a valid string: put text "
        "in quotes (found 3.1)"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int 0x1F", "'0x1F' cannot be read as a whole number"),
        ("!!int 1_000", "'1_000' cannot be read as a whole number"),
        ("!!float 1:30", "'1:30' cannot be read as a number"),
        ("!!bool yes", "'yes' cannot be read as true or false"),
        ("!!null nothing", "'nothing' cannot be read as empty"),
        ("!!timestamp 2026-01-01", "the tag '!!timestamp' is not supported in roadmap files"),
    ],
)
def test_explicit_tags_follow_the_same_rules(value: str, message: str) -> None:
    assert problems(in_summary(value)) == [f"road.yaml:4:10: {message}"]


# Strict types: a number is a YAML number, a boolean is true or false


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("format_version: 1", "format_version: true", "1:1: format_version: format_version "
         "must be 1 (found true)"),
        ("format_version: 1", "format_version: 1.0", "1:1: format_version: format_version "
         "must be 1 (found 1.0)"),
        ("format_version: 1", 'format_version: "1"', "1:1: format_version: format_version "
         "must be 1 (found '1')"),
        ("{min: 2, max: 4}", '{min: "2", max: 4}', "13:24: stages[0].topics[0].effort_hours.min: "
         "input should be a valid number, not text in quotes: remove the quotes (found '2')"),
        ("{min: 2, max: 4}", "{min: 2, max: true}", "13:32: stages[0].topics[0].effort_hours.max: "
         "input should be a valid number (found true)"),
        ("year: 2026", 'year: "2026"', "6:1: year: input should be a valid integer, not text "
         "in quotes: remove the quotes (found '2026')"),
        ("year: 2026", "year: 2026.0", "6:1: year: input should be a valid integer (found 2026.0)"),
        ("year: 2026", "year: 2026\nrevision: true", "7:1: revision: input should be a valid "
         "integer (found true)"),
        ("title: Exam practice", 'title: Exam practice\n        optional: "true"', "42:9: "
         "certifications[0].preparation[0].optional: input should be a valid boolean, not text "
         "in quotes: remove the quotes (found 'true')"),
        ("title: On the job", "title: On the job\n    ongoing: 1", "29:5: stages[1].ongoing: "
         "input should be a valid boolean: write true or false (found 1)"),
    ],
)  # fmt: skip
def test_types_are_strict(old: str, new: str, message: str) -> None:
    assert problems(changed(old, new)) == [f"road.yaml:{message}"]


def test_a_whole_number_is_a_number() -> None:
    roadmap = parse_roadmap(changed("{min: 2, max: 4}", "{min: 2, max: 4.5}"))
    assert roadmap.stages[0].topics[0].effort_hours.max == 4.5
    assert parse_roadmap(SMALL_ROADMAP).stages[0].topics[0].effort_hours.min == 2.0


# Lengths


@pytest.mark.parametrize(
    ("old", "field", "path", "limit"),
    [
        ("title: Small roadmap", "title", "3:1: title", MAX_NAME_CHARS),
        ("name: Test guide", "name", "5:3: source.name", MAX_NAME_CHARS),
        ("title: Python", "title", "12:9: stages[0].topics[0].title", MAX_NAME_CHARS),
        ("- title: The tutorial", "- title", "16:13: stages[0].topics[0].resources[0].title",
         MAX_NAME_CHARS),
        ("issuer: Somebody", "issuer", "37:5: certifications[0].issuer", MAX_NAME_CHARS),
        ("front: What is a list?", "front", "20:13: stages[0].topics[0].cards[0].front",
         MAX_PROSE_CHARS),
        ("back: A mutable sequence.", "back", "21:13: stages[0].topics[0].cards[0].back",
         MAX_PROSE_CHARS),
        ("- id: card-list", "- id", "19:13: stages[0].topics[0].cards[0].id", 80),
    ],
)  # fmt: skip
def test_text_longer_than_its_limit_is_refused_with_both_lengths(
    old: str, field: str, path: str, limit: int
) -> None:
    assert problems(changed(old, f"{field}: {'x' * (limit + 1)}")) == [
        f"road.yaml:{path}: the text is {limit + 1} characters long; the limit is {limit}: "
        "shorten it"
    ]
    assert isinstance(parse_roadmap(changed(old, f"{field}: {'x' * limit}")), Roadmap)


def test_a_million_character_title_is_refused() -> None:
    assert problems(changed("title: Python", "title: " + "x" * 1_000_000)) == [
        "road.yaml:12:9: stages[0].topics[0].title: the text is 1000000 characters long; "
        f"the limit is {MAX_NAME_CHARS}: shorten it"
    ]


@pytest.mark.parametrize(
    ("old", "new", "path", "length", "limit"),
    [
        ("title: Small roadmap", "title: Small roadmap\nsummary: " + "x" * (MAX_PROSE_CHARS + 1),
         "4:1: summary", MAX_PROSE_CHARS + 1, MAX_PROSE_CHARS),
        ("[Write a script]", "[" + "x" * (MAX_ACTION_CHARS + 1) + "]",
         "14:23: stages[0].topics[0].key_actions[0]", MAX_ACTION_CHARS + 1, MAX_ACTION_CHARS),
        ("tags: [python]", "tags: [" + "x" * 81 + "]",
         "22:20: stages[0].topics[0].cards[0].tags[0]", 81, 80),
        ("title: On the job", "title: On the job\n    role: " + "x" * (MAX_NAME_CHARS + 1),
         "29:5: stages[1].role", MAX_NAME_CHARS + 1, MAX_NAME_CHARS),
    ],
)  # fmt: skip
def test_every_text_has_a_limit(old: str, new: str, path: str, length: int, limit: int) -> None:
    assert problems(changed(old, new)) == [
        f"road.yaml:{path}: the text is {length} characters long; the limit is {limit}: shorten it"
    ]


def test_a_url_longer_than_its_limit_is_refused() -> None:
    url = "https://docs.python.org/" + "x" * 2_100
    assert problems(changed("https://docs.python.org/3/tutorial/", url)) == [
        f"road.yaml:17:13: stages[0].topics[0].resources[0].url: the URL is {len(url)} "
        "characters long; the limit is 2083: shorten it"
    ]


def test_a_stored_roadmap_from_before_the_limits_still_opens() -> None:
    # Roadmaps are kept as the JSON of their model; one imported before a limit or a one-line
    # rule existed must still open, or the learner's plans made from it could not be shown.
    stored = parse_roadmap(SMALL_ROADMAP).model_copy(
        update={"title": "Long\n" + "x" * 5_000, "summary": "y" * 50_000}
    )
    again = Roadmap.model_validate_json(stored.model_dump_json())
    assert again.title == "Long\n" + "x" * 5_000
    assert len(again.summary) == 50_000


def test_a_revision_larger_than_the_database_can_hold_is_refused() -> None:
    text = SMALL_ROADMAP.replace("format_version: 1\n", f"format_version: 1\nrevision: {2**63}\n")
    with pytest.raises(RoadmapError, match="revision"):
        parse_roadmap(text)
    parse_roadmap(text.replace(str(2**63), str(2**63 - 1)))


@pytest.mark.parametrize("mark", ["\\u202e", "\\u202a", "\\u2066", "\\u2069"])
def test_bidirectional_overrides_are_refused(mark: str) -> None:
    # "Trojan source": text that shows in another order than it is written.
    text = SMALL_ROADMAP.replace("title: Small roadmap", f'title: "Small {mark}pamdaor"')
    with pytest.raises(RoadmapError, match=r"title: the control character U\+2"):
        parse_roadmap(text)
    summary = SMALL_ROADMAP.replace("title: Small roadmap", f'title: Small\nsummary: "a{mark}b"')
    with pytest.raises(RoadmapError, match="summary"):
        parse_roadmap(summary)
