"""Reading an Anki collection's tables safely: which plain columns it has, and an authoriser.

The package reader opens the collection and checks its schema (see apkg.py); each query here
then runs under an authoriser that lets it read the named columns and nothing else, so a
hostile schema cannot make a query read or compute anything more.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

Columns = Mapping[str, tuple[str, ...]]  # the columns read, by table
MAX_DEFAULT_CHARS = 100  # Anki's tables have short defaults or none


def name_of(value: object) -> str:
    """A name the collection gave, as text (the reader's connection gives text as bytes)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def json_object(value: object) -> dict[str, Any] | None:
    """A JSON object the collection keeps as text (older ones keep settings so); else None."""
    try:
        parsed = json.loads(value) if isinstance(value, str | bytes) else None
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def has_columns(conn: sqlite3.Connection, tables: Columns) -> bool:
    """Whether every column named is there, plain: no computed column, no long default."""
    for table, columns in tables.items():
        plain = {
            name_of(name).lower()
            for _, name, _, _, default, _, hidden in conn.execute(f"PRAGMA table_xinfo({table})")
            if not hidden and (default is None or len(name_of(default)) <= MAX_DEFAULT_CHARS)
        }
        if not set(columns) <= plain:
            return False
    return True


@contextmanager
def reading_only(conn: sqlite3.Connection, tables: Columns) -> Iterator[None]:
    """Within the block, queries on ``conn`` may read ``tables``' named columns, and no more."""
    allowed = {
        table.lower(): {column.lower() for column in columns} for table, columns in tables.items()
    }

    def check(
        action: int, table: str | None, column: str | None, _db: str | None, _by: str | None
    ) -> int:
        if action == sqlite3.SQLITE_SELECT:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_READ and (column or "").lower() in allowed.get(
            (table or "").lower(), ()
        ):
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    conn.set_authorizer(check)
    try:
        yield
    finally:
        conn.set_authorizer(None)
