"""Media files decoded for a card's text: pictures only, their size checked before decoding."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

# A picture wider or taller than this is shown scaled down; one far larger is not decoded.
SHOWN_SIDE = 640
MAX_SIDE = 10_000


def decoded_pictures(media: Mapping[str, bytes]) -> dict[str, QImage]:
    """The media files that are pictures, decoded and scaled to fit a card; others left out."""
    pictures = {}
    for name, data in media.items():
        image = _decoded(data)
        if image is not None:
            pictures[name] = image
    return pictures


def _decoded(data: bytes) -> QImage | None:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()  # from the header: a picture of absurd size is never decoded
    if not size.isValid() or max(size.width(), size.height()) > MAX_SIDE:
        return None
    if max(size.width(), size.height()) > SHOWN_SIDE:
        reader.setScaledSize(
            size.scaled(QSize(SHOWN_SIDE, SHOWN_SIDE), Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    return None if image.isNull() else image
