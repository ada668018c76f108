"""Anki's card templates rendered for one card: fields, sections, filters and cloze deletions.

What Anki's stock note types and most shared decks use: ``{{Field}}``, ``{{#Field}}…{{/Field}}``
and ``{{^Field}}…{{/Field}}``, ``{{FrontSide}}``, the filters ``text``, ``cloze``,
``cloze-only``, ``type``, ``hint``, ``kanji``, ``kana`` and ``furigana``; any other filter
shows the field as it is. The faces stay HTML, read as card text afterwards (see apkg.py);
the deletion a cloze card asks for is marked so that its back can show it in bold.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from studyplanner.interop.html_text import plain_text

_TAG = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_CLOZE_TOKEN = re.compile(r"\{\{c(\d+(?:,\d+)*)::|\}\}")
_ANSWER_RULE = re.compile(r"<hr\b[^>]*\bid\s*=\s*[\"']?answer\b[^>]*>", re.IGNORECASE)
_RUBY = re.compile(r" ?([^ >]+?)\[(.+?)\]")
# What Anki takes for an empty field: spaces, line breaks and empty blocks; an image is not.
_EMPTY = re.compile(r"(?:\s|\xa0|&nbsp;|<br\s*/?>|</?div\s*>)*", re.IGNORECASE)
# Private-use marks around the deletion a cloze card's back shows, bold once it is text.
SHOWN_START, SHOWN_END = "\ue000", "\ue001"
_FRONT = "\ue002"  # where {{FrontSide}} stood, for a back without Anki's answer rule
MAX_DEPTH = 20  # sections nested deeper than this are shown as written
# A face no card needs: a template that repeats a long field would make gigabytes of it.
MAX_FACE_CHARS = 1_000_000

Node = str | tuple[str, str, list["Node"]]  # text, or (kind, name, what a section holds)


@dataclass(frozen=True, slots=True)
class NoteType:
    """A note type as a collection keeps it: its fields and its cards' templates."""

    name: str
    cloze: bool
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # each card's name, question and answer


class FaceTooLargeError(ValueError):
    """A card's face would pass MAX_FACE_CHARS; it is stopped before it does."""


@dataclass(frozen=True, slots=True)
class _Side:
    cloze: int | None  # the deletion a cloze card asks for
    question: bool
    front: str  # what {{FrontSide}} shows


def card_faces(
    note_type: NoteType, fields: Mapping[str, str], ordinal: int
) -> tuple[str, str] | None:
    """The HTML of a note's card ``ordinal``: its front, and its back without the front.

    Anki's back repeats the front above an ``<hr id=answer>``; only what follows it is the
    back here. None where the note type has no such card.
    """
    index = 0 if note_type.cloze else ordinal
    if not 0 <= index < len(note_type.templates) or ordinal < 0:
        return None
    name, question_format, answer_format = note_type.templates[index]
    values = {**fields, "Card": name, "Type": note_type.name}
    number = ordinal + 1 if note_type.cloze else None
    front = _evaluate(_parse(question_format), values, _Side(number, True, ""), [MAX_FACE_CHARS])
    answer = _evaluate(
        _parse(answer_format), values, _Side(number, False, _FRONT), [MAX_FACE_CHARS]
    )
    rule = _ANSWER_RULE.search(answer)
    back = answer[rule.end() :] if rule else answer
    return front, back.replace(_FRONT, "")


def shown_in_bold(text: str) -> str:
    """Card text with the marked deletion as Markdown bold."""
    if SHOWN_START not in text:
        return text
    return (
        re.sub(
            f"{SHOWN_START}\\s*(.*?)\\s*{SHOWN_END}",
            lambda found: f"**{found.group(1)}**" if found.group(1) else "",
            text,
            flags=re.DOTALL,
        )
        .replace(SHOWN_START, "")
        .replace(SHOWN_END, "")
    )


def is_empty(field: str) -> bool:
    """Whether a field counts as empty in Anki: only spaces, line breaks and empty blocks."""
    return _EMPTY.fullmatch(field) is not None


