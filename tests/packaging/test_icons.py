"""The Windows and macOS icons hold every size, drawn from the current SVG icon."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from tests.packaging.conftest import load_script

Image = pytest.importorskip("PIL.Image", reason='Pillow is in the "package" extra')
ImageChops = pytest.importorskip("PIL.ImageChops")
ImageStat = pytest.importorskip("PIL.ImageStat")


def test_the_ico_holds_each_windows_size() -> None:
    icons = load_script("make_icons")
    with Image.open(icons.ICO) as ico:
        assert sorted(ico.info["sizes"]) == [(s, s) for s in icons.ICO_SIZES]


def test_the_icns_holds_the_retina_sizes() -> None:
    icons = load_script("make_icons")
    with Image.open(icons.ICNS) as icns:
        assert (512, 512, 2) in icns.info["sizes"]  # 1024 px
        assert (16, 16, 1) in icns.info["sizes"] or (16, 16, 2) in icns.info["sizes"]


@pytest.mark.parametrize("size", [16, 48, 256])
def test_the_ico_matches_the_svg(qapp: QGuiApplication, size: int) -> None:
    # Run packaging/make_icons.py after changing the SVG, and this passes again.
    icons = load_script("make_icons")
    with Image.open(icons.ICO) as ico:
        ico.size = (size, size)
        stored = ico.convert("RGBA")
    fresh = icons.render(size)
    difference = ImageStat.Stat(ImageChops.difference(stored, fresh)).mean
    assert max(difference) < 2.0, difference
