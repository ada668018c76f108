"""The plan wizard: roadmap, known topics, the week, days off and pace, then a preview."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from studyplanner.core.planning.planner import (
    PlanningError,
    TargetCheck,
    check_target,
    finish_dates,
    make_plan,
)
from studyplanner.core.planning.request import DayMinutes, Pace, PlanRequest
from studyplanner.core.planning.week import WEEKDAYS, DaysOff, WeeklyAvailability
from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.models.checklist import DaysOffModel, TopicChecklistModel
from studyplanner.ui.widgets.fields import date_field, pydate
from studyplanner.ui.widgets.roadmap_text import roadmap_markdown

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Roadmap
    from studyplanner.ui.models.roadmaps import RoadmapListModel

DEFAULT_MINUTES = (60, 60, 60, 60, 60, 120, 0)
START_TIMES = [None, *(time(h, m) for h in range(5, 24) for m in (0, 30))]
PACE_LABELS = {
    Pace.FAST: "&Fast: the low end of each estimate",
    Pace.STEADY: "&Steady: the middle of each estimate",
    Pace.THOROUGH: "&Thorough: the high end of each estimate",
}
PAGE_ROADMAP, PAGE_KNOWN, PAGE_WEEK, PAGE_PACE, PAGE_PREVIEW = range(5)


class WeekGrid(QWidget):
    """Minutes and an optional start time for each weekday."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.addWidget(QLabel("<b>Minutes</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Starting at</b>"), 0, 2)
        self.minutes: list[QSpinBox] = []
        self.starts: list[QComboBox] = []
        for row, (name, value) in enumerate(zip(WEEKDAYS, DEFAULT_MINUTES, strict=True), 1):
            spin = QSpinBox()
            spin.setRange(0, 12 * 60)
            spin.setSingleStep(15)
            spin.setSuffix(" min")
            spin.setValue(value)
            spin.setAccessibleName(f"Minutes on {name}")
            start = QComboBox()
            start.setAccessibleName(f"Start time on {name}")
            for moment in START_TIMES:
                start.addItem("Any time" if moment is None else moment.strftime("%H:%M"), moment)
            label = QLabel(name)
            label.setBuddy(spin)
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(start, row, 2)
            self.minutes.append(spin)
            self.starts.append(start)

    def availability(self) -> WeeklyAvailability:
        """The week as entered."""
        minutes = tuple(spin.value() for spin in self.minutes)
        starts = tuple(box.currentData() for box in self.starts)
        return WeeklyAvailability(minutes, starts)  # type: ignore[arg-type]


