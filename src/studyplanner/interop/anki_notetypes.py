"""The note types of an Anki collection: each one's fields and card templates, by id.

Current collections (schema 18) keep them in tables, with a note type's kind and each
template's formats in protocol buffers (see anki_protobuf.py); older ones keep them as JSON in
``col.models``. The collection is the one the package reader
has opened and checked (see apkg.py); an authoriser of this module's own lets the queries read
the columns named here and nothing else. A value that is not what Anki writes leaves that
note type out, and its notes arrive as their first two fields.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from studyplanner.interop.anki_collection import (
    has_columns,
    json_object,
    name_of,
    reading_only,
)
from studyplanner.interop.anki_protobuf import parsed
from studyplanner.interop.anki_templates import NoteType

# Where each schema keeps them, and the columns read.
TABLES = {
    "notetypes": ("id", "name", "config"),
    "templates": ("ntid", "ord", "name", "config"),
    "fields": ("ntid", "ord", "name"),
}
LEGACY = {"col": ("models",)}
CLOZE_KIND = 1  # Anki's Notetype.Config.Kind
MAX_TEMPLATES = 100
MAX_FIELDS = 200


def read_note_types(conn: sqlite3.Connection) -> dict[int, NoteType]:
    """Each note type by id; empty where the collection keeps none that can be read."""
    if has_columns(conn, TABLES):
        with reading_only(conn, TABLES):
            return _current(conn)
    if has_columns(conn, LEGACY):
        with reading_only(conn, LEGACY):
            row = conn.execute("SELECT models FROM col LIMIT 1").fetchone()
        return _legacy(row[0] if row else None)
    return {}


def _current(conn: sqlite3.Connection) -> dict[int, NoteType]:
    templates: dict[int, list[tuple[int, str, str, str]]] = {}
    for ntid, ordinal, name, blob in conn.execute("SELECT ntid, ord, name, config FROM templates"):
        if not isinstance(ntid, int) or not isinstance(ordinal, int):
            continue
        formats = parsed("TemplateConfig", blob)
        if formats is None:
            continue
        templates.setdefault(ntid, []).append(
            (ordinal, name_of(name), formats.q_format, formats.a_format)
        )
    fields: dict[int, list[tuple[int, str]]] = {}
    for ntid, ordinal, name in conn.execute("SELECT ntid, ord, name FROM fields"):
        if isinstance(ntid, int) and isinstance(ordinal, int):
            fields.setdefault(ntid, []).append((ordinal, name_of(name)))
    found: dict[int, NoteType] = {}
    for ntid, name, blob in conn.execute("SELECT id, name, config FROM notetypes"):
        kind = note_type_kind(blob)
        cards, names = templates.get(ntid), fields.get(ntid)
        if not isinstance(ntid, int) or kind is None or not cards or not names:
            continue
        if len(cards) > MAX_TEMPLATES or len(names) > MAX_FIELDS:
            continue
        found[ntid] = NoteType(
            name_of(name),
            kind == CLOZE_KIND,
            tuple(field for _, field in sorted(names)),
            tuple((card, question, answer) for _, card, question, answer in sorted(cards)),
        )
    return found


def _legacy(models: object) -> dict[int, NoteType]:
    found: dict[int, NoteType] = {}
    for key, model in (json_object(models) or {}).items():
        note_type = _legacy_model(model)
        if note_type is not None and str(key).isdigit():
            found[int(key)] = note_type
    return found


def _legacy_model(model: Any) -> NoteType | None:
    """One model of ``col.models``, or None where it is not shaped as Anki writes it."""
    if not isinstance(model, dict):
        return None
    fields, templates = model.get("flds"), model.get("tmpls")
    if not isinstance(fields, list) or not isinstance(templates, list):
        return None
    if not 0 < len(fields) <= MAX_FIELDS or not 0 < len(templates) <= MAX_TEMPLATES:
        return None
    names = [field.get("name") if isinstance(field, dict) else None for field in fields]
    cards: list[tuple[str, str, str]] = []
    for card in templates:
        parts = (
            [card.get(key) for key in ("name", "qfmt", "afmt")] if isinstance(card, dict) else []
        )
        if len(parts) != 3 or not all(isinstance(part, str) for part in parts):
            return None
        cards.append((str(parts[0]), str(parts[1]), str(parts[2])))
    if not all(isinstance(name, str) for name in names):
        return None
    return NoteType(
        str(model.get("name", "")),
        model.get("type") == CLOZE_KIND,
        tuple(str(name) for name in names),
        tuple(cards),
    )


def note_type_kind(config: object) -> int | None:
    """A current note type's kind (CLOZE_KIND for cloze) from its config; None if unreadable."""
    found = parsed("NotetypeConfig", config)
    return None if found is None else int(found.kind)
