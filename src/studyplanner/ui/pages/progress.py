"""The Progress page: the plan's numbers and outlook, then the flashcards' statistics."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyplanner.core.planning.progress import WeekProgress
from studyplanner.core.planning.replan import Outlook
from studyplanner.storage.queries.views import CardStats, PlanSummary
from studyplanner.ui.models.text_table import TextTableModel
from studyplanner.ui.widgets.charts import BarChart, Heatmap, LineChart, Series


class ProgressPage(QScrollArea):
    """Text for the plan; a heatmap, retention and a due forecast for the cards."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Progress")
        self._week_starts: list[date] = []  # the burn-up's weeks
        heading = QLabel("Progress")
        heading.setObjectName("pageTitle")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAccessibleName("Progress summary")
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # holds the plan's name
        study_heading = QLabel("<b>Study</b>")
        self.study = QLabel()
        self.study.setWordWrap(True)
        self.study.setAccessibleName("Streak and hours")
        self.weekly = BarChart()
        self.weekly.label_every = 4
        self.weekly.setAccessibleName("Minutes planned and done, week by week")
        self.burnup = LineChart()
        self.burnup.setAccessibleName("Minutes done against minutes planned, added up")
        self.weekly_numbers = TextTableModel(
            ("Week", "Planned", "Done", "Planned so far", "Done so far"), self
        )
        self.weekly_table = _numbers_table(self.weekly_numbers, "Minutes week by week")
        self.weekly_button = _numbers_button(self.weekly_table, "the weekly minutes")
        cards_heading = QLabel("<b>Flashcards</b>")
        self.retention = QLabel()
        self.retention.setWordWrap(True)
        self.retention.setAccessibleName("Retention")
        self.heatmap = Heatmap(today)
        self.heatmap.setAccessibleName("Answers per day over the last year")
        self.answer_numbers = TextTableModel(("Day", "Answers"), self)
        self.answer_table = _numbers_table(self.answer_numbers, "Answers, day by day")
        self.answer_button = _numbers_button(self.answer_table, "the answers per day")
        self.forecast = BarChart()
        self.forecast.setAccessibleName("Cards due on each of the next 30 days")
        self.forecast_numbers = TextTableModel(("Day", "Cards due"), self)
        self.forecast_table = _numbers_table(self.forecast_numbers, "Cards due, day by day")
        self.numbers_button = _numbers_button(self.forecast_table, "the forecast")

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(heading)
        layout.addWidget(self.body)
        layout.addSpacing(12)
        layout.addWidget(study_heading)
        layout.addWidget(self.study)
        layout.addLayout(
            _caption_row(
                "Minutes per week: planned (grey) and done (in colour)", self.weekly_button
            )
        )
        layout.addWidget(self.weekly)
        layout.addWidget(self.weekly_table)
        layout.addWidget(
            QLabel("Burn-up: minutes done (in colour) against planned (grey), added up")
        )
        layout.addWidget(self.burnup)
        layout.addSpacing(12)
        layout.addWidget(cards_heading)
        layout.addWidget(self.retention)
        layout.addLayout(_caption_row("Answers per day, last 12 months", self.answer_button))
        layout.addWidget(self.heatmap)
        layout.addWidget(self.answer_table)
        layout.addLayout(_caption_row("Cards due, next 30 days", self.numbers_button))
        layout.addWidget(self.forecast)
        layout.addWidget(self.forecast_table)
        layout.addStretch(1)
        self.setWidget(content)

    def show_cards(self, stats: CardStats, today: date) -> None:
        """Fill the flashcards part."""
        self.heatmap.set_counts(stats.answers_by_day, today)
        self.answer_numbers.set_rows(
            [(f"{day:%a %d %b %Y}", str(n)) for day, n in sorted(stats.answers_by_day.items()) if n]
        )
        passed, total = stats.retention
        rate = stats.retention_rate
        answered = sum(stats.answers_by_day.values())
        days = sum(1 for n in stats.answers_by_day.values() if n)
        self.retention.setText(
            (
                f"True retention over the last 30 days: {rate:.0%} "
                f"({passed} of {total} reviews remembered). "
                if rate is not None
                else "True retention appears once you have reviewed cards that were due. "
            )
            + f"{answered} answers on {days} days in the last year."
        )
        values = [(f"{day:%d %b}", count) for day, count in stats.forecast]
        self.forecast.set_values(values)
        self.forecast_numbers.set_rows([(f"{day:%a %d %b}", str(n)) for day, n in stats.forecast])

    def show_forecast_finish(self, day: date | None) -> None:
        """Mark on the burn-up where the plan ends at the learner's own pace."""
        starts = self._week_starts
        self.burnup.finish = (
            None
            if day is None or not starts
            else (_week_index(starts, day), f"forecast finish {day:%d %b %Y}")
        )
        self.burnup.update()

    def show_study(self, weeks: list[WeekProgress], today: date, streak: int, hours: float) -> None:
        """Fill the study part: streak and hours, weekly bars, the burn-up."""
        self.study.setText(
            f"Streak: {streak} day{'s' if streak != 1 else ''} in a row with study done. "
            f"{hours:.1f} hours studied in all."
        )
        shown = [w for w in weeks if w.start <= today][-26:]  # the last six months
        labels = [f"{w.start:%d %b}" for w in shown]
        self.weekly.set_series(
            labels,
            [
                Series(
                    "planned", tuple(w.planned for w in shown), QPalette.ColorRole.PlaceholderText
                ),
                Series("done", tuple(w.done for w in shown)),
            ],
        )
        self._week_starts = [w.start for w in weeks]
        marker = next((n for n, w in enumerate(weeks) if w.start > today), len(weeks)) - 1
        self.burnup.set_series(
            [f"{w.start:%d %b %Y}" for w in weeks],
            [
                Series(
                    "planned",
                    tuple(w.planned_total for w in weeks),
                    QPalette.ColorRole.PlaceholderText,
                ),
                Series("done", tuple(w.done_total for w in weeks if w.start <= today)),
            ],
            max(marker, 0) if weeks else None,
        )
        self.weekly_numbers.set_rows(
            [
                (
                    f"{w.start:%d %b %Y}",
                    str(w.planned),
                    str(w.done),
                    str(w.planned_total),
                    str(w.done_total),
                )
                for w in weeks
            ]
        )


