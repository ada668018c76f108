"""A Gantt-style timeline of a plan's stages and exams, with today's line and forecasts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from studyplanner.core.milestones.reports import MilestoneReport
from studyplanner.ui.models.milestones import STATE_COLOURS

ROW, LABEL_WIDTH, AXIS = 26, 220, 22


class Timeline(QWidget):
    """A row per milestone: a bar over its sessions, its planned and forecast dates.

    The planned date is a filled diamond, the forecast a hollow one; a click selects the row.
    """

    milestoneClicked = Signal(str)  # the milestone's key

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.reports: list[MilestoneReport] = []
        self.today = today
        self.selected = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_reports(self, reports: list[MilestoneReport], today: date) -> None:
        """Show these milestones."""
        self.reports, self.today = reports, today
        self.setMinimumHeight(AXIS + ROW * len(reports) + 18)
        self.setAccessibleDescription(
            "; ".join(f"{r.title}: {r.assessment.state.value}" for r in reports)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        """A row per milestone under a date axis."""
        return QSize(800, AXIS + ROW * max(1, len(self.reports)) + 18)

    def span(self) -> tuple[date, date]:
        """The first and last dates the timeline covers."""
        days = [self.today]
        for report in self.reports:
            days += [d for d in (report.start, report.planned, report.forecast) if d is not None]
        return min(days), max(days) + timedelta(days=1)

    def x_of(self, day: date) -> float:
        """Where a date falls horizontally."""
        first, last = self.span()
        width = max(1.0, self.width() - LABEL_WIDTH - 12)
        return LABEL_WIDTH + width * (day - first).days / max(1, (last - first).days)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Axis with years, rows, bars, diamonds and today's line."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.Mid)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        first, last = self.span()
        painter.setPen(text)
        for year in range(first.year, last.year + 1):
            jan = max(first, date(year, 1, 1))
            x = self.x_of(jan)
            if year == first.year and self.x_of(date(year + 1, 1, 1)) - x < 48:
                continue  # too little of the first year shows to label it
            painter.drawText(QRectF(x + 2, 0, 80, AXIS), Qt.AlignmentFlag.AlignVCenter, str(year))
            painter.setPen(QPen(muted, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, AXIS), QPointF(x, self.height()))
            painter.setPen(text)
        for row, report in enumerate(self.reports):
            top = AXIS + row * ROW
            if report.key == self.selected:
                painter.fillRect(
                    QRectF(0, top, self.width(), ROW),
                    palette.color(QPalette.ColorRole.AlternateBase),
                )
            painter.setPen(text)
            label = self.fontMetrics().elidedText(
                report.title, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 8
            )
            painter.drawText(
                QRectF(4, top, LABEL_WIDTH - 8, ROW), Qt.AlignmentFlag.AlignVCenter, label
            )
            colour = QColor(STATE_COLOURS.get(report.assessment.state, highlight.name()))
            middle = top + ROW / 2
            if report.start is not None:
                bar = QRectF(
                    self.x_of(report.start),
                    middle - 5,
                    max(2.0, self.x_of(report.planned) - self.x_of(report.start)),
                    10,
                )
                faded = QColor(colour)
                faded.setAlpha(90)
                painter.fillRect(bar, faded)
            self._diamond(painter, self.x_of(report.planned), middle, colour, filled=True)
            if report.forecast is not None and report.forecast != report.planned:
                painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
                painter.drawLine(
                    QPointF(self.x_of(report.planned), middle),
                    QPointF(self.x_of(report.forecast), middle),
                )
                self._diamond(painter, self.x_of(report.forecast), middle, colour, filled=False)
        painter.setPen(QPen(highlight, 2))
        x = self.x_of(self.today)
        painter.drawLine(QPointF(x, AXIS - 4), QPointF(x, self.height() - 16))
        bottom = self.height() - 16
        painter.drawText(QRectF(x + 3, bottom, 60, 14), Qt.AlignmentFlag.AlignLeft, "today")
        painter.end()

    @staticmethod
    def _diamond(painter: QPainter, x: float, y: float, colour: QColor, filled: bool) -> None:
        shape = QPolygonF(
            [QPointF(x, y - 7), QPointF(x + 7, y), QPointF(x, y + 7), QPointF(x - 7, y)]
        )
        painter.setPen(QPen(colour, 2))
        painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
        painter.drawPolygon(shape)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def key_at(self, y: float) -> str | None:
        """The milestone of the row under a vertical position."""
        row = int((y - AXIS) // ROW)
        return self.reports[row].key if y >= AXIS and 0 <= row < len(self.reports) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Select the clicked row's milestone."""
        key = self.key_at(event.position().y())
        if key is not None:
            self.select(key)
            self.milestoneClicked.emit(key)

    def select(self, key: str) -> None:
        """Highlight a milestone's row."""
        self.selected = key
        self.update()
