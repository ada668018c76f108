"""Anki's card templates rendered here as Anki renders them: fields, sections, filters, clozes."""

from __future__ import annotations

import pytest

from studyplanner.interop.anki_templates import (
    MAX_DEPTH,
    NoteType,
    card_faces,
    is_empty,
    shown_in_bold,
)


def faces(question: str, answer: str, fields: dict[str, str], ordinal: int = 0) -> tuple[str, str]:
    note_type = NoteType("Own", False, tuple(fields), (("Card 1", question, answer),))
    found = card_faces(note_type, fields, ordinal)
    assert found is not None
    return found


def cloze(text: str, ordinal: int, extra: str = "") -> tuple[str, str]:
    note_type = NoteType(
        "Cloze", True, ("Text", "Extra"), (("Cloze", "{{cloze:Text}}", "{{cloze:Text}}{{Extra}}"),)
    )
    found = card_faces(note_type, {"Text": text, "Extra": extra}, ordinal)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("question", "fields", "front"),
    [
        ("{{Front}}", {"Front": "a"}, "a"),
        ("{{ Front }}", {"Front": "a"}, "a"),
        ("{{#Extra}}has {{Extra}}{{/Extra}}", {"Extra": "x"}, "has x"),
        ("{{#Extra}}has {{Extra}}{{/Extra}}", {"Extra": "<br> &nbsp;"}, ""),
        ("{{^Extra}}none{{/Extra}}", {"Extra": ""}, "none"),
        ("{{#A}}{{#B}}both{{/B}}{{/A}}", {"A": "1", "B": ""}, ""),
        ("{{Missing}}!", {}, "!"),
        ("{{text:Front}}", {"Front": "<b>bold</b> &amp; more"}, "bold &amp; more"),
        ("{{kanji:Front}}", {"Front": "日本[にほん]語[ご]"}, "日本語"),
        ("{{kana:Front}}", {"Front": "日本[にほん]"}, "にほん"),
        ("{{furigana:Front}}", {"Front": "日本[にほん]"}, "日本(にほん)"),
        ("{{type:Back}}{{Front}}", {"Front": "q", "Back": "a"}, "q"),
        ("{{hint:Front}}", {"Front": "h"}, "h"),
        ("{{tts en_US:Front}}", {"Front": "spoken"}, "spoken"),
        ("{{Card}} of {{Type}}", {}, "Card 1 of Own"),
        ("{{#A}}open", {"A": "1"}, "open"),  # a section never closed ends with the template
        ("closed{{/A}}", {"A": "1"}, "closed"),  # a stray closing tag is dropped
    ],
)
def test_a_template_renders_as_in_anki(question: str, fields: dict[str, str], front: str) -> None:
    assert faces(question, "", fields)[0] == front


def test_the_back_is_what_follows_the_answer_rule() -> None:
    question, answer = "{{Front}}", '{{FrontSide}}<hr id="answer">{{Back}}'
    assert faces(question, answer, {"Front": "q", "Back": "a"}) == ("q", "a")
    assert (
        faces(question, "{{FrontSide}}<HR ID=answer>{{Back}}", {"Front": "q", "Back": "a"})[1]
        == "a"
    )


def test_without_the_rule_the_back_leaves_the_front_out() -> None:
    assert (
        faces("{{Front}}", "{{FrontSide}}<br>{{Back}}", {"Front": "q", "Back": "a"})[1] == "<br>a"
    )
    assert faces("{{Front}}", "{{type:Back}}", {"Front": "q", "Back": "a"})[1] == "a"


def test_sections_nested_past_the_limit_are_shown_as_written() -> None:
    deep = "{{#A}}" * (MAX_DEPTH + 5) + "x" + "{{/A}}" * (MAX_DEPTH + 5)
    front = faces(deep, "", {"A": "1"})[0]
    assert front.endswith("x") and front.count("{{") == 0  # never more than the limit deep


def test_a_card_the_note_type_does_not_have_is_none() -> None:
    note_type = NoteType("Own", False, ("Front",), (("Card 1", "{{Front}}", ""),))
    assert card_faces(note_type, {"Front": "q"}, 1) is None
    assert card_faces(note_type, {"Front": "q"}, -1) is None


@pytest.mark.parametrize(
    ("text", "ordinal", "front", "back"),
    [
        (
            "{{c1::Paris}} is in {{c2::France}}",
            0,
            "[...] is in France",
            "\ue000Paris\ue001 is in France",
        ),
        (
            "{{c1::Paris}} is in {{c2::France::country}}",
            1,
            "Paris is in [country]",
            "Paris is in \ue000France\ue001",
        ),
        (
            "{{c1,2::both}} and {{c2::two}}",
            1,
            "[...] and [...]",
            "\ue000both\ue001 and \ue000two\ue001",
        ),
        ("{{c1::outer {{c2::inner}} end}}", 1, "outer [...] end", "outer \ue000inner\ue001 end"),
        ("{{c1::outer {{c2::inner}} end}}", 0, "[...]", "\ue000outer inner end\ue001"),
        ("{{c1::never closed", 0, "{{c1::never closed", "{{c1::never closed"),
        ("a }} b {{c1::x}}", 0, "a }} b [...]", "a }} b \ue000x\ue001"),
        ("{{c3::third}}", 2, "[...]", "\ue000third\ue001"),
    ],
)
def test_a_cloze_card_asks_for_its_own_deletion(
    text: str, ordinal: int, front: str, back: str
) -> None:
    assert cloze(text, ordinal) == (front, back)


def test_cloze_only_gives_the_asked_answers() -> None:
    note_type = NoteType(
        "Cloze", True, ("Text",), (("Cloze", "{{cloze:Text}}", "{{cloze-only:Text}}"),)
    )
    assert card_faces(note_type, {"Text": "{{c1::a}} {{c2::b}} {{c1::c}}"}, 0) == (
        "[...] b [...]",
        "a, c",
    )


def test_the_shown_deletion_becomes_bold_text() -> None:
    assert shown_in_bold("\ue000 Paris \ue001 is in France") == "**Paris** is in France"
    assert shown_in_bold("\ue000\ue001 empty") == " empty"
    assert shown_in_bold("no marks") == "no marks"


def test_a_field_of_markup_and_spaces_is_empty() -> None:
    assert is_empty("<div><br></div> &nbsp;\n<BR/>")
    assert not is_empty("<img src=a.png>")  # an image alone is content, as in Anki
    assert not is_empty("<b></b>")
