"""Card files by kind: Anki text (.txt, .csv, .tsv) or Anki packages (.apkg)."""

from __future__ import annotations

import os
from pathlib import Path

from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.anki_text import MAX_BYTES as MAX_TEXT_BYTES
from studyplanner.interop.anki_text import CardFileError, ExchangeCard, read_anki_text
from studyplanner.interop.apkg import read_apkg

MAX_FILE_BYTES = 512 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"


def read_card_file(path: Path) -> list[ExchangeCard]:
    """The cards in a file; a package is recognised by its content, not its name.

    A file over the limit for its kind is refused by its size, before it is read, and no
    more than the limit is ever read, even from a file that grows or reports no size.
    """
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            head = stream.read(len(ZIP_MAGIC))
            package = head.startswith(ZIP_MAGIC) or path.suffix.lower() == ".apkg"
            limit = MAX_FILE_BYTES if package else MAX_TEXT_BYTES
            if size > limit:
                raise CardFileError(f"{path}: the file is larger than {limit // 2**20} MB")
            data = head + stream.read(limit + 1 - len(head))
    except OSError as exc:
        raise CardFileError(f"{path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise CardFileError(f"{path}: the file is larger than {limit // 2**20} MB")
    if package:
        return read_apkg(data, str(path))
    return read_anki_text(data, str(path))


def roadmap_cards(roadmap: Roadmap) -> list[ExchangeCard]:
    """A roadmap's cards, tagged with their topic, with ids that stay the same across exports."""
    return [
        ExchangeCard(card.front, card.back, (*card.tags, topic.id), f"{roadmap.id}/{card.id}")
        for topic, card in roadmap.cards()
    ]
