"""Card files by kind: Anki text (.txt, .csv, .tsv) or Anki packages (.apkg)."""

from __future__ import annotations

from pathlib import Path

from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.anki_text import CardFileError, ExchangeCard, read_anki_text
from studyplanner.interop.apkg import read_apkg

MAX_FILE_BYTES = 512 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"


def read_card_file(path: Path) -> list[ExchangeCard]:
    """The cards in a file; a package is recognised by its content, not its name."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CardFileError(f"{path}: the file is larger than {MAX_FILE_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise CardFileError(f"{path}: {exc.strerror or exc}") from None
    if data.startswith(ZIP_MAGIC) or path.suffix.lower() == ".apkg":
        return read_apkg(data, str(path))
    return read_anki_text(data, str(path))


def roadmap_cards(roadmap: Roadmap) -> list[ExchangeCard]:
    """A roadmap's cards, tagged with their topic, with ids that stay the same across exports."""
    return [
        ExchangeCard(card.front, card.back, (*card.tags, topic.id), f"{roadmap.id}/{card.id}")
        for topic, card in roadmap.cards()
    ]
