"""A printable weekly plan: one A4 page a week with each day's sessions and key actions.

Every text is cut to MAX_TEXT_CHARS before it is laid out: Qt lays out a long title in time
that grows with its length, and a title of a million characters took minutes per page.
"""

from __future__ import annotations

import html
import re
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSaveFile, QSizeF
from PySide6.QtGui import (
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from studyplanner.core.planning.plan import Plan, PlannedSession, SessionStatus

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from studyplanner.core.roadmap.model import Roadmap, Topic

MARGIN_MM = 15
MAX_TEXT_CHARS = 300
# Control codes but tab and newline: nothing a page can show.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
STYLE = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; margin: 0; }
p.sub { color: #555; margin-top: 2px; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; background: #e8edf3; padding: 4px; }
td { vertical-align: top; padding: 4px; border-bottom: 1px solid #ccc; }
.done { color: #3c9a5f; } .skipped { color: #999; text-decoration: line-through; }
.milestone { font-weight: bold; color: #b5651d; }
"""


class PdfError(OSError):
    """The PDF could not be written where asked; the one-line message names the file."""


_made: list[QGuiApplication] = []  # keeps the application made here alive


def ensure_gui() -> None:
    """A Qt GUI application to draw with, made if the process has none (as the CLI has not)."""
    if QGuiApplication.instance() is None:
        _made.append(QGuiApplication([sys.argv[0]]))


def weeks_of(first: date, last: date, first_weekday: int) -> list[date]:
    """The first days of the weeks (starting on ``first_weekday``) that cover the dates."""
    start = first - timedelta(days=(first.weekday() - first_weekday) % 7)
    weeks = []
    while start <= last:
        weeks.append(start)
        start += timedelta(days=7)
    return weeks


def week_html(plan: Plan, roadmap: Roadmap, start: date, title: str) -> str:
    """One week as an HTML page: a row a day, its sessions and their key actions."""
    topics: dict[str, Topic] = {t.id: t for t in roadmap.all_topics()}
    end = start + timedelta(days=6)
    rows = []
    shown: set[str] = set()  # a topic's key actions appear at its first session of the week
    for offset in range(7):
        day = start + timedelta(days=offset)
        sessions = [s for s in plan.sessions if s.day == day]
        milestones = [m for m in plan.milestones if m.day == day]
        cells = [f'<div class="milestone">◆ {escaped(m.title)}</div>' for m in milestones]
        for session in sessions:
            first = session.topic_id not in shown
            shown.add(session.topic_id)
            cells.append(_session_html(session, topics.get(session.topic_id) if first else None))
        minutes = sum(s.minutes for s in sessions if s.status is not SessionStatus.SKIPPED)
        rows.append(
            f"<tr><td width='18%'><b>{day:%A}</b><br>{day:%d %B}"
            f"{f'<br>{minutes} min' if minutes else ''}</td>"
            f"<td>{''.join(cells) or '<span class=skipped>—</span>'}</td></tr>"
        )
    total = sum(
        s.minutes
        for s in plan.sessions
        if start <= s.day <= end and s.status is not SessionStatus.SKIPPED
    )
    return (
        f"<html><body><h1>{escaped(title)}</h1>"
        f"<p class='sub'>Week of {start:%d %B %Y} to {end:%d %B %Y} · {total} minutes planned · "
        f"{escaped(roadmap.title)}</p>"
        "<table width='100%' cellspacing='0'>"
        f"<tr><th>Day</th><th>Sessions and key actions</th></tr>{''.join(rows)}</table>"
        "</body></html>"
    )


def plain(text: str) -> str:
    """Text cut to MAX_TEXT_CHARS (the last an ellipsis when it is cut), no control codes."""
    if len(text) > MAX_TEXT_CHARS:
        text = text[: MAX_TEXT_CHARS - 1] + "…"
    return _CONTROLS.sub("", text)


def escaped(text: str) -> str:
    """Text as the page's HTML shows it: plain, then escaped."""
    return html.escape(plain(text))


def _session_html(session: PlannedSession, topic: Topic | None) -> str:
    when = f"{session.start_time:%H:%M} · " if session.start_time else ""
    status = {SessionStatus.DONE: " done", SessionStatus.SKIPPED: " skipped"}.get(
        session.status, ""
    )
    actions = "".join(f"<li>{escaped(a)}</li>" for a in (topic.key_actions if topic else ()))
    return (
        f"<div class='{status.strip()}'><b>{when}{escaped(session.title)}</b> "
        f"({session.minutes} min{status}){f'<ul>{actions}</ul>' if actions else ''}</div>"
    )


def weeks_pdf(plan: Plan, roadmap: Roadmap, weeks: Sequence[date], title: str) -> bytes:
    """One A4 page per week, as the bytes of a PDF file."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _draw_weeks(buffer, plan, roadmap, weeks, title)
    buffer.close()
    return bytes(buffer.data().data())


def write_weeks_pdf(
    plan: Plan, roadmap: Roadmap, weeks: Sequence[date], title: str, path: Path
) -> int:
    """Write one A4 page per week, whole or not at all; returns the number of pages."""
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise PdfError(f"cannot write {path.name}: {target.errorString()}")
    try:
        _draw_weeks(target, plan, roadmap, weeks, title)
    except BaseException:
        target.cancelWriting()
        raise
    if not target.commit():
        raise PdfError(f"cannot write {path.name}: {target.errorString()}")
    return len(weeks)


def _draw_weeks(
    device: QIODevice, plan: Plan, roadmap: Roadmap, weeks: Sequence[date], title: str
) -> None:
    if QGuiApplication.instance() is None:
        raise RuntimeError("a Qt application must exist to draw a PDF")
    writer = QPdfWriter(device)
    writer.setTitle(plain(title))
    writer.setCreator("Study Planner")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter(writer)
    try:
        area = writer.pageLayout().paintRectPixels(writer.resolution())
        for number, start in enumerate(weeks):
            if number:
                writer.newPage()
            document = QTextDocument()
            document.setDefaultStyleSheet(STYLE)
            document.setDocumentMargin(0)
            document.setHtml(week_html(plan, roadmap, start, title))
            # Lay the page out at a readable width, then scale it to the paper; a crowded week
            # shrinks to fit its one page.
            document.setPageSize(QSizeF(650, 10_000))
            document.setTextWidth(650)
            height = document.size().height()
            scale = min(area.width() / 650, area.height() / max(height, 1))
            painter.save()
            painter.scale(scale, scale)
            document.drawContents(painter)
            painter.restore()
    finally:
        painter.end()  # a painter left painting crashes Qt when its device is freed
