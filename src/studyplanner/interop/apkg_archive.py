"""The collection inside an Anki package: found in its zip, size-capped, decompressed.

Nothing is extracted to disk. The number of entries is capped before the zip's directory is
read; entries are looked up by their base name only; no more than MAX_COLLECTION_BYTES is
ever read or decompressed, whatever the archive or a zstd frame says of its size.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

import zstandard

from studyplanner.interop.anki_text import CardFileError

MAX_ENTRIES = 10_000
MAX_COLLECTION_BYTES = 256 * 1024 * 1024
# Newest first: Anki's current packages hold collection.anki21b (zstd) and, beside it, an
# old-style collection.anki2 whose one note asks to update Anki. Reading that one would lose
# every real card, so the newest collection in the package is the one read.
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
ZSTD_COLLECTION = "collection.anki21b"
CHUNK_BYTES = 4 * 1024 * 1024
# The signature of a zip directory record: no archive has more records than it has these.
DIRECTORY_RECORD = b"PK\x01\x02"
# How zipfile fails on damaged or unusual archives: bad offsets, unknown versions and
# compression methods, encrypted entries, broken compressed data.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
)


@contextmanager
def opened(
    data: bytes, source: str
) -> Iterator[tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]]:
    """The package's zip and its entries by base name, their number capped first."""
    # zipfile reads the whole directory before it can be counted: count its records first.
    if data.count(DIRECTORY_RECORD) > MAX_ENTRIES:
        raise CardFileError(f"{source}: the package has more than {MAX_ENTRIES} entries")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise CardFileError(f"{source}: not a readable .apkg (zip) file: {exc}") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise CardFileError(f"{source}: the package has more than {MAX_ENTRIES} entries")
        yield archive, {PurePosixPath(e.filename.replace("\\", "/")).name: e for e in entries}


def entry_bytes(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int, compressed: bool, what: str
) -> bytes:
    """An entry's bytes, zstd-decompressed if ``compressed``; never more than ``limit`` read.

    ``what`` names the entry in the error of one too large or damaged.
    """
    if entry.file_size > limit:
        raise CardFileError(f"{what} is too large to import")
    try:
        with archive.open(entry) as stream:
            content = stream.read(limit + 1)
    except ZIP_ERRORS as exc:
        raise CardFileError(f"the package is damaged: {exc}") from None
    if len(content) > limit:
        raise CardFileError(f"{what} is too large to import")
    return _decompressed(content, limit, what) if compressed else content


def collection_bytes(data: bytes, source: str) -> bytes:
    """The collection database's bytes, from the newest format the package holds."""
    with opened(data, source) as (archive, by_name):
        name = next((n for n in COLLECTIONS if n in by_name), None)
        if name is None:
            raise CardFileError(f"{source}: the package has no Anki collection inside")
        what = "the collection inside"
        try:
            return entry_bytes(
                archive, by_name[name], MAX_COLLECTION_BYTES, name == ZSTD_COLLECTION, what
            )
        except CardFileError as exc:
            raise CardFileError(f"{source}: {exc}") from None


def _decompressed(content: bytes, limit: int, what: str) -> bytes:
    """zstd-compressed bytes, never more than ``limit`` once decompressed.

    Read through a stream, so a frame that claims a small size (or none) cannot make it
    allocate more than the cap.
    """
    parts: list[bytes] = []
    size = 0
    try:
        with zstandard.ZstdDecompressor().stream_reader(content, read_across_frames=True) as reader:
            while part := reader.read(min(CHUNK_BYTES, limit + 1 - size)):
                parts.append(part)
                size += len(part)
                if size > limit:
                    raise CardFileError(f"{what} is too large to import")
    except zstandard.ZstdError as exc:
        raise CardFileError(f"{what} is damaged: {exc}") from None
    return b"".join(parts)
