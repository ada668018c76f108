"""What the main window's parts share: its signals, its state, and choosing a page or plan."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QListWidget,
    QMainWindow,
    QStackedWidget,
)

from studyplanner.core.cards.decks import Deck
from studyplanner.storage.queries.views import PlanSummary
from studyplanner.storage.store import Store
from studyplanner.ui.common.settings import AppSettings
from studyplanner.ui.controllers.export import PlanExport
from studyplanner.ui.dialogs.criteria import CriteriaDialog
from studyplanner.ui.models.month import MonthModel
from studyplanner.ui.models.week import WeekModel
from studyplanner.ui.operations.tasks import TaskRunner
from studyplanner.ui.pages.flashcards import FlashcardsPage
from studyplanner.ui.pages.milestones import MilestonesPage
from studyplanner.ui.pages.progress import ProgressPage
from studyplanner.ui.pages.today import TodayPage

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Roadmap
    from studyplanner.ui.browser.card_browser import CardBrowser

PAGES = ("Today", "Calendar", "Roadmaps", "Flashcards", "Progress", "Milestones")


class WindowBase(QMainWindow):
    """The main window's state, declared once for the window and its groups of actions."""

    planCreated = Signal(int)  # noqa: N815
    roadmapImported = Signal(str)  # noqa: N815
    outlookReady = Signal()  # noqa: N815
    milestonesReady = Signal()  # noqa: N815
    replanOffered = Signal()  # noqa: N815
    replanApplied = Signal()  # noqa: N815
    # Declared here, not on the groups of actions: PySide registers only this class's signals.
    backedUp = Signal(object)  # noqa: N815  (the Backup, or None when none was due)
    restored = Signal()

    store: Store
    settings: AppSettings
    _today: Callable[[], date]
    _now: Callable[[], datetime]
    _plans: list[PlanSummary]
    tasks: TaskRunner
    undo_stack: QUndoStack
    sidebar: QListWidget
    stack: QStackedWidget
    plan_box: QComboBox
    today_page: TodayPage
    flashcards_page: FlashcardsPage
    progress_page: ProgressPage
    milestones_page: MilestonesPage
    month_model: MonthModel
    week_model: WeekModel
    undo_action: QAction
    redo_action: QAction
    browser: CardBrowser | None
    plan_export: PlanExport
    quiz_random: random.Random
    _quiz_deck: Deck
    criteria_dialog: CriteriaDialog
    _waiting: dict[str, str] | None  # strict mode's held-back stages, per plan refresh

    def show_page(self, number: int) -> None:
        """Show a page by its sidebar position."""
        self.sidebar.setCurrentRow(number)

    def current_plan(self) -> PlanSummary | None:
        """The plan the pages show."""
        row = self.plan_box.currentIndex()
        return self._plans[row] if 0 <= row < len(self._plans) else None

    def plan_roadmap(self, plan: PlanSummary) -> Roadmap:
        """The current plan's roadmap model (the window defines it)."""
        raise NotImplementedError

    def refresh_plans(self, select_id: int | None = None) -> None:
        """Read the plans again (the window defines it)."""
        raise NotImplementedError

    def refresh_cards(self) -> None:
        """Read today's cards again (the card actions define it)."""
        raise NotImplementedError