class PlanWizard(QWizard):
    """Collects everything a plan needs and previews it before anything is saved."""

    def __init__(
        self,
        roadmaps: RoadmapListModel,
        today: date,
        roadmap_id: str | None = None,
        parent: Any = None,
        review_forecast: DayMinutes = (),
    ) -> None:
        super().__init__(parent)
        self.review_forecast = review_forecast
        self.setWindowTitle("New plan")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.roadmaps = roadmaps
        self.today = today
        self.setPage(PAGE_ROADMAP, self._roadmap_page(roadmap_id))
        self.setPage(PAGE_KNOWN, self._known_page())
        self.setPage(PAGE_WEEK, self._week_page())
        self.setPage(PAGE_PACE, self._pace_page())
        self.setPage(PAGE_PREVIEW, _PreviewPage(self))
        self.setButtonText(QWizard.WizardButton.FinishButton, "Create plan")
        self.resize(760, 560)

    # Pages

    def _roadmap_page(self, roadmap_id: str | None) -> QWizardPage:
        page = QWizardPage()
        page.setTitle("Choose a roadmap")
        page.setSubTitle("What do you want to learn? You can import your own roadmap later.")
        self.roadmap_list = QListView()
        self.roadmap_list.setModel(self.roadmaps)
        self.roadmap_list.setAccessibleName("Roadmaps")
        row = max(self.roadmaps.row_of(roadmap_id), 0) if roadmap_id else 0
        self.roadmap_list.setCurrentIndex(self.roadmaps.index(row))
        self.roadmap_preview = SafeTextBrowser()
        self.roadmap_preview.setAccessibleName("Roadmap overview")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Plan name")
        self.name_edit.setPlaceholderText("Named after the roadmap")
        splitter = QSplitter()
        splitter.addWidget(self.roadmap_list)
        splitter.addWidget(self.roadmap_preview)
        splitter.setStretchFactor(1, 2)
        form = QFormLayout()
        form.addRow("Plan &name:", self.name_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(splitter, 1)
        layout.addLayout(form)
        self.roadmap_list.selectionModel().currentChanged.connect(self._roadmap_changed)
        self._roadmap_changed()
        return page

    def _known_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle("What do you know already?")
        page.setSubTitle("Tick the topics you know. They get no sessions; their milestones count.")
        self.topics = TopicChecklistModel(self)
        self.topic_list = QListView()
        self.topic_list.setModel(self.topics)
        self.topic_list.setAccessibleName("Topics you know")
        QVBoxLayout(page).addWidget(self.topic_list)
        return page

    def _week_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle("Your week")
        page.setSubTitle(
            "When do you start, and how long can you study on each day? A day of more than "
            "90 minutes gets several sessions."
        )
        self.start_edit = date_field(self.today, "Start date")
        self.week = WeekGrid()
        form = QFormLayout(page)
        form.addRow("Start &on:", self.start_edit)
        form.addRow(self.week)
        return page

    def _pace_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle("Days off and pace")
        page.setSubTitle("Add holidays and exam weeks, then choose a pace or a date to finish by.")
        self.days_off = DaysOffModel(self)
        self.days_off_list = QListView()
        self.days_off_list.setModel(self.days_off)
        self.days_off_list.setAccessibleName("Days off")
        self.off_from = date_field(self.today, "Day off from")
        self.off_to = date_field(self.today, "Day off to")
        add = QPushButton("&Add")
        add.setAccessibleName("Add days off")
        remove = QPushButton("&Remove")
        remove.setAccessibleName("Remove the selected days off")
        add.clicked.connect(
            lambda: self.days_off.add(pydate(self.off_from.date()), pydate(self.off_to.date()))
        )
        remove.clicked.connect(self._remove_day_off)
        self.pace_buttons = QButtonGroup(self)
        layout = QVBoxLayout(page)
        range_row = QHBoxLayout()
        for widget in (QLabel("From"), self.off_from, QLabel("to"), self.off_to, add, remove):
            range_row.addWidget(widget)
        range_row.addStretch(1)
        layout.addLayout(range_row)
        layout.addWidget(self.days_off_list)
        for number, (pace, label) in enumerate(PACE_LABELS.items()):
            button = QRadioButton(label)
            button.setAccessibleName(f"Pace: {pace.value}")
            button.setChecked(pace is Pace.STEADY)
            self.pace_buttons.addButton(button, number)
            layout.addWidget(button)
        self.target_button = QRadioButton("Finish &by:")
        self.target_button.setAccessibleName("Finish by a date")
        self.pace_buttons.addButton(self.target_button, len(PACE_LABELS))
        two_years = self.today.replace(year=self.today.year + 2)
        self.target_edit = date_field(two_years, "Target date")
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_button)
        target_row.addWidget(self.target_edit)
        target_row.addStretch(1)
        layout.addLayout(target_row)
        return page

    # Reading the answers

    def roadmap(self) -> Roadmap:
        """The chosen roadmap."""
        return self.roadmaps.roadmap(max(self.roadmap_list.currentIndex().row(), 0))

    def plan_name(self) -> str:
        """The name typed, or the roadmap's title."""
        return self.name_edit.text().strip() or self.roadmap().title

    def request(self) -> PlanRequest:
        """The plan request the answers make."""
        chosen = self.pace_buttons.checkedId()
        target = pydate(self.target_edit.date()) if chosen == len(PACE_LABELS) else None
        paces = list(PACE_LABELS)
        singles = frozenset(first for first, last in self.days_off.items() if first == last)
        ranges = tuple(item for item in self.days_off.items() if item[0] != item[1])
        return PlanRequest(
            roadmap=self.roadmap(),
            start=pydate(self.start_edit.date()),
            availability=self.week.availability(),
            pace=paces[chosen] if 0 <= chosen < len(paces) else Pace.STEADY,
            target=target,
            days_off=DaysOff(singles, ranges),
            known_topics=frozenset(self.topics.known),
            review_forecast=self.review_forecast,
        )

    def _roadmap_changed(self) -> None:
        roadmap = self.roadmap() if self.roadmaps.rowCount() else None
        self.roadmap_preview.setMarkdown(roadmap_markdown(roadmap) if roadmap else "")
        if roadmap is not None and hasattr(self, "topics"):
            self.topics.known.clear()
            self.topics.set_items(list(roadmap.all_topics()))

    def _remove_day_off(self) -> None:
        index = self.days_off_list.currentIndex()
        if index.isValid():
            self.days_off.remove(index.row())

    def initializePage(self, page_id: int) -> None:
        """Fill the known-topics page from the roadmap chosen."""
        if page_id == PAGE_KNOWN and self.topics.rowCount() == 0:
            self.topics.set_items(list(self.roadmap().all_topics()))
        super().initializePage(page_id)


class _PreviewPage(QWizardPage):
    """The plan before it is saved: finish dates, milestones, and a target's verdict."""

    def __init__(self, wizard: PlanWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Your plan")
        self.setSubTitle("Nothing is saved until you press Create plan.")
        self.text = SafeTextBrowser()
        self.text.setAccessibleName("Plan preview")
        QVBoxLayout(self).addWidget(self.text)
        self.feasible = True
        self.target: TargetCheck | None = None

    def initializePage(self) -> None:
        """Plan in memory and describe the result."""
        try:
            request = self.owner.request()
            plan = make_plan(request)
            dates = finish_dates(request)
            self.target = check_target(request, request.target) if request.target else None
        except (PlanningError, ValueError) as exc:
            self.feasible = False
            self.text.setMarkdown(f"**This plan cannot be made.** {str(exc).capitalize()}.")
            self.completeChanged.emit()
            return
        self.feasible = self.target is None or self.target.met
        hours = plan.total_minutes / 60
        lines = []
        if self.target is not None and not self.target.met:
            lines += [
                f"**{self.target.explain()}**",
                "",
                "Go back to change the date or the week.",
                "",
            ]
        lines += [
            f"**{len(plan.sessions)} sessions**, {hours:.0f} hours of study, from "
            f"{plan.start:%d %B %Y} to **{plan.finish:%d %B %Y}**.",
            "",
            f"Finish dates: optimistic {dates.optimistic:%d %B %Y}, expected "
            f"{dates.expected:%d %B %Y}, late {dates.late:%d %B %Y}.",
            "",
            "**Milestones**",
            "",
            *(f"- {m.day:%d %B %Y}: {m.title}" for m in plan.milestones),
        ]
        self.text.setMarkdown("\n".join(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """A plan whose target cannot be met is not created."""
        return self.feasible
