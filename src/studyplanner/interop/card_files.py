"""Card files by kind: Anki text (.txt, .csv, .tsv) or Anki packages (.apkg)."""

from __future__ import annotations

from pathlib import Path

from studyplanner.core.cards.decks import topic_decks
from studyplanner.core.input_files import InputFileError, read_input_file
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.interop.anki_text import MAX_BYTES as MAX_TEXT_BYTES
from studyplanner.interop.anki_text import CardFile, CardFileError, ExchangeCard, read_anki_text
from studyplanner.interop.apkg import read_apkg

MAX_FILE_BYTES = 512 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
PACKAGES = (".apkg", ".colpkg")


def read_card_file(path: Path) -> CardFile:
    """The cards in a file; a package is recognised by its content, not its name.

    Only a regular file is read: a folder, a FIFO or a device is refused without waiting on
    it. The limit is a package's for a file named .apkg and a text file's otherwise; a file
    over it is refused by its size, before it is read, and no more than the limit is ever
    read, even from a file that grows.
    """
    limit = MAX_FILE_BYTES if path.suffix.lower() in PACKAGES else MAX_TEXT_BYTES
    try:
        data = read_input_file(path, limit)
    except InputFileError as exc:
        raise CardFileError(f"{path}: {exc}") from None
    if data.startswith(ZIP_MAGIC) or path.suffix.lower() in PACKAGES:
        return read_apkg(data, str(path))
    return read_anki_text(data, str(path))


def roadmap_cards(roadmap: Roadmap) -> list[ExchangeCard]:
    """A roadmap's cards in their topics' decks, with ids that stay the same across exports.

    The same notes, tags and decks as the app's export of the roadmap's cards.
    """
    decks = topic_decks(roadmap)
    return [
        ExchangeCard(
            card.front,
            card.back,
            card.tags,
            f"{roadmap.id}/{card.id}",
            deck=decks.get(topic.id, (roadmap.title,)),
        )
        for topic, card in roadmap.cards()
    ]
