"""Media in a card's text: Markdown images, and Anki's sound tags, that name kept files.

A picture is ``![alt](name)``; a sound is ``[sound:name]`` as Anki writes it, shown as
written and kept so that it goes back to Anki with its card.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MAX_NAME_CHARS = 255
# Characters no media file name holds: Anki's own rules for its media folder (which leave no
# path, drive or scheme in a name), control codes, and the brackets of a sound tag.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\[\]]')
# ![alt](name) or ![alt](<name>), the form a name with spaces takes.
_IMAGE = re.compile(r"!\[((?:\\.|[^\\\[\]\n])*)\]\((?:<([^<>\n]+)>|([^\s()<>]+))\)")
_SOUND = re.compile(r"\[sound:([^\[\]\n]+)\]")


def is_media_name(name: str) -> bool:
    """Whether ``name`` can be a kept media file: a bare file name, no path or scheme."""
    return (
        0 < len(name) <= MAX_NAME_CHARS
        and name.strip() == name
        and name not in (".", "..")
        and not _FORBIDDEN.search(name)
    )


def image_markdown(alt: str, name: str) -> str:
    """A picture as card text: ``![alt](name)``, in angle brackets if it has spaces or parentheses.

    A picture without alt text takes its name for one: Qt's Markdown leaves out an image
    whose alt text is empty.
    """
    words = " ".join(alt.split()) or name
    escaped = re.sub(r"([\\\[\]])", r"\\\1", words)
    bracketed = any(mark in name for mark in " ()")
    return f"![{escaped}](<{name}>)" if bracketed else f"![{escaped}]({name})"


def media_names(text: str) -> set[str]:
    """The media files a card's text shows or plays."""
    names = {name for _, name in _images(text)} if "![" in text else set()
    if "[sound:" in text:
        names.update(found.group(1) for found in _SOUND.finditer(text))
    return {name for name in names if is_media_name(name)}


def with_media_renamed(text: str, renames: Mapping[str, str]) -> str:
    """The text with each picture of a renamed file showing it under its new name."""
    if not renames or ("![" not in text and "[sound:" not in text):
        return text

    def renamed(found: re.Match[str]) -> str:
        name = found.group(2) or found.group(3)
        if name not in renames:
            return found.group(0)
        return image_markdown(re.sub(r"\\(.)", r"\1", found.group(1)), renames[name])

    def sound(found: re.Match[str]) -> str:
        return f"[sound:{renames.get(found.group(1), found.group(1))}]"

    return _SOUND.sub(sound, _IMAGE.sub(renamed, text))


def _images(text: str) -> list[tuple[str, str]]:
    return [(found.group(1), found.group(2) or found.group(3)) for found in _IMAGE.finditer(text)]
