"""Pictures and sounds named in a card's text: which names are files, and renaming them."""

from __future__ import annotations

import pytest

from studyplanner.core.cards.media import (
    image_markdown,
    is_media_name,
    media_names,
    with_media_renamed,
)


@pytest.mark.parametrize(
    "name", ["pod.png", "pod diagram.png", "image (1).png", "größe.jpg", "a_b-c.svg", ".hidden.png"]
)
def test_a_file_name_is_a_media_name_and_comes_back_from_its_markdown(name: str) -> None:
    assert is_media_name(name)
    assert media_names(f"see {image_markdown('a [box]', name)} here") == {name}
    assert image_markdown("", name).startswith(f"![{name}](")  # no alt: its name


@pytest.mark.parametrize(
    "name",
    [
        "",
        "../up.png",
        "/etc/passwd",
        "C:\\x.png",
        "http://example.org/a.png",
        "a\x00.png",
        " padded.png",
        ".",
        "..",
        "a[1].png",
        "x" * 256,
    ],
)
def test_a_path_a_scheme_or_an_odd_name_is_never_a_media_name(name: str) -> None:
    assert not is_media_name(name)
    assert media_names(f"![x]({name}) ![y](<{name}>) [sound:{name}]") == set()


def test_sounds_are_media_names_and_both_kinds_are_renamed() -> None:
    text = "hear [sound:hallo.mp3] and see ![a pod](<pod (1).png>)"
    assert media_names(text) == {"hallo.mp3", "pod (1).png"}
    renamed = with_media_renamed(text, {"hallo.mp3": "hallo-1.mp3", "pod (1).png": "pod-2.png"})
    assert renamed == "hear [sound:hallo-1.mp3] and see ![a pod](pod-2.png)"
    assert with_media_renamed(text, {}) == text