def _week_index(starts: list[date], day: date) -> int:
    """The index of the week holding ``day`` (the last week for later days)."""
    return max(0, sum(1 for start in starts if start <= day) - 1)


def _caption_row(caption: str, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(QLabel(caption), 1)
    row.addWidget(button)
    return row


def _numbers_table(model: TextTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.horizontalHeader().setAccessibleName(f"{name}: columns")
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.verticalHeader().setAccessibleName(f"{name}: rows")
    table.setMinimumHeight(220)
    table.hide()
    return table


def _numbers_button(table: QTableView, what: str) -> QPushButton:
    """A button that shows a chart's numbers as a table, and hides them again."""
    button = QPushButton("Show Numbers")
    button.setAccessibleName(f"Show {what} as a table")
    button.setCheckable(True)

    def toggled(shown: bool) -> None:
        table.setVisible(shown)
        button.setText("Hide Numbers" if shown else "Show Numbers")

    button.toggled.connect(toggled)
    return button


def progress_text(plan: PlanSummary | None, outlook: Outlook | None = None) -> str:
    """What the Progress page says; the outlook arrives when it has been worked out."""
    if plan is None:
        return "Create a plan to see its numbers here."
    hours = plan.minutes / 60
    text = (
        f"{plan.name}: {plan.sessions} sessions, {hours:.0f} hours of study, "
        f"from {plan.start:%d %B %Y} to {plan.finish:%d %B %Y}."
    )
    return f"{text}\n\n{outlook.describe()}" if outlook else text
