"""Card and topic text shown on screen reaches neither the file system nor the network."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QImage,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from pytestqt.qtbot import QtBot

from studyplanner.ui.common.safe_text import (
    PLACEHOLDER_SIDE,
    SafeTextBrowser,
    SafeTextDocument,
    tooltip_as_written,
)
from studyplanner.ui.models.month import MonthModel
from studyplanner.ui.models.week import WeekModel
from studyplanner.ui.widgets.fields import card_markdown, show_card
from tests.conftest import MONDAY
from tests.ui.models.test_month import session

# A child that opened what it was told not to would abort or hang; this long is a hang.
CHILD_SECONDS = 90
# Reading /dev/zero grows without end: capped, the child aborts soon, not the machine's memory.
CHILD_MEMORY_BYTES = 2 * 1024**3
MEMORY_CAP = (
    "import resource\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({CHILD_MEMORY_BYTES}, {CHILD_MEMORY_BYTES}))\n"
)
# Large enough that a loaded copy would be unmistakable in the layout and on screen.
IMAGE_WIDTH, IMAGE_HEIGHT = 320, 240

RENDER_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication
    from studyplanner.ui.common.safe_text import SafeTextBrowser
    from studyplanner.ui.widgets.fields import card_markdown, show_card

    app = QApplication([])
    text = sys.argv[1]
    browser = SafeTextBrowser()
    browser.resize(500, 400)
    browser.show()
    browser.setMarkdown(text)
    browser.grab()
    card = SafeTextBrowser()
    card.resize(500, 400)
    card.show()
    show_card(card, text, text)
    card.grab()
    card_markdown(text, text).size()
    print(browser.toPlainText())
    """
)


def run_child(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh offscreen Python; a hang fails the test instead of pytest."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        return subprocess.run(
            [sys.executable, "-c", MEMORY_CAP + script, *args],
            capture_output=True,
            text=True,
            timeout=CHILD_SECONDS,
            cwd=cwd,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"rendering took over {CHILD_SECONDS} s: it opened a file it was shown")


def red_image(path: Path) -> Path:
    """A red PNG that Qt would gladly load and show, were it allowed to."""
    image = QImage(IMAGE_WIDTH, IMAGE_HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 0, 0))
    assert image.save(str(path))
    return path


def image_names(document: QTextDocument) -> list[str]:
    """The names of the images left in a document's text."""
    names = []
    block = document.begin()
    while block.isValid():
        names += [
            part.format.toImageFormat().name()
            for part in block.textFormats()
            if part.format.isImageFormat()
        ]
        block = block.next()
    return names


