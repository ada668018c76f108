"""The store's writes of the pictures and sounds cards show."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import PurePosixPath

from sqlalchemy import insert
from sqlmodel import col, select

from studyplanner.storage.schema.tables import MediaRecord
from studyplanner.storage.writes.base import WritesBase


class MediaWrites(WritesBase):
    """Media files, each under the name the cards' text uses."""

    def add_media(self, files: Mapping[str, bytes], now: datetime) -> dict[str, str]:
        """Keep these files; returns the new name of each one whose name other bytes hold.

        A file already kept with the same bytes is not kept twice; one whose name is taken
        by another file is kept under its name with a part of its hash added, as Anki does,
        and the cards that use it must be given the new name.
        """
        wanted = {name: data for name, data in files.items()}
        names = set(wanted) | {_renamed(name, data) for name, data in wanted.items()}
        kept = dict(
            self.session.exec(
                select(MediaRecord.name, MediaRecord.data).where(col(MediaRecord.name).in_(names))
            ).all()
        )
        renames: dict[str, str] = {}
        rows = []
        added_at = now.astimezone(UTC)
        for name, data in wanted.items():
            if kept.get(name, data) != data:
                renames[name] = name = _renamed(name, data)
            if kept.get(name) == data:
                continue
            kept[name] = data
            rows.append({"name": name, "data": data, "added_at": added_at})
        if rows:
            self.session.execute(insert(MediaRecord), rows)
        return renames


def _renamed(name: str, data: bytes) -> str:
    """``photo.jpg`` as ``photo-1a2b3c4d5e.jpg``: its name with the start of its SHA-1."""
    path = PurePosixPath(name)
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()  # a name, not a signature
    return f"{path.stem}-{digest[:10]}{path.suffix}"
