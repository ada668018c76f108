"""The media files of an Anki package that its cards show or play: names from its list, capped.

A package lists its media in its ``media`` entry and holds each file under a number: as JSON
in older packages (``{"0": "photo.jpg"}``), as zstd-compressed protocol buffers in current
ones (the ``meta`` entry says which), whose files are zstd-compressed too. Only files the
cards name are read, each under MAX_FILE_BYTES and all under MAX_TOTAL_BYTES; a name that is
not a bare file name is never used. Whatever is left out is named, with why.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection

from studyplanner.core.cards.media import is_media_name
from studyplanner.interop.anki_collection import json_object
from studyplanner.interop.anki_protobuf import parsed
from studyplanner.interop.anki_text import CardFileError
from studyplanner.interop.apkg_archive import entry_bytes, opened

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_LIST_BYTES = 16 * 1024 * 1024
LATEST_VERSION = 3  # Anki's PackageMetadata.Version.LATEST: compressed media


def package_media(
    data: bytes, source: str, wanted: Collection[str]
) -> tuple[dict[str, bytes], list[str]]:
    """The wanted media files the package holds, by name; and each one left out, with why."""
    if not wanted:
        return {}, []
    found: dict[str, bytes] = {}
    left_out: list[str] = []
    total = 0
    with opened(data, source) as (archive, by_name):
        latest = _is_latest(archive, by_name.get("meta"))
        listed = _media_list(archive, by_name.get("media"), latest, source)
        for name in sorted(set(wanted)):
            entry = by_name.get(listed.get(name, ""))
            if entry is None:
                left_out.append(f"the media file {name}: not in the package")
                continue
            try:
                content = entry_bytes(
                    archive, entry, MAX_FILE_BYTES, latest, f"the media file {name}"
                )
            except CardFileError as exc:  # too large, or damaged
                left_out.append(str(exc))
                continue
            total += len(content)
            if total > MAX_TOTAL_BYTES:
                left_out.append(
                    f"the media file {name}: the package's media pass {MAX_TOTAL_BYTES // 2**20} MB"
                )
                continue
            found[name] = content
    return found, left_out


def _is_latest(archive: zipfile.ZipFile, meta: zipfile.ZipInfo | None) -> bool:
    if meta is None:
        return False
    version = parsed("PackageMetadata", entry_bytes(archive, meta, 1024, False, "meta"))
    return version is not None and version.version >= LATEST_VERSION


def _media_list(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo | None, latest: bool, source: str
) -> dict[str, str]:
    """Each media file's entry in the zip, by the name the cards use."""
    if entry is None:
        return {}
    try:
        content = entry_bytes(archive, entry, MAX_LIST_BYTES, latest, "the list of media")
    except CardFileError as exc:
        raise CardFileError(f"{source}: {exc}") from None
    listed: dict[str, str] = {}
    if latest:
        entries = parsed("MediaEntries", content)
        for number, media in enumerate(entries.entries if entries is not None else ()):
            if is_media_name(media.name):
                listed.setdefault(media.name, str(number))
        return listed
    for entry_name, name in (json_object(content) or {}).items():
        if isinstance(name, str) and is_media_name(name):
            listed.setdefault(name, entry_name)
    return listed