@lru_cache(maxsize=256)  # a collection has a few templates and many notes of each
def _parse(template: str) -> list[Node]:
    root: list[Node] = []
    stack: list[tuple[str, list[Node]]] = [("", root)]
    position = 0
    for tag in _TAG.finditer(template):
        stack[-1][1].append(template[position : tag.start()])
        position = tag.end()
        inner = tag.group(1).strip()
        if inner[:1] in ("#", "^") and len(stack) <= MAX_DEPTH:
            children: list[Node] = []
            stack[-1][1].append((inner[0], inner[1:].strip(), children))
            stack.append((inner[1:].strip(), children))
        elif inner[:1] == "/":
            if len(stack) > 1 and stack[-1][0] == inner[1:].strip():
                stack.pop()
        else:
            stack[-1][1].append(("=", inner, []))
    stack[-1][1].append(template[position:])
    return root


def _evaluate(nodes: list[Node], fields: Mapping[str, str], side: _Side, room: list[int]) -> str:
    """The nodes rendered; ``room`` is how many characters may still be made, shared."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            piece = node
        elif node[0] == "=":
            piece = _field(node[1], fields, side)
        elif (node[0] == "#") != is_empty(fields.get(node[1], "")):
            piece = _evaluate(node[2], fields, side, room)
            room[0] += len(piece)  # counted already, inside
        else:
            continue
        room[0] -= len(piece)
        if room[0] < 0:
            raise FaceTooLargeError(f"a face of this card would pass {MAX_FACE_CHARS:,} characters")
        out.append(piece)
    return "".join(out)


def _field(spec: str, fields: Mapping[str, str], side: _Side) -> str:
    *filters, name = spec.split(":")
    name = name.strip()
    value = side.front if name == "FrontSide" else fields.get(name, "")
    for filter_name in reversed(filters):  # the filter nearest the field applies first
        value = _filtered(filter_name.strip(), value, side)
    return value


def _filtered(name: str, value: str, side: _Side) -> str:
    if name == "text":
        return html.escape(plain_text(value), quote=False)
    if name == "cloze":
        return _clozes(value, side.cloze, side.question)
    if name == "cloze-only":
        return ", ".join(_deletions(value, side.cloze))
    if name == "type":  # Anki asks for the answer in a box on the front, and shows it on the back
        return "" if side.question else value
    if name == "kanji":
        return _RUBY.sub(r"\1", value)
    if name == "kana":
        return _RUBY.sub(r"\2", value)
    if name == "furigana":
        return _RUBY.sub(r"\1(\2)", value)
    return value


def _clozes(text: str, asked: int | None, question: bool) -> str:
    """A field with its deletions: the asked one hidden on the front and marked on the back."""
    if "{{c" not in text:
        return text
    stack: list[tuple[set[int], list[str], str]] = [(set(), [], "")]
    position = 0
    for token in _CLOZE_TOKEN.finditer(text):
        stack[-1][1].append(text[position : token.start()])
        position = token.end()
        if token.group(1) is not None:
            stack.append(({int(n) for n in token.group(1).split(",")}, [], token.group(0)))
        elif len(stack) > 1:
            numbers, parts, _ = stack.pop()
            answer, _, hint = "".join(parts).partition("::")
            if asked not in numbers:
                stack[-1][1].append(answer)
            elif question:
                stack[-1][1].append(f"[{hint or '...'}]")
            else:
                stack[-1][1].append(f"{SHOWN_START}{answer}{SHOWN_END}")
        else:
            stack[-1][1].append(token.group(0))  # a closing brace pair outside any deletion
    stack[-1][1].append(text[position:])
    while len(stack) > 1:  # an unclosed deletion is shown as written
        _, parts, opener = stack.pop()
        stack[-1][1].append(opener + "".join(parts))
    return "".join(stack[0][1])


def _deletions(text: str, asked: int | None) -> list[str]:
    """The answers of the asked deletions, for ``cloze-only``."""
    marked = _clozes(text, asked, question=False)
    return re.findall(f"{SHOWN_START}(.*?){SHOWN_END}", marked, flags=re.DOTALL)


def cloze_numbers(text: str) -> set[int]:
    """The deletion numbers a field holds (each is a card of a cloze note)."""
    return {
        int(number)
        for token in _CLOZE_TOKEN.finditer(text)
        if token.group(1) is not None
        for number in token.group(1).split(",")
    }
