"""The weekly PDF: written whole, read back with Qt's own PDF reader, long text cut to fit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from studyplanner.core.planning.plan import MilestoneKind, Plan, PlannedMilestone, PlannedSession
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.printing.week_pdf import (
    MAX_TEXT_CHARS,
    PdfError,
    weeks_pdf,
    write_weeks_pdf,
)
from tests.conftest import MONDAY


def plan_of(title: str) -> Plan:
    session = PlannedSession("python/1", "python", "basics", title, MONDAY, 30, time(9))
    milestone = PlannedMilestone(
        "stage:basics", MilestoneKind.STAGE_END, "basics", "basics", title, MONDAY
    )
    return Plan("small", MONDAY, 1.0, (session,), (milestone,), ())


@dataclass(frozen=True)
class ReadPdf:
    """What Qt's PDF reader finds in a PDF: its pages' text and its title."""

    pages: list[str]
    title: str


def read_pdf(path: Path) -> ReadPdf:
    document = QPdfDocument()
    try:
        assert document.load(str(path)) is QPdfDocument.Error.None_
        pages = [document.getAllText(n).text() for n in range(document.pageCount())]
        return ReadPdf(pages, str(document.metaData(QPdfDocument.MetaDataField.Title)))
    finally:
        document.close()


def words(text: str) -> str:
    """The text without the line breaks and spaces layout put into it."""
    return "".join(text.split())


def test_a_week_with_a_million_character_title_is_written_with_the_title_cut(
    qapp: QApplication, small_roadmap: Roadmap, tmp_path: Path
) -> None:
    huge = "x" * 1_000_000
    path = tmp_path / "week.pdf"
    assert write_weeks_pdf(plan_of(huge), small_roadmap, [MONDAY], huge, path) == 1
    pdf = read_pdf(path)
    assert len(pdf.pages) == 1
    cut = "x" * (MAX_TEXT_CHARS - 1) + "…"
    text = words(pdf.pages[0])
    assert text.count(cut) == 3  # the heading, the milestone and the session
    assert "x" * MAX_TEXT_CHARS not in text
    assert pdf.title == cut
    assert [p.name for p in tmp_path.iterdir()] == ["week.pdf"]


def test_control_codes_never_reach_the_page(
    qapp: QApplication, small_roadmap: Roadmap, tmp_path: Path
) -> None:
    title = "Py\x1b[31mthon\x00 basics\x07"
    path = tmp_path / "weeks.pdf"
    path.write_bytes(weeks_pdf(plan_of(title), small_roadmap, [MONDAY, MONDAY], title))
    pdf = read_pdf(path)
    assert len(pdf.pages) == 2
    assert "Py[31mthon basics" in pdf.pages[1]
    assert pdf.title == "Py[31mthon basics"
    assert not any(code in pdf.pages[1] for code in "\x1b\x00\x07")


def test_a_pdf_that_cannot_be_written_is_one_line_naming_the_file(
    qapp: QApplication, small_roadmap: Roadmap, tmp_path: Path
) -> None:
    with pytest.raises(PdfError) as caught:
        write_weeks_pdf(plan_of("P"), small_roadmap, [MONDAY], "P", tmp_path / "no" / "week.pdf")
    assert str(caught.value).startswith("cannot write week.pdf: ")
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []
