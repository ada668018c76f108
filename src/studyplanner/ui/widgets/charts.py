"""Small charts painted with QPainter in the palette's colours: a year heatmap and bars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

CELL, GAP, WEEKS = 11, 2, 53
MAX_GROUP = 48  # the widest a label's group of bars gets


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

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.counts: dict[date, int] = {}
        self.today = today
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

    def sizeHint(self) -> QSize:
        """Room for 53 weeks of 7 days."""
        return QSize(WEEKS * (CELL + GAP), 7 * (CELL + GAP))

    def day_at(self, x: float, y: float) -> date | None:
        """The day under a point, if any."""
        column, row = int(x // (CELL + GAP)), int(y // (CELL + GAP))
        if not (0 <= column < WEEKS and 0 <= row < 7):
            return None
        day = self.first_day() + timedelta(weeks=column, days=row)
        return day if day <= self.today else None

    def paintEvent(self, _event: QPaintEvent) -> None:
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


@dataclass(frozen=True)
class Series:
    """One named run of values, drawn in a palette role's colour."""

    name: str
    values: tuple[int, ...]
    role: QPalette.ColorRole = QPalette.ColorRole.Highlight


class BarChart(QWidget):
    """Labelled vertical bars: one bar per label, or grouped bars for several series."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.label_every = 7
        self.setMinimumHeight(140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    @property
    def values(self) -> list[tuple[str, int]]:
        """The first series with its labels."""
        first = self.series[0].values if self.series else ()
        return list(zip(self.labels, first, strict=False))

    def set_values(self, values: list[tuple[str, int]]) -> None:
        """Show one series of bars."""
        self.set_series([label for label, _n in values], [Series("", tuple(n for _l, n in values))])

    def set_series(self, labels: list[str], series: list[Series]) -> None:
        """Show several series, grouped by label."""
        self.labels, self.series = labels, series
        self.setAccessibleDescription(
            "; ".join(
                f"{label}: " + ", ".join(f"{s.name} {s.values[n]}".strip() for s in series)
                for n, label in enumerate(labels)
            )
        )
        self.update()

    def bar_at(self, x: float) -> int | None:
        """The label group under a horizontal position."""
        if not self.labels:
            return None
        index = int(x / min(MAX_GROUP, self.width() / len(self.labels)))
        return index if 0 <= index < len(self.labels) else None

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Bars scaled to the largest value, with every ``label_every``-th label beneath."""
        if not self.labels or not self.series:
            return
        painter = QPainter(self)
        palette = self.palette()
        text_height = self.fontMetrics().height()
        chart_height = self.height() - text_height - 4
        group = min(MAX_GROUP, self.width() / len(self.labels))  # a few bars stay slim
        bar = max(1.0, (group - 2) / len(self.series))
        most = max((max(s.values, default=0) for s in self.series), default=0) or 1
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        for index, label in enumerate(self.labels):
            for number, series in enumerate(self.series):
                height = chart_height * series.values[index] / most
                left = index * group + 1 + number * bar
                rect = QRectF(left, chart_height - height, max(1.0, bar - 1), height)
                painter.fillRect(rect, palette.color(series.role))
            if index % self.label_every == 0:
                painter.drawText(
                    QRectF(index * group, chart_height + 2, group * self.label_every, text_height),
                    Qt.AlignmentFlag.AlignLeft,
                    label,
                )
        painter.end()

    def event(self, event: QEvent) -> bool:
        """Tooltips give each label's values."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos().x())
            if index is not None:
                parts = [f"{s.name} {s.values[index]}".strip() for s in self.series]
                QToolTip.showText(
                    event.globalPos(), f"{self.labels[index]}: {', '.join(parts)}", self
                )
            return True
        return super().event(event)


class LineChart(QWidget):
    """Lines over labelled points, with an optional marked point (today, say)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.marker: int | None = None
        self.finish: tuple[int, str] | None = None  # a second mark, with its label
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_series(self, labels: list[str], series: list[Series], marker: int | None) -> None:
        """Show these lines; ``marker`` is the index of the point to mark with a line."""
        self.labels, self.series, self.marker = labels, series, marker
        last = {s.name: s.values[-1] for s in series if s.values}
        self.setAccessibleDescription(", ".join(f"{name}: {n}" for name, n in last.items()))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """The lines, scaled to the largest value, first and last labels beneath."""
        if len(self.labels) < 2 or not self.series:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_height = self.fontMetrics().height()
        height = self.height() - text_height - 6
        step = (self.width() - 2) / (len(self.labels) - 1)
        most = max((max(s.values, default=0) for s in self.series), default=0) or 1
        for series in self.series:
            points = [
                QPointF(1 + n * step, height - height * value / most + 2)
                for n, value in enumerate(series.values)
            ]
            painter.setPen(QPen(palette.color(series.role), 2))
            painter.drawPolyline(points)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        if self.marker is not None:
            x = 1 + self.marker * step
            painter.setPen(
                QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine)
            )
            painter.drawLine(QPointF(x, 0), QPointF(x, height + 2))
            painter.setPen(palette.color(QPalette.ColorRole.Text))
        if self.finish is not None:
            index, label = self.finish
            x = 1 + min(index, len(self.labels) - 1) * step
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, 0), QPointF(x, height + 2))
            painter.drawText(
                QRectF(x - 204, 0, 200, text_height), Qt.AlignmentFlag.AlignRight, label
            )
            painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            QRectF(0, height + 4, 200, text_height), Qt.AlignmentFlag.AlignLeft, self.labels[0]
        )
        painter.drawText(
            QRectF(self.width() - 200, height + 4, 200, text_height),
            Qt.AlignmentFlag.AlignRight,
            self.labels[-1],
        )
        painter.end()
