"""The Flashcards and Progress pages, as far as this version goes: honest summaries."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studyplanner.core.planning.replan import Outlook
from studyplanner.storage.views import PlanSummary


class SummaryPage(QWidget):
    """A titled page of plain text."""

    def __init__(self, title: str, parent: Any = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAccessibleName(f"{title} summary")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.body)
        layout.addStretch(1)


def flashcards_text(card_count: int) -> str:
    """What the Flashcards page says."""
    if card_count == 0:
        return "No flashcards yet. Cards arrive with the roadmap of your first plan."
    return (
        f"Your collection holds {card_count} flashcards from your roadmaps. "
        "Reviewing them comes in the next version."
    )


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
