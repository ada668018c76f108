"""Painting calendar cells: a day of the month, or a slot of the week."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.common.palette import stage_colour
from studyplanner.ui.models.base import AnyIndex
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.models.sessions import status_mark


@runtime_checkable
class StageOrder(Protocol):
    """A model that knows each stage's place in its roadmap."""

    def stage_index(self, stage_id: str) -> int:
        """The stage's position."""
        ...


def paint_chip(
    painter: QPainter,
    rect: QRect,
    session: SessionView,
    stage_index: int,
    palette: QPalette,
    metrics: QFontMetrics,
) -> None:
    """A session as a tinted bar in its stage's colour: mark, title and minutes."""
    colour = stage_colour(stage_index)
    painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), colour)
    colour.setAlpha(40)
    painter.fillRect(rect.adjusted(4, 0, 0, 0), colour)
    length = f"{session.minutes}m"
    room = rect.width() - 16 - metrics.horizontalAdvance(length)
    title = status_mark(session) + session.title
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    top_line = rect.adjusted(8, 0, -4, 0)
    top_line.setHeight(min(rect.height(), metrics.height() + 2))
    painter.drawText(
        top_line,
        Qt.AlignmentFlag.AlignVCenter,
        metrics.elidedText(title, Qt.TextElideMode.ElideRight, room),
    )
    painter.drawText(top_line, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, length)


def paint_selection(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    """A selected cell is outlined, so its content stays readable."""
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(1, 1, -1, -1))


class DayDelegate(QStyledItemDelegate):
    """Paints a day: its number, then one coloured line per session."""

    @staticmethod
    def chip_rects(rect: QRect, count: int, metrics: QFontMetrics) -> list[QRect]:
        """Where the sessions of a day are drawn; some may not fit."""
        line = metrics.height() + 2
        top = rect.top() + 4 + line + 2
        room = max(0, (rect.bottom() - top) // line)
        shown = count if count <= room else max(room - 1, 0)
        return [
            QRect(rect.left() + 4, top + n * line, rect.width() - 8, line - 2) for n in range(shown)
        ]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """Draw one day cell."""
        model = index.model()
        palette: QPalette = option.palette
        rect: QRect = option.rect
        metrics: QFontMetrics = option.fontMetrics
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        in_month = bool(index.data(MonthRole.IN_MONTH))
        role = QPalette.ColorRole.Base if in_month else QPalette.ColorRole.AlternateBase
        painter.fillRect(rect, palette.color(role))
        text_colour = palette.color(QPalette.ColorRole.Text)
        if not in_month:
            text_colour = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        line = metrics.height() + 2
        number = QRect(rect.left() + 6, rect.top() + 4, rect.width() - 12, line)
        if index.data(MonthRole.IS_TODAY):
            width = metrics.horizontalAdvance("00") + 8
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(QRect(number.left() - 3, number.top(), width, line), 6, 6)
            text_colour = palette.color(QPalette.ColorRole.HighlightedText)
        painter.setPen(text_colour)
        painter.drawText(
            number,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            index.data(Qt.ItemDataRole.DisplayRole),
        )
        sessions = index.data(MonthRole.SESSIONS) or []
        chips = self.chip_rects(rect, len(sessions), metrics)
        for chip, session in zip(chips, sessions, strict=False):
            paint_chip(painter, chip, session, _stage(model, session), palette, metrics)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        if len(chips) < len(sessions):
            below = chips[-1].bottom() + 2 if chips else number.bottom() + 3
            painter.drawText(
                QRect(rect.left() + 8, below, rect.width() - 12, line),
                Qt.AlignmentFlag.AlignVCenter,
                f"+{len(sessions) - len(chips)} more",
            )
        if selected:
            paint_selection(painter, rect, palette)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """Room for the number and a few sessions."""
        line = option.fontMetrics.height() + 2
        return QSize(120, line * 4 + 8)


class SlotDelegate(QStyledItemDelegate):
    """Paints a week slot: the sessions starting in it fill its (merged) height."""

    @staticmethod
    def chip_rects(rect: QRect, count: int, metrics: QFontMetrics) -> list[QRect]:
        """The sessions of a slot share its height."""
        if not count:
            return []
        height = max(metrics.height() + 2, (rect.height() - 2) // count)
        return [
            QRect(rect.left() + 2, rect.top() + 1 + n * height, rect.width() - 4, height - 1)
            for n in range(count)
        ]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """Draw one slot."""
        palette: QPalette = option.palette
        rect: QRect = option.rect
        metrics: QFontMetrics = option.fontMetrics
        painter.save()
        today = bool(index.data(MonthRole.IS_TODAY))
        role = QPalette.ColorRole.AlternateBase if today else QPalette.ColorRole.Base
        painter.fillRect(rect, palette.color(role))
        sessions = index.data(MonthRole.SESSIONS) or []
        for chip, session in zip(
            self.chip_rects(rect, len(sessions), metrics), sessions, strict=False
        ):
            paint_chip(painter, chip, session, _stage(index.model(), session), palette, metrics)
        if option.state & QStyle.StateFlag.State_Selected:
            paint_selection(painter, rect, palette)
        painter.restore()


def _stage(model: object, session: SessionView) -> int:
    return model.stage_index(session.stage_id) if isinstance(model, StageOrder) else 0
