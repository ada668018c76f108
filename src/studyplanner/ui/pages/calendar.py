"""The Calendar page: the plan by month, by week in time slots, or as an agenda."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from enum import IntEnum
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studyplanner.storage.queries.views import SessionView
from studyplanner.ui.models.agenda import AGENDA_DAYS, SESSION_ROLE, AgendaModel
from studyplanner.ui.models.month import MonthModel, MonthRole
from studyplanner.ui.models.session_grid import SessionGridModel
from studyplanner.ui.models.week import WeekModel
from studyplanner.ui.widgets.calendar_delegates import DayDelegate, SlotDelegate
from studyplanner.ui.widgets.session_table import SessionTable


class Mode(IntEnum):
    """The three ways to see the calendar."""

    MONTH = 0
    WEEK = 1
    AGENDA = 2


MODE_NAMES = {Mode.MONTH: "Month", Mode.WEEK: "Week", Mode.AGENDA: "Agenda"}
MODE_KEYS = {Mode.MONTH: "Alt+M", Mode.WEEK: "Alt+W", Mode.AGENDA: "Alt+A"}


class CalendarPage(QWidget):
    """Month, week and agenda views with previous, today and next."""

    sessionActivated = Signal(object)  # a SessionView
    sessionMoved = Signal(object, object)  # a SessionView, its new date

    def __init__(
        self, model: MonthModel, week: WeekModel, agenda: AgendaModel, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.model, self.week_model, self.agenda_model = model, week, agenda
        self.mode = Mode.MONTH
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setAccessibleName("Period shown")
        self.previous_button = self._button("◀", "Previous", "Page Up")
        self.today_button = self._button("Today", "Go to today", "Ctrl+T")
        self.next_button = self._button("▶", "Next", "Page Down")
        self.mode_buttons = QButtonGroup(self)
        mode_row = QHBoxLayout()
        mode_row.setSpacing(0)
        for mode, name in MODE_NAMES.items():
            button = self._button(name, f"{name} view", MODE_KEYS[mode])
            button.setCheckable(True)
            button.setChecked(mode is Mode.MONTH)
            self.mode_buttons.addButton(button, mode)
            mode_row.addWidget(button)

        self.view = self._month_view(model)
        self.week_view = self._week_view(week)
        self.agenda_view = self._agenda_view(agenda)
        self.stack = QStackedWidget()
        for view in (self.view, self.week_view, self.agenda_view):
            self.stack.addWidget(view)

        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addLayout(mode_row)
        bar.addSpacing(16)
        for button in (self.previous_button, self.today_button, self.next_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.mode_buttons.idClicked.connect(lambda mode: self.set_mode(Mode(mode)))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_to_today)
        shortcuts: list[tuple[QKeySequence, Callable[[], object]]] = [
            (QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage), lambda: self.step(-1)),
            (QKeySequence(QKeySequence.StandardKey.MoveToNextPage), lambda: self.step(1)),
            (QKeySequence("Ctrl+T"), self.go_to_today),
        ]
        shortcuts += [(QKeySequence(MODE_KEYS[m]), partial(self.set_mode, m)) for m in Mode]
        for keys, slot in shortcuts:
            QShortcut(keys, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for source in (model, week, agenda):
            source.modelReset.connect(self._update_title)
        self._update_title()

    # Building

    @staticmethod
    def _button(text: str, name: str, keys: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({keys})")
        return button

    def _table(
        self,
        model: SessionGridModel,
        delegate: type[DayDelegate | SlotDelegate],
        name: str,
        rows_name: str,
    ) -> SessionTable:
        """A calendar table: one selected cell, sessions that open and can be dragged."""
        view = SessionTable()
        view.setModel(model)
        view.setItemDelegate(delegate(view))
        view.setAccessibleName(name)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.horizontalHeader().setAccessibleName("Days of the week")
        view.verticalHeader().setAccessibleName(rows_name)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.sessionDropped.connect(self.sessionMoved)
        view.activated.connect(self._cell_activated)
        return view

    def _month_view(self, model: MonthModel) -> SessionTable:
        view = self._table(model, DayDelegate, "Month calendar", "Weeks")
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return view

    def _week_view(self, model: WeekModel) -> SessionTable:
        view = self._table(model, SlotDelegate, "Week calendar", "Times of day")
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        model.modelReset.connect(self._apply_spans)
        return view

    def _agenda_view(self, model: AgendaModel) -> QTreeView:
        view = QTreeView()
        view.setModel(model)
        view.setHeaderHidden(True)
        view.header().setAccessibleName("Agenda heading")
        view.setAccessibleName("Agenda")
        view.setUniformRowHeights(True)
        view.activated.connect(self._entry_activated)
        model.modelReset.connect(view.expandAll)
        return view

    # Navigation

    def set_mode(self, mode: Mode) -> None:
        """Show the month, the week or the agenda, around the same date."""
        anchor = self._anchor()
        self.mode = mode
        self.mode_buttons.button(mode).setChecked(True)
        self.stack.setCurrentIndex(mode)
        self.show_date(anchor)

    def step(self, count: int) -> None:
        """Show the previous or next month, week or four weeks."""
        if self.mode is Mode.MONTH:
            self.model.step(count)
        elif self.mode is Mode.WEEK:
            self.week_model.step(count)
        else:
            self.agenda_model.show_from(self.agenda_model.first + timedelta(AGENDA_DAYS * count))

    def go_to_today(self) -> None:
        """Show the period holding today, with today selected."""
        self.show_date(self.model.today)

    def show_date(self, day: date) -> None:
        """Show the period holding ``day``."""
        self.model.show_month(day.year, day.month)
        self.view.setCurrentIndex(self.model.index_of(day))
        self.week_model.show_week_of(day)
        self.agenda_model.show_from(day)

    def _anchor(self) -> date:
        if self.mode is Mode.WEEK:
            return self.week_model.start
        if self.mode is Mode.AGENDA:
            return self.agenda_model.first
        current = self.view.currentIndex()
        if current.isValid():
            day: date = current.data(MonthRole.DATE)
            return day
        return date(self.model.year, self.model.month, 1)

    def _apply_spans(self) -> None:
        busiest = max(
            (len(self.week_model.index(0, c).data(MonthRole.SESSIONS)) for c in range(7)),
            default=0,
        )
        line = self.week_view.fontMetrics().height() + 6
        self.week_view.setRowHeight(0, line * max(1, busiest) + 2)
        self.week_view.clearSpans()
        for row, column, rows in self.week_model.spans():
            if rows > 1:
                self.week_view.setSpan(row, column, rows, 1)

    def _update_title(self) -> None:
        if self.mode is Mode.WEEK:
            first = self.week_model.start
            last = first + timedelta(days=6)
            self.title.setText(f"{first:%d %B} – {last:%d %B %Y}")
        elif self.mode is Mode.AGENDA:
            first, last = self.agenda_model.first, self.agenda_model.last
            self.title.setText(f"{first:%d %B} – {last:%d %B %Y}")
        else:
            self.title.setText(date(self.model.year, self.model.month, 1).strftime("%B %Y"))

    # Opening sessions

    def _cell_activated(self, index: QModelIndex) -> None:
        """Enter or a double-click opens the cell's session, or asks which one."""
        sessions: list[SessionView] = index.data(MonthRole.SESSIONS) or []
        if len(sessions) == 1:
            self.sessionActivated.emit(sessions[0])
        elif sessions:
            view = self.view if self.mode is Mode.MONTH else self.week_view
            menu = QMenu(self)
            for session in sessions:
                action = menu.addAction(f"{session.title} ({session.minutes} min)")
                action.triggered.connect(lambda _=False, s=session: self.sessionActivated.emit(s))
            menu.exec(view.viewport().mapToGlobal(view.visualRect(index).center()))

    def _entry_activated(self, index: QModelIndex) -> None:
        session = index.data(SESSION_ROLE)
        if session is not None:
            self.sessionActivated.emit(session)
