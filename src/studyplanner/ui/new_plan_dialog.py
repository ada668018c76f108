"""The dialog that makes a plan: roadmap, start date, weekly minutes and pace."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studyplanner.core.planning.planner import PlanningError, finish_dates, make_plan
from studyplanner.core.planning.request import Pace, PlanRequest
from studyplanner.core.planning.week import WEEKDAYS, WeeklyAvailability
from studyplanner.ui.models.roadmaps import RoadmapListModel

DEFAULT_MINUTES = (60, 60, 60, 60, 60, 120, 0)
PREVIEW_DELAY_MS = 150
PACE_LABELS = {
    Pace.FAST: "Fast — low end of each estimate",
    Pace.STEADY: "Steady — middle of each estimate",
    Pace.THOROUGH: "Thorough — high end of each estimate",
}


class WeekEditor(QWidget):
    """Minutes of study for each weekday."""

    def __init__(self, minutes: tuple[int, ...] = DEFAULT_MINUTES, parent: Any = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.spins: list[QSpinBox] = []
        for column, (name, value) in enumerate(zip(WEEKDAYS, minutes, strict=True)):
            label = QLabel(name[:3])
            spin = QSpinBox()
            spin.setRange(0, 12 * 60)
            spin.setSingleStep(15)
            spin.setSuffix(" min")
            spin.setValue(value)
            spin.setAccessibleName(f"Minutes on {name}")
            label.setBuddy(spin)
            grid.addWidget(label, 0, column)
            grid.addWidget(spin, 1, column)
            self.spins.append(spin)

    def availability(self) -> WeeklyAvailability:
        """The week as entered."""
        values = tuple(spin.value() for spin in self.spins)
        return WeeklyAvailability(values)  # type: ignore[arg-type]


class NewPlanDialog(QDialog):
    """Collects a plan request and previews its finish date before anything is saved."""

    def __init__(
        self,
        roadmaps: RoadmapListModel,
        today: date,
        roadmap_id: str | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New plan")
        self.roadmaps = roadmaps
        self.roadmap_box = QComboBox()
        self.roadmap_box.setModel(roadmaps)
        self.roadmap_box.setAccessibleName("Roadmap")
        if roadmap_id is not None:
            self.roadmap_box.setCurrentIndex(max(roadmaps.row_of(roadmap_id), 0))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Plan name")
        self.name_edit.setPlaceholderText("Named after the roadmap")
        self.start_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setAccessibleName("Start date")
        self.week = WeekEditor()
        self.pace_box = QComboBox()
        self.pace_box.setAccessibleName("Pace")
        for pace, label in PACE_LABELS.items():
            self.pace_box.addItem(label, pace.value)
        self.pace_box.setCurrentIndex(list(PACE_LABELS).index(Pace.STEADY))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Plan preview")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Create plan")
        ok.setAccessibleName("Create plan")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Roadmap:", self.roadmap_box)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Start on:", self.start_edit)
        form.addRow("Study time per day:", self.week)
        form.addRow("&Pace:", self.pace_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)

        # Typing in a spin box changes it at every key: preview once the typing pauses.
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_preview)
        self.roadmap_box.currentIndexChanged.connect(self.preview_timer.start)
        self.start_edit.dateChanged.connect(self.preview_timer.start)
        self.pace_box.currentIndexChanged.connect(self.preview_timer.start)
        for spin in self.week.spins:
            spin.valueChanged.connect(self.preview_timer.start)
        self.update_preview()

    def plan_name(self) -> str:
        """The name typed, or the roadmap's title."""
        typed = self.name_edit.text().strip()
        return typed or self.roadmaps.roadmap(self.roadmap_box.currentIndex()).title

    def request(self) -> PlanRequest:
        """The plan request as entered."""
        start = self.start_edit.date()
        return PlanRequest(
            roadmap=self.roadmaps.roadmap(self.roadmap_box.currentIndex()),
            start=date(start.year(), start.month(), start.day()),
            availability=self.week.availability(),
            pace=Pace(self.pace_box.currentData()),
        )

    def update_preview(self) -> None:
        """Plan in memory and say when it would finish; nothing is saved."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.roadmap_box.currentIndex() < 0:
            self.preview.setText("Choose a roadmap.")
            ok.setEnabled(False)
            return
        request = self.request()
        try:
            plan = make_plan(request)
            finish = finish_dates(request)
        except PlanningError as exc:
            self.preview.setText(str(exc).capitalize() + ".")
            ok.setEnabled(False)
            return
        weekly = self.week.availability().weekly_minutes / 60
        self.preview.setText(
            f"{len(plan.sessions)} sessions, {plan.total_minutes / 60:.0f} hours of study at "
            f"{weekly:g} hours a week. Finishes on {plan.finish:%A %d %B %Y} "
            f"(between {finish.optimistic:%d %B %Y} and {finish.late:%d %B %Y}), "
            f"with {len(plan.milestones)} milestones."
        )
        ok.setEnabled(True)
