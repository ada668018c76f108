"""The Calendar page: a month of the plan, sessions drawn on their days."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPalette, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyplanner.ui.models.month import MonthModel, MonthRole
from studyplanner.ui.models.sessions import STATUS_MARKS
from studyplanner.ui.palette import stage_colour

AnyIndex = QModelIndex | QPersistentModelIndex


class DayDelegate(QStyledItemDelegate):
    """Paints a day: its number, then one coloured line per session."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """Draw one day cell."""
        model = index.model()
        assert isinstance(model, MonthModel)
        palette = option.palette
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        in_month = bool(index.data(MonthRole.IN_MONTH))
        role = QPalette.ColorRole.Base if in_month else QPalette.ColorRole.AlternateBase
        painter.fillRect(rect, palette.color(role))
        text_colour = palette.color(QPalette.ColorRole.Text)
        if not in_month:
            text_colour = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        metrics = option.fontMetrics
        line = metrics.height() + 2
        number = QRect(rect.left() + 6, rect.top() + 4, rect.width() - 12, line)
        if index.data(MonthRole.IS_TODAY):
            badge = QRect(
                number.left() - 3, number.top(), metrics.horizontalAdvance("00") + 8, line
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge, 6, 6)
            text_colour = palette.color(QPalette.ColorRole.HighlightedText)
        painter.setPen(text_colour)
        painter.drawText(
            number,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            index.data(Qt.ItemDataRole.DisplayRole),
        )
        sessions = index.data(MonthRole.SESSIONS) or []
        top = number.bottom() + 3
        room = max(0, (rect.bottom() - top) // line)
        shown = sessions if len(sessions) <= room else sessions[: max(room - 1, 0)]
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        for session in shown:
            chip = QRect(rect.left() + 4, top, rect.width() - 8, line - 2)
            colour = stage_colour(model.stage_index(session.stage_id))
            painter.fillRect(QRect(chip.left(), chip.top(), 4, chip.height()), colour)
            colour.setAlpha(40)
            painter.fillRect(
                QRect(chip.left() + 4, chip.top(), chip.width() - 4, chip.height()), colour
            )
            length = f"{session.minutes}m"
            room_for_title = chip.width() - 16 - metrics.horizontalAdvance(length)
            title = STATUS_MARKS.get(session.status, "") + session.title
            label = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room_for_title)
            painter.drawText(chip.adjusted(8, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, label)
            painter.drawText(
                chip.adjusted(0, 0, -4, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                length,
            )
            top += line
        if selected:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.setPen(palette.color(QPalette.ColorRole.Text))
        if len(shown) < len(sessions):
            painter.drawText(
                QRect(rect.left() + 8, top, rect.width() - 12, line),
                Qt.AlignmentFlag.AlignVCenter,
                f"+{len(sessions) - len(shown)} more",
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        """Room for the number and a few sessions."""
        line = option.fontMetrics.height() + 2
        return QSize(120, line * 4 + 8)


class CalendarPage(QWidget):
    """A month view with previous, today and next."""

    sessionActivated = Signal(object)  # noqa: N815  (a SessionView)

    def __init__(self, model: MonthModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setAccessibleName("Month shown")
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip("Previous month (Page Up)")
        self.previous_button.setAccessibleName("Previous month")
        self.today_button = QPushButton("Today")
        self.today_button.setToolTip("Go to today (Ctrl+T)")
        self.today_button.setAccessibleName("Go to today")
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip("Next month (Page Down)")
        self.next_button.setAccessibleName("Next month")
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setItemDelegate(DayDelegate(self.view))
        self.view.setAccessibleName("Month calendar")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setAccessibleName("Weeks")
        self.view.horizontalHeader().setAccessibleName("Days of the week")
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setShowGrid(True)
        self.view.setMouseTracking(True)

        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for button in (self.previous_button, self.today_button, self.next_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_to_today)
        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage), lambda: self.step(-1)),
            (QKeySequence(QKeySequence.StandardKey.MoveToNextPage), lambda: self.step(1)),
            (QKeySequence("Ctrl+T"), self.go_to_today),
        ):
            QShortcut(keys, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.activated.connect(self._day_activated)
        model.modelReset.connect(self._update_title)
        self._update_title()

    def step(self, months: int) -> None:
        """Show an earlier or later month."""
        self.model.step(months)

    def go_to_today(self) -> None:
        """Show the month holding today, with today selected."""
        today = self.model.today
        self.show_date(today)

    def show_date(self, day: date) -> None:
        """Show the month holding ``day`` and select it."""
        self.model.show_month(day.year, day.month)
        self.view.setCurrentIndex(self.model.index_of(day))

    def _day_activated(self, index: QModelIndex) -> None:
        """Enter or a double-click opens the day's session, or asks which one."""
        sessions = index.data(MonthRole.SESSIONS) or []
        if len(sessions) == 1:
            self.sessionActivated.emit(sessions[0])
        elif sessions:
            menu = QMenu(self)
            for session in sessions:
                action = menu.addAction(f"{session.title} ({session.minutes} min)")
                action.triggered.connect(lambda _=False, s=session: self.sessionActivated.emit(s))
            menu.exec(self.view.viewport().mapToGlobal(self.view.visualRect(index).center()))

    def _update_title(self) -> None:
        self.title.setText(date(self.model.year, self.model.month, 1).strftime("%B %Y"))
