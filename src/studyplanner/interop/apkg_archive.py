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


def collection_bytes(data: bytes, source: str) -> bytes:
    """The collection database's bytes, from the newest format the package holds."""
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
        by_name = {PurePosixPath(e.filename.replace("\\", "/")).name: e for e in entries}
        entry = next((by_name[n] for n in COLLECTIONS if n in by_name), None)
        if entry is None:
            raise CardFileError(f"{source}: the package has no Anki collection inside")
        if entry.file_size > MAX_COLLECTION_BYTES:
            raise CardFileError(f"{source}: the collection inside is too large to import")
        try:
            with archive.open(entry) as stream:
                content = stream.read(MAX_COLLECTION_BYTES + 1)
        except ZIP_ERRORS as exc:
            raise CardFileError(f"{source}: the package is damaged: {exc}") from None
        if len(content) > MAX_COLLECTION_BYTES:
            raise CardFileError(f"{source}: the collection inside is too large to import")
        if PurePosixPath(entry.filename.replace("\\", "/")).name == ZSTD_COLLECTION:
            return _decompressed(content, source)
        return content


def _decompressed(content: bytes, source: str) -> bytes:
    """A zstd-compressed collection, never more than MAX_COLLECTION_BYTES once decompressed.

    Read through a stream, so a frame that claims a small size (or none) cannot make it
    allocate more than the cap.
    """
    parts: list[bytes] = []
    size = 0
    try:
        with zstandard.ZstdDecompressor().stream_reader(content, read_across_frames=True) as reader:
            while part := reader.read(min(CHUNK_BYTES, MAX_COLLECTION_BYTES + 1 - size)):
                parts.append(part)
                size += len(part)
                if size > MAX_COLLECTION_BYTES:
                    raise CardFileError(f"{source}: the collection inside is too large to import")
    except zstandard.ZstdError as exc:
        raise CardFileError(f"{source}: the collection inside is damaged: {exc}") from None
    return b"".join(parts)