def has_red(image: QImage) -> bool:
    """Whether any pixel of ``image`` is the red of red_image."""
    red = QColor(255, 0, 0).rgb()
    step = 4  # the red image is far larger than this, so a sparse look finds it
    return any(
        image.pixel(x, y) == red
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("![x](/dev/zero)", "[image: x]"),
        ("![x](file:///dev/zero)", "[image: x]"),
        ('<img src="/dev/zero">', '<img src="/dev/zero">'),
        ("[![x](/dev/zero)](https://example.org)", "[image: x]"),
        ("| a |\n|---|\n| ![x](/dev/zero) |", "[image: x]"),
    ],
)
def test_dev_zero_as_an_image_is_not_read(text: str, shown: str, tmp_path: Path) -> None:
    result = run_child(RENDER_SCRIPT, text, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert shown in result.stdout


def test_a_fifo_as_an_image_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    # Nobody writes to the FIFO, so any open for reading would wait forever.
    text = f"![a]({fifo}) ![b]({fifo.as_uri()}) ![c](pipe.png) <img src='{fifo}'>"
    result = run_child(RENDER_SCRIPT, text, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[image: a] [image: b] [image: c]" in result.stdout


@pytest.fixture
def red_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A red image in the working folder, which is where Qt looks for relative names."""
    monkeypatch.chdir(tmp_path)
    return red_image(tmp_path / "red.png")


def red_texts(red_file: Path) -> list[str]:
    """Every way card text can name the red file."""
    return [
        f"![red]({red_file})",
        f"![red]({red_file.as_uri()})",
        "![red](red.png)",
        f'<img src="{red_file}">',
    ]


def test_a_real_image_file_never_reaches_the_browser(qtbot: QtBot, red_file: Path) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.setSearchPaths([str(red_file.parent)])  # a QTextBrowser would look here too
    browser.resize(700, 600)
    browser.show()
    qtbot.waitExposed(browser)
    for text in red_texts(red_file):
        browser.setMarkdown(text)
        document = browser.document()
        assert image_names(document) == []
        assert document.size().height() < IMAGE_HEIGHT
        for name in (str(red_file), red_file.as_uri(), "red.png"):
            loaded = document.resource(QTextDocument.ResourceType.ImageResource.value, name)
            assert loaded.width() == PLACEHOLDER_SIDE, text
        assert not has_red(browser.grab().toImage()), text


def test_a_real_image_file_never_reaches_a_card(qtbot: QtBot, red_file: Path) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(700, 600)
    browser.show()
    qtbot.waitExposed(browser)
    for text in red_texts(red_file):
        assert card_markdown(text, text).size().height() < IMAGE_HEIGHT
        show_card(browser, text, text)
        assert image_names(browser.document()) == []
        assert not has_red(browser.grab().toImage()), text


@pytest.mark.parametrize("resource_type", list(QTextDocument.ResourceType))
def test_no_resource_of_any_type_is_loaded(
    resource_type: QTextDocument.ResourceType, qtbot: QtBot, red_file: Path
) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.setSearchPaths([str(red_file.parent)])
    names = [
        QUrl.fromLocalFile(str(red_file)),
        QUrl("red.png"),
        QUrl("qrc:/qt-project.org/styles/commonstyle/images/file-16.png"),
        QUrl("http://example.org/red.png"),
    ]
    for loader in (browser.loadResource, browser.document().loadResource):
        for name in names:
            loaded = loader(resource_type.value, name)
            if resource_type is QTextDocument.ResourceType.ImageResource:
                assert loaded.size().width() == PLACEHOLDER_SIDE, name
            else:
                assert loaded is None, name


def test_images_show_as_their_alt_text(qtbot: QtBot) -> None:
    document = SafeTextDocument()
    document.setMarkdown("See ![the  heap, drawn](heap.png) and ![](blank.png) here.")
    assert image_names(document) == []
    assert document.toPlainText().startswith("See [image: the heap, drawn] and ")
    cursor = document.find("[image: the heap, drawn]")
    assert cursor.charFormat().fontItalic()


def test_raw_html_shows_as_written(qtbot: QtBot) -> None:
    html = '<b>not bold</b> <img src="red.png">'
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.setMarkdown(html)
    document = SafeTextDocument()
    document.setMarkdown(html, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    for shown in (browser.document(), document, card_markdown(html)):
        assert shown.toPlainText() == html
        assert image_names(shown) == []


def test_a_document_that_could_load_files_is_refused(qtbot: QtBot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    with pytest.raises(TypeError):
        browser.setDocument(QTextDocument())
    assert isinstance(browser.document(), SafeTextDocument)


def click_text(qtbot: QtBot, browser: SafeTextBrowser, words: str) -> None:
    """Click in the middle of the first place ``words`` are shown."""
    found = browser.document().find(words)
    assert not found.isNull(), words
    middle = QTextCursor(browser.document())
    middle.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    point = browser.cursorRect(middle).center() - QPoint(2, 0)
    viewport = browser.viewport()
    assert viewport is not None
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)


def test_a_clicked_link_opens_only_a_web_address(
    qtbot: QtBot, red_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    (red_file.parent / "notes.md").write_text("# Secret notes")
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(700, 400)
    browser.show()
    qtbot.waitExposed(browser)
    text = (
        f"[local file]({red_file.as_uri()})\n\n[relative file](notes.md)\n\n"
        "[resource file](qrc:/qt-project.org/styles/commonstyle/images/file-16.png)\n\n"
        "[web page](https://example.org/guide)"
    )
    browser.setMarkdown(text)
    shown = browser.toPlainText()
    for words in ("local file", "relative file", "resource file", "web page"):
        with qtbot.waitSignal(browser.anchorClicked):
            click_text(qtbot, browser, words)
    assert opened == ["https://example.org/guide"]
    assert browser.toPlainText() == shown
    browser.setSource(QUrl.fromLocalFile(str(red_file.parent / "notes.md")))
    assert browser.toPlainText() == shown
    assert browser.source().isEmpty()


TAG = '<img src="/dev/zero">'
TOOLTIP_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QLabel, QToolTip
    from studyplanner.ui.common.safe_text import tooltip_as_written

    app = QApplication([])
    QToolTip.showText(QPoint(10, 10), tooltip_as_written(sys.argv[1]))
    app.processEvents()
    print(QToolTip.text())
    """
)


def test_a_tooltip_shows_html_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    text = f"Front {TAG} &amp;\n18:00  two spaces"
    tooltip = tooltip_as_written(text)
    assert "<img" not in tooltip
    assert QTextDocumentFragment.fromHtml(tooltip).toPlainText() == text
    assert tooltip_as_written("") == ""  # no empty tooltip box
    result = run_child(TOOLTIP_SCRIPT, TAG, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_calendar_tooltips_show_a_title_as_written(qtbot: QtBot) -> None:
    hostile = session(MONDAY, title=f"Python {TAG}")
    month = MonthModel(MONDAY)
    month.set_source(lambda first, last: [hostile], {"basics": 0})
    week = WeekModel(MONDAY)
    week.set_source(lambda first, last: [hostile], {"basics": 0})
    tips = [month.index_of(MONDAY).data(Qt.ItemDataRole.ToolTipRole)]
    tips += [week.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in range(week.rowCount())]
    shown = [QTextDocumentFragment.fromHtml(tip).toPlainText() for tip in tips if tip]
    assert len(shown) == 2
    assert all(TAG in text for text in shown)
    assert not any("<img" in tip for tip in tips if tip)


def image_count(markdown: str) -> int:
    """How many images Qt's own Markdown reader makes of ``markdown``, raw HTML off."""
    document = QTextDocument()
    document.setMarkdown(
        markdown,
        QTextDocument.MarkdownFeature.MarkdownDialectGitHub
        | QTextDocument.MarkdownFeature.MarkdownNoHTML,
    )
    return len(image_names(document))


@pytest.mark.parametrize(
    "markdown",
    [
        "&#33;[x](/dev/zero)",
        "&excl;[x](/dev/zero)",
        "&#x21;[x](/dev/zero)",
        '<img src="/dev/zero">',
        "[x](/dev/zero)",
        "[x]: /dev/zero\n\n[x]",
    ],
)
def test_without_an_exclamation_mark_qt_makes_no_image(markdown: str) -> None:
    # SafeTextDocument looks for images only where the text holds a "!".
    assert "!" not in markdown
    assert image_count(markdown) == 0


def test_the_image_counter_sees_images() -> None:
    assert image_count("a ![x](/dev/zero) b ![y][r]\n\n[r]: /dev/zero") == 2


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("first line\nsecond line", "first line\nsecond line"),
        ("What is this?\n![pod.png](pod.png)", "What is this?\n[image: pod.png]"),
        ("```\ncode  \nmore\n```", "code  \nmore"),  # fenced code keeps its own lines
        ("- one\n- two", "one\ntwo"),
        ("a\n\nb", "a\nb"),
    ],
)
def test_a_cards_single_line_breaks_show_as_written(qtbot: QtBot, text: str, shown: str) -> None:
    assert card_markdown(text).toPlainText() == shown
