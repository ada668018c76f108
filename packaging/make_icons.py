"""Render the app icon (resources/icons/studyplanner.svg) as the Windows .ico and macOS .icns.

Run it after changing the SVG: python packaging/make_icons.py. The spec uses the results.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "studyplanner.svg"
ICO = ROOT / "packaging" / "windows" / "studyplanner.ico"
ICNS = ROOT / "packaging" / "macos" / "studyplanner.icns"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> Image.Image:
    """The SVG drawn at ``size`` pixels square, as each size is drawn anew (not scaled)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")


def save(path: Path, image_format: str, sizes: tuple[int, ...]) -> None:
    """All ``sizes`` in one icon file."""
    images = [render(size) for size in sizes]
    path.parent.mkdir(parents=True, exist_ok=True)
    largest = images[-1]
    largest.save(
        path,
        format=image_format,
        sizes=[(size, size) for size in sizes],
        append_images=images[:-1],
    )
    print(f"wrote {path.relative_to(ROOT)} ({', '.join(map(str, sizes))} px)")


def main() -> None:
    """Write both icon files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])
    save(ICO, "ICO", ICO_SIZES)
    save(ICNS, "ICNS", ICNS_SIZES)
    del app


if __name__ == "__main__":
    main()
