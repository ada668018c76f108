"""The Progress page: the plan's numbers and outlook, then the flashcards' statistics."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyplanner.core.planning.replan import Outlook
from studyplanner.storage.views import CardStats, PlanSummary
from studyplanner.ui.charts import BarChart, Heatmap
from studyplanner.ui.models.pairs import PairTableModel


class ProgressPage(QScrollArea):
    """Text for the plan; a heatmap, retention and a due forecast for the cards."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Progress")
        heading = QLabel("Progress")
        heading.setObjectName("pageTitle")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAccessibleName("Progress summary")
        cards_heading = QLabel("<b>Flashcards</b>")
        self.retention = QLabel()
        self.retention.setWordWrap(True)
        self.retention.setAccessibleName("Retention")
        self.heatmap = Heatmap()
        self.heatmap.setAccessibleName("Answers per day over the last year")
        self.forecast = BarChart()
        self.forecast.setAccessibleName("Cards due on each of the next 30 days")
        self.forecast_numbers = PairTableModel(("Day", "Cards due"), self)
        self.forecast_table = QTableView()
        self.forecast_table.setModel(self.forecast_numbers)
        self.forecast_table.setAccessibleName("Cards due, day by day")
        self.forecast_table.horizontalHeader().setAccessibleName("Forecast columns")
        self.forecast_table.horizontalHeader().setStretchLastSection(True)
        self.forecast_table.verticalHeader().hide()
        self.forecast_table.verticalHeader().setAccessibleName("Forecast rows")
        self.forecast_table.setMinimumHeight(220)
        self.forecast_table.hide()
        self.numbers_button = QPushButton("Show Numbers")
        self.numbers_button.setAccessibleName("Show the forecast as a table")
        self.numbers_button.setCheckable(True)
        self.numbers_button.toggled.connect(self._show_numbers)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(heading)
        layout.addWidget(self.body)
        layout.addSpacing(12)
        layout.addWidget(cards_heading)
        layout.addWidget(self.retention)
        layout.addWidget(QLabel("Answers per day, last 12 months"))
        layout.addWidget(self.heatmap)
        forecast_row = QHBoxLayout()
        forecast_row.addWidget(QLabel("Cards due, next 30 days"), 1)
        forecast_row.addWidget(self.numbers_button)
        layout.addLayout(forecast_row)
        layout.addWidget(self.forecast)
        layout.addWidget(self.forecast_table)
        layout.addStretch(1)
        self.setWidget(content)

    def show_cards(self, stats: CardStats, today: date) -> None:
        """Fill the flashcards part."""
        self.heatmap.set_counts(stats.answers_by_day, today)
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

    def _show_numbers(self, shown: bool) -> None:
        self.forecast_table.setVisible(shown)
        self.numbers_button.setText("Hide Numbers" if shown else "Show Numbers")


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
