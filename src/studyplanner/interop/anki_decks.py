"""The decks of an Anki collection: each one's name as its parts (``German::Verbs``), by id.

Current collections keep them in the ``decks`` table, their names' parts separated by
U+001F; older ones as JSON in ``col.decks``. Read from the collection the package reader has
opened and checked (see apkg.py), under an authoriser of this module's own.
"""

from __future__ import annotations

import sqlite3

from studyplanner.interop.anki_collection import (
    has_columns,
    json_object,
    name_of,
    reading_only,
)
from studyplanner.interop.safe_text import printable

TABLES = {"decks": ("id", "name")}
LEGACY = {"col": ("decks",)}
PART_SEPARATOR = "\x1f"  # how a current collection keeps "A::B"
MAX_PARTS = 20
MAX_PART_CHARS = 200


def read_deck_names(conn: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """Each deck's name as its parts, by id; empty where the collection keeps none."""
    if has_columns(conn, TABLES):
        with reading_only(conn, TABLES):
            rows = conn.execute("SELECT id, name FROM decks").fetchall()
        return {
            i: p
            for i, name in rows
            if isinstance(i, int) and (p := _parts(name_of(name), PART_SEPARATOR))
        }
    if has_columns(conn, LEGACY):
        with reading_only(conn, LEGACY):
            row = conn.execute("SELECT decks FROM col LIMIT 1").fetchone()
        return _legacy(row[0] if row else None)
    return {}


def _legacy(decks: object) -> dict[int, tuple[str, ...]]:
    found = {}
    for key, deck in (json_object(decks) or {}).items():
        name = deck.get("name") if isinstance(deck, dict) else None
        if str(key).isdigit() and isinstance(name, str) and (parts := _parts(name, "::")):
            found[int(key)] = parts
    return found


def _parts(name: str, separator: str) -> tuple[str, ...]:
    """A deck name's parts, each printable and trimmed; empty for a name that makes no sense."""
    parts = tuple(" ".join(printable(part).split()) for part in name.split(separator))
    if not parts or len(parts) > MAX_PARTS or not all(0 < len(p) <= MAX_PART_CHARS for p in parts):
        return ()
    return parts
