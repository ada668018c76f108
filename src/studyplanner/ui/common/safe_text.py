"""Untrusted rich text, shown without reaching the file system or the network."""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QImage,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

NO_HTML = QTextDocument.MarkdownFeature.MarkdownNoHTML
GITHUB_MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub
WEB_SCHEMES = frozenset({"http", "https"})
PLACEHOLDER_SIDE = 12
IMAGE_PROPERTIES = (
    QTextFormat.Property.ObjectType,
    QTextFormat.Property.ImageName,
    QTextFormat.Property.ImageTitle,
    QTextFormat.Property.ImageAltText,
    QTextFormat.Property.ImageWidth,
    QTextFormat.Property.ImageHeight,
    QTextFormat.Property.ImageQuality,
    QTextFormat.Property.ImageMaxWidth,
)


def image_placeholder() -> QImage:
    """A small grey square: what an image left in the text shows instead of its file."""
    image = QImage(PLACEHOLDER_SIDE, PLACEHOLDER_SIDE, QImage.Format.Format_ARGB32)
    image.fill(QColor(128, 128, 128, 96))
    return image


def image_words(image: QTextImageFormat) -> str:
    """What an image of the text reads as: its alt text, marked as an image."""
    alt = " ".join(str(image.property(QTextFormat.Property.ImageAltText) or "").split())
    return f"[image: {alt}]" if alt else "[image]"


def unloaded_resource(resource_type: int) -> QImage | None:
    """What a resource resolves to without being looked for: nothing, or an image's placeholder.

    An image whose resource comes back empty is not left alone: Qt then opens its name itself.
    """
    if resource_type == QTextDocument.ResourceType.ImageResource.value:
        return image_placeholder()
    return None


def tooltip_as_written(text: str) -> str:
    """``text`` for a tooltip, shown as written with its spaces and lines, and loading nothing.

    Qt takes a tooltip that looks like HTML for HTML, and would load an ``<img>`` in it.
    """
    return f"<p style='white-space:pre'>{html.escape(text, quote=False)}</p>" if text else ""


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A message box that shows its text and informative text as written, never as HTML.

    Qt guesses whether a message is HTML, and HTML may name an image to load: an error
    quoting a roadmap's title or a file's name must not be able to do that.
    """
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def open_web_link(url: QUrl) -> bool:
    """Open a web link in the desktop's browser; any other link (a file, qrc:) does nothing."""
    if url.scheme().lower() not in WEB_SCHEMES or not url.host():
        return False
    return QDesktopServices.openUrl(url)


class SafeTextDocument(QTextDocument):
    """A document that loads no resource: Markdown images become their alt text, raw HTML is text.

    Qt would read an image's path (``/dev/zero``, a FIFO, any file, ``qrc:``, a name relative
    to the working folder) when it lays the text out; here every resource is answered without
    looking, and an image format left in the document is drawn as a neutral placeholder.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pictures: dict[str, QImage] = {}

    def loadResource(self, resource_type: int, name: QUrl | str) -> Any:
        """Nothing from disk or network."""
        return unloaded_resource(resource_type)

    def show_pictures(self, pictures: Mapping[str, QImage]) -> None:
        """Let the text show these pictures, each a media file the caller has decoded.

        Given before the text, by the name its images use; every other image stays words.
        """
        self._pictures.update(pictures)

    def setMarkdown(
        self,
        markdown: str,
        features: QTextDocument.MarkdownFeature = GITHUB_MARKDOWN,
    ) -> None:
        """Markdown with raw HTML shown as written, and images as their alt text."""
        super().setMarkdown(markdown, features | NO_HTML)
        # Without raw HTML every image opens with a "!" (entities such as &#33; make none);
        # walking the formats costs about 1 MiB of wrappers the first time, on the Today page.
        if "!" in markdown:
            images_as_words(self, self._pictures)
        for name, image in self._pictures.items():  # setting the text forgot the resources
            self.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)


def images_as_words(document: QTextDocument, shown: Collection[str] = ()) -> None:
    """Replace each image in ``document`` with its alt text, but those of the ``shown`` names.

    No other image is ever laid out, so none is ever looked for.
    """
    found: list[tuple[int, int, QTextImageFormat]] = []
    block = document.begin()
    while block.isValid():
        for part in block.textFormats():
            if part.format.isImageFormat() and part.format.toImageFormat().name() not in shown:
                start = block.position() + part.start
                found.append((start, part.length, part.format.toImageFormat()))
        block = block.next()
    cursor = QTextCursor(document)
    for start, length, image in reversed(found):
        words = QTextCharFormat(image)
        for image_property in IMAGE_PROPERTIES:
            words.clearProperty(image_property)
        words.setFontItalic(True)
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(image_words(image), words)


class SafeTextBrowser(QTextBrowser):
    """A read-only view of untrusted Markdown: no resource is loaded, no link opens a file.

    QTextBrowser would resolve images and links against its search paths and source, read
    local files, and follow a clicked link into the view; this one answers no resource, never
    changes its source, and hands only http and https links to the desktop's browser.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setDocument(SafeTextDocument(self))
        self.anchorClicked.connect(open_web_link)

    def setDocument(self, document: QTextDocument | None) -> None:
        """Show a SafeTextDocument; any other document could load resources, so it is refused."""
        if not isinstance(document, SafeTextDocument):
            raise TypeError("a SafeTextBrowser shows only a SafeTextDocument")
        super().setDocument(document)

    def setMarkdown(self, markdown: str) -> None:
        """Show Markdown as SafeTextDocument.setMarkdown does, from the top."""
        document = self.document()
        assert isinstance(document, SafeTextDocument)  # setDocument allows no other kind
        document.setMarkdown(markdown)
        self.setTextCursor(QTextCursor(document))

    def loadResource(self, resource_type: int, name: QUrl | str) -> Any:
        """Nothing from disk or network, as from the document."""
        return unloaded_resource(resource_type)

    def doSetSource(
        self,
        name: QUrl | str,
        resource_type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        """The view never navigates: its text is what the app put there."""
