"""The Today page: what to study today, and what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.common.topic_text import topic_markdown
from studyplanner.ui.models.sessions import SessionListModel

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from studyplanner.core.cards.queue import CardCounts
    from studyplanner.storage.queries.views import MilestoneView, SessionView, TopicNotes


def today_markdown(sessions: Sequence[SessionView], topics: Mapping[str, TopicNotes]) -> str:
    """Each of today's topics with its key actions and resources, once."""
    parts: list[str] = []
    for topic_id in dict.fromkeys(s.topic_id for s in sessions):
        topic = topics.get(topic_id)
        if topic is not None:
            parts += [f"### {topic.title}", topic_markdown(topic), ""]
    return "\n".join(parts)


class TodayPage(QWidget):
    """Today's sessions and the next milestone; an invitation to plan when there is no plan."""

    createPlanRequested = Signal()
    replanRequested = Signal()
    sessionActivated = Signal(object)  # a SessionView
    reviewRequested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # holds the plan's name
        self.summary.setAccessibleName("Today's summary")
        self.sessions = SessionListModel(self)
        self.list = QListView()
        self.list.setModel(self.sessions)
        self.list.activated.connect(
            lambda index: self.sessionActivated.emit(self.sessions.item(index.row()))
        )
        self.list.setObjectName("todaySessions")
        self.list.setAccessibleName("Today's sessions")
        self.week = QLabel()
        self.week.setAccessibleName("This week")
        self.details = SafeTextBrowser()
        self.details.setAccessibleName("What to do in today's sessions")
        self.milestone = QLabel()
        self.milestone.setAccessibleName("Next milestone")
        self.milestone.setTextFormat(Qt.TextFormat.PlainText)  # holds a roadmap's title
        self.missed = QLabel()
        self.missed.setObjectName("missedBanner")
        self.missed.setWordWrap(True)
        self.missed.setAccessibleName("Missed sessions")
        self.replan_button = QPushButton("Re-plan from today…")
        self.replan_button.setAccessibleName("Re-plan from today")
        self.replan_button.clicked.connect(self.replanRequested)
        self.create_button = QPushButton("Create your first plan…")
        self.create_button.setAccessibleName("Create your first plan")
        self.create_button.clicked.connect(self.createPlanRequested)
        self.strict = QLabel()
        self.strict.setObjectName("missedBanner")
        self.strict.setWordWrap(True)
        self.strict.setTextFormat(Qt.TextFormat.PlainText)
        self.strict.setAccessibleName("Sessions waiting for mastery")
        self.strict.hide()
        self.cards = QLabel()
        self.cards.setAccessibleName("Cards due today")
        self.review_button = QPushButton("Review Now")
        self.review_button.setAccessibleName("Review today's cards")
        self.review_button.clicked.connect(self.reviewRequested)
        self.list.setMaximumHeight(240)
        self.list.setSpacing(3)
        self.create_button.setDefault(True)
        button_row = QHBoxLayout()
        button_row.addWidget(self.create_button)
        button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        missed_row = QHBoxLayout()
        missed_row.addWidget(self.missed, 1)
        missed_row.addWidget(self.replan_button)
        layout.addWidget(self.heading)
        layout.addLayout(missed_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.strict)
        layout.addWidget(self.milestone)
        layout.addWidget(self.week)
        cards_row = QHBoxLayout()
        cards_row.addWidget(self.cards)
        cards_row.addWidget(self.review_button)
        cards_row.addStretch(1)
        layout.addLayout(cards_row)
        layout.addWidget(self.list)
        layout.addWidget(self.details, 1)
        layout.addLayout(button_row)
        self.stretch = QWidget()
        layout.addWidget(self.stretch, 1)

    def show_day(
        self,
        today: date,
        plan_name: str | None,
        sessions: list[SessionView],
        next_milestone: MilestoneView | None,
        missed: int = 0,
        week: Sequence[SessionView] = (),
        topics: Mapping[str, TopicNotes] | None = None,
        waiting: Mapping[str, str] | None = None,
    ) -> None:
        """Fill the page for ``today``; offer a re-plan when sessions were missed.

        ``waiting`` maps the stages strict mode holds back to why (what is still missing).
        """
        waiting = waiting or {}
        self.sessions.waiting_stages = frozenset(waiting)
        held = [waiting[s.stage_id] for s in sessions if s.stage_id in waiting]
        self.strict.setVisible(bool(held))
        self.strict.setText(" ".join(dict.fromkeys(held)))
        self.missed.setVisible(missed > 0)
        self.replan_button.setVisible(missed > 0)
        self.missed.setText(
            f"{missed} earlier session{'s were' if missed != 1 else ' was'} not done. "
            "Re-plan from today to move the work forward; nothing moves until you say so."
        )
        self.heading.setText(today.strftime("Today, %A %d %B"))
        self.sessions.set_items(sessions)
        if sessions:  # as tall as its rows, up to a few
            rows = min(len(sessions), 6)
            height = self.list.sizeHintForRow(0) + self.list.spacing() * 2
            self.list.setFixedHeight(rows * height + 2 * self.list.frameWidth() + 4)
        has_plan = plan_name is not None
        self.list.setVisible(has_plan and bool(sessions))
        self.details.setVisible(has_plan and bool(sessions))
        self.stretch.setVisible(not (has_plan and sessions))
        self.week.setVisible(has_plan)
        planned = sum(s.minutes for s in week if s.status is not SessionStatus.SKIPPED)
        done = sum(s.done_minutes for s in week)
        self.week.setText(f"This week: {done} of {planned} planned minutes done.")
        self.details.setMarkdown(today_markdown(sessions, topics or {}))
        self.create_button.setVisible(not has_plan)
        self.milestone.setVisible(has_plan)
        if not has_plan:
            self.summary.setText(
                "You have no plan yet. Pick a roadmap, say how much time you have each day, "
                "and Study Planner lays out your sessions on the calendar."
            )
            self.milestone.clear()
            return
        minutes = sum(s.minutes for s in sessions)
        self.summary.setText(
            f"{plan_name}: {len(sessions)} session{'s' if len(sessions) != 1 else ''} today, "
            f"{minutes} minutes."
            if sessions
            else f"{plan_name}: nothing planned today."
        )
        if next_milestone is None:
            self.milestone.setText("No milestones ahead.")
        else:
            days = (next_milestone.day - today).days
            self.milestone.setText(
                f"Next milestone: {next_milestone.title}, {next_milestone.day:%d %B %Y} "
                f"(in {days} day{'s' if days != 1 else ''})."
            )

    def show_cards(self, due: CardCounts | None) -> None:
        """Say how many cards today's review holds; None hides the line (no cards at all)."""
        self.cards.setVisible(due is not None)
        self.review_button.setVisible(due is not None and due.total > 0)
        if due is None:
            return
        if due.total == 0:
            self.cards.setText("Flashcards: nothing to review today.")
            return
        parts = [
            f"{count} {label}"
            for count, label in ((due.review, "due"), (due.learning, "learning"), (due.new, "new"))
            if count
        ]
        self.cards.setText(
            f"Flashcards: {due.total} card{'s' if due.total != 1 else ''} to review today "
            f"({', '.join(parts)})."
        )
