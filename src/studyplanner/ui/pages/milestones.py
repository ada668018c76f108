"""The Milestones page: a timeline of stages and exams, and each one's criteria and progress."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyplanner.core.milestones.reports import MilestoneReport
from studyplanner.core.planning.plan import MilestoneKind
from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.models.milestones import STATE_WORDS, MilestoneListModel
from studyplanner.ui.widgets.timeline import Timeline


def milestone_markdown(report: MilestoneReport) -> str:
    """A milestone's dates, state, evidence and what is still missing, as Markdown."""
    evidence = report.evidence
    lines = [f"## {report.title}", ""]
    state = STATE_WORDS[report.assessment.state].capitalize()
    when = f"**{state}.** Planned for {report.planned:%d %B %Y}"
    if report.forecast is not None:
        when += f"; at your pace of the last four weeks, {report.forecast:%d %B %Y}"
    when += ". *At risk: the forecast is more than a week late.*" if report.at_risk else "."
    lines.append(when)
    if report.kind.by_learner:
        lines += ["", f"Your milestone. Done when: {report.deck or 'you say so'}."]
    lines += ["", "### Progress", ""]
    lines.append(f"- Study sessions done: {evidence.sessions_done} of {evidence.sessions}")
    if evidence.cards:
        lines.append(
            f"- Cards reviewed at least once: {evidence.cards_reviewed} of {evidence.cards}"
        )
        lines.append(f"- Average recall today: {evidence.retrievability:.2f}")
        score = evidence.quiz_score
        lines.append(f"- Practice-quiz score: {'none yet' if score is None else f'{score:.0%}'}")
    if report.readiness is not None:
        lines.append(
            f"- Exam readiness: {report.readiness:.0%} of the linked cards predicted to be "
            "remembered on the exam day"
        )
    if report.criteria is not None and evidence.cards:
        c = report.criteria
        lines += [
            "",
            "### Mastery criteria",
            "",
            f"Every session done; at least {c.reviewed_share:.0%} of the cards reviewed; average "
            f"recall today at least {c.retrievability:.2f}; practice-quiz score at least "
            f"{c.quiz_score:.0%}.",
        ]
    missing = report.assessment.missing
    if missing:
        lines += ["", "### Still to do", ""]
        lines += [f"- **{m.criterion}** ({m.have}, needs {m.need}): {m.advice}" for m in missing]
    return "\n".join(lines)


class MilestonesPage(QWidget):
    """The timeline above; the list and the selected milestone's details below."""

    criteriaRequested = Signal(object)  # the MilestoneReport to change
    addRequested = Signal()
    markRequested = Signal(object, bool)  # a milestone of the learner's own
    deleteRequested = Signal(object)
    expiryRequested = Signal(object)  # a certification's MilestoneReport

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        heading = QLabel("Milestones")
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Milestones summary")
        self.timeline = Timeline(today)
        self.timeline.setAccessibleName("Timeline of the plan's milestones")
        self.timeline.milestoneClicked.connect(self.select)
        self.timeline_area = QScrollArea()
        self.timeline_area.setWidget(self.timeline)
        self.timeline_area.setWidgetResizable(True)
        self.timeline_area.setMaximumHeight(300)
        self.timeline_area.setAccessibleName("Timeline")
        self.model = MilestoneListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Milestones")
        selection = self.list.selectionModel()
        assert selection is not None
        selection.selectionChanged.connect(self._selected)
        self.details = SafeTextBrowser()
        self.details.setAccessibleName("The selected milestone's criteria and progress")
        self.criteria_button = QPushButton("Change Criteria…")
        self.criteria_button.setAccessibleName("Change the selected milestone's mastery criteria")
        self.criteria_button.clicked.connect(self._change_criteria)
        self.add_button = QPushButton("Add Milestone…")
        self.add_button.setAccessibleName("Add a milestone of your own")
        self.add_button.clicked.connect(self.addRequested)
        self.mark_button = QPushButton("Mark Reached")
        self.mark_button.setAccessibleName("Mark the selected milestone reached or not")
        self.mark_button.clicked.connect(self._mark)
        self.delete_button = QPushButton("Delete Milestone")
        self.delete_button.setAccessibleName("Delete the selected milestone of your own")
        self.delete_button.clicked.connect(self._delete)
        self.expiry_button = QPushButton("Set Expiry…")
        self.expiry_button.setAccessibleName("Set when the selected certificate expires")
        self.expiry_button.clicked.connect(self._expiry)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.expiry_button)
        buttons.addWidget(self.criteria_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.timeline_area)
        layout.addWidget(splitter, 1)

    def show_reports(self, reports: list[MilestoneReport] | None, today: date) -> None:
        """Show a plan's milestones; None when there is no plan."""
        selected = self.timeline.selected
        self.model.set_items(reports or [])
        self.timeline.set_reports(reports or [], today)
        self.timeline_area.setMinimumHeight(min(300, self.timeline.sizeHint().height() + 4))
        self.add_button.setEnabled(reports is not None)
        if reports is None:
            self.summary.setText("Create a plan to see its milestones here.")
            self.details.clear()
            return
        reached = sum(1 for r in reports if r.assessment.gate_met)
        risky = sum(1 for r in reports if r.at_risk)
        self.summary.setText(
            f"{reached} of {len(reports)} milestones reached"
            + (f"; {risky} at risk at your current pace." if risky else ".")
            + " A stage counts as reached when its sessions are done and its cards are mastered."
        )
        upcoming = next((r.key for r in reports if not r.assessment.gate_met), "")
        self.select(selected if self.model.row_of(selected) >= 0 else upcoming)

    def select(self, key: str) -> None:
        """Show a milestone's details and mark it in the list and the timeline."""
        row = self.model.row_of(key)
        if row < 0:
            self.details.clear()
            return
        self.list.setCurrentIndex(self.model.index(row))
        self.timeline.select(key)
        report = self.model.item(row)
        self.details.setMarkdown(milestone_markdown(report))
        self.criteria_button.setEnabled(report.criteria is not None)
        own = report.kind.by_learner
        self.expiry_button.setEnabled(report.kind is MilestoneKind.CERTIFICATION)
        self.mark_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.mark_button.setText(
            "Mark Not Reached" if own and report.assessment.gate_met else "Mark Reached"
        )

    def selected_report(self) -> MilestoneReport | None:
        """The milestone whose details are shown."""
        row = self.model.row_of(self.timeline.selected)
        return self.model.item(row) if row >= 0 else None

    def _mark(self) -> None:
        report = self.selected_report()
        if report is not None and report.kind.by_learner:
            self.markRequested.emit(report, not report.assessment.gate_met)

    def _expiry(self) -> None:
        report = self.selected_report()
        if report is not None and report.kind is MilestoneKind.CERTIFICATION:
            self.expiryRequested.emit(report)

    def _delete(self) -> None:
        report = self.selected_report()
        if report is not None and report.kind.by_learner:
            self.deleteRequested.emit(report)

    def _change_criteria(self) -> None:
        report = self.selected_report()
        if report is not None and report.criteria is not None:
            self.criteriaRequested.emit(report)

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            key = self.model.item(index.row()).key
            if key != self.timeline.selected or not self.details.toPlainText():
                self.select(key)
