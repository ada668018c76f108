"""Small charts painted with QPainter in the palette's colours: a year heatmap and bars."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

CELL, GAP, WEEKS = 11, 2, 53


def shade(base: QColor, background: QColor, share: float) -> QColor:
    """``base`` faded towards ``background``: share 0 is the background, 1 is the colour."""
    mix = max(0.0, min(1.0, share))
    return QColor(
        round(background.red() + (base.red() - background.red()) * mix),
        round(background.green() + (base.green() - background.green()) * mix),
        round(background.blue() + (base.blue() - background.blue()) * mix),
    )


class Heatmap(QWidget):
    """A year of days as squares, a column a week, darker for more answers."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.counts: dict[date, int] = {}
        self.today = date.today()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_counts(self, counts: dict[date, int], today: date) -> None:
        """Show these answers per day, in the year up to ``today``."""
        self.counts, self.today = counts, today
        total = sum(counts.values())
        self.setAccessibleDescription(
            f"{total} answers on {sum(1 for n in counts.values() if n)} days in the last year"
        )
        self.update()

    def first_day(self) -> date:
        """The Monday of the first column."""
        monday = self.today - timedelta(days=self.today.weekday())
        return monday - timedelta(weeks=WEEKS - 1)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Room for 53 weeks of 7 days."""
        return QSize(WEEKS * (CELL + GAP), 7 * (CELL + GAP))

    def day_at(self, x: float, y: float) -> date | None:
        """The day under a point, if any."""
        column, row = int(x // (CELL + GAP)), int(y // (CELL + GAP))
        if not (0 <= column < WEEKS and 0 <= row < 7):
            return None
        day = self.first_day() + timedelta(weeks=column, days=row)
        return day if day <= self.today else None

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        """One square a day."""
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Highlight)
        empty = palette.color(QPalette.ColorRole.AlternateBase)
        background = palette.color(QPalette.ColorRole.Base)
        most = max(self.counts.values(), default=0)
        first = self.first_day()
        for column in range(WEEKS):
            for row in range(7):
                day = first + timedelta(weeks=column, days=row)
                if day > self.today:
                    continue
                count = self.counts.get(day, 0)
                colour = empty if count == 0 else shade(base, background, 0.3 + 0.7 * count / most)
                rect = QRectF(column * (CELL + GAP), row * (CELL + GAP), CELL, CELL)
                painter.fillRect(rect, colour)
        painter.end()

    def event(self, event: QEvent) -> bool:
        """Tooltips name the day and its count."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos().x(), event.pos().y())
            if day is not None:
                count = self.counts.get(day, 0)
                QToolTip.showText(event.globalPos(), f"{day:%a %d %b %Y}: {count} answers", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class BarChart(QWidget):
    """Labelled vertical bars, one per value."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.values: list[tuple[str, int]] = []
        self.setMinimumHeight(140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, values: list[tuple[str, int]]) -> None:
        """Show these bars."""
        self.values = values
        self.setAccessibleDescription(", ".join(f"{label}: {n}" for label, n in values))
        self.update()

    def bar_at(self, x: float) -> int | None:
        """The bar under a horizontal position."""
        if not self.values:
            return None
        index = int(x / (self.width() / len(self.values)))
        return index if 0 <= index < len(self.values) else None

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        """Bars scaled to the largest, with the first label of each week beneath."""
        if not self.values:
            return
        painter = QPainter(self)
        palette = self.palette()
        text_height = self.fontMetrics().height()
        chart_height = self.height() - text_height - 4
        width = self.width() / len(self.values)
        most = max((n for _label, n in self.values), default=0) or 1
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        for index, (label, count) in enumerate(self.values):
            height = chart_height * count / most
            rect = QRectF(index * width + 1, chart_height - height, max(1.0, width - 2), height)
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            if index % 7 == 0:
                painter.drawText(
                    QRectF(index * width, chart_height + 2, width * 7, text_height),
                    Qt.AlignmentFlag.AlignLeft,
                    label,
                )
        painter.end()

    def event(self, event: QEvent) -> bool:
        """Tooltips give each bar's label and value."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos().x())
            if index is not None:
                label, count = self.values[index]
                QToolTip.showText(event.globalPos(), f"{label}: {count}", self)
            return True
        return super().event(event)
