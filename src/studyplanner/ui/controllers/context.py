"""What every controller of the main window is given: the data, the runner, the pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QMainWindow, QWidget

from studyplanner.storage.queries.views import PlanSummary
from studyplanner.storage.store import Store
from studyplanner.ui.common.clock import Clock
from studyplanner.ui.common.settings import AppSettings
from studyplanner.ui.operations.runner import OperationRunner

if TYPE_CHECKING:
    from studyplanner.ui.models.month import MonthModel
    from studyplanner.ui.models.week import WeekModel
    from studyplanner.ui.pages.calendar import CalendarPage
    from studyplanner.ui.pages.flashcards import FlashcardsPage
    from studyplanner.ui.pages.milestones import MilestonesPage
    from studyplanner.ui.pages.progress import ProgressPage
    from studyplanner.ui.pages.roadmaps import RoadmapsPage
    from studyplanner.ui.pages.today import TodayPage

PAGES = ("Today", "Calendar", "Roadmaps", "Flashcards", "Progress", "Milestones")


class Pages:
    """The window's pages, and the calendar's models the exports read the shown period from.

    The Today page is there from the start. Each other page is made by ``make`` the first time
    it is asked for (shown, or needed by a controller), so that the window opens without them.
    """

    def __init__(
        self, today: TodayPage, month: MonthModel, week: WeekModel, make: Callable[[str], QWidget]
    ) -> None:
        self.today, self.month, self.week = today, month, week
        self._make = make
        self._made: dict[str, QWidget] = {"Today": today}

    def made(self, name: str) -> bool:
        """Whether the page of this name (one of PAGES) has been made."""
        return name in self._made

    def page(self, name: str) -> QWidget:
        """The page of this name, made now if it was not yet."""
        if name not in self._made:
            self._made[name] = self._make(name)
        return self._made[name]

    def reviewing(self) -> bool:
        """Whether a review is under way (never before the Flashcards page is made)."""
        return self.made("Flashcards") and self.flashcards.in_review()

    @property
    def calendar(self) -> CalendarPage:
        """The Calendar page."""
        return cast("CalendarPage", self.page("Calendar"))

    @property
    def roadmaps(self) -> RoadmapsPage:
        """The Roadmaps page."""
        return cast("RoadmapsPage", self.page("Roadmaps"))

    @property
    def flashcards(self) -> FlashcardsPage:
        """The Flashcards page."""
        return cast("FlashcardsPage", self.page("Flashcards"))

    @property
    def progress(self) -> ProgressPage:
        """The Progress page."""
        return cast("ProgressPage", self.page("Progress"))

    @property
    def milestones(self) -> MilestonesPage:
        """The Milestones page."""
        return cast("MilestonesPage", self.page("Milestones"))


@dataclass(frozen=True)
class WindowContext:
    """The window's shared parts, handed to each controller instead of the window itself."""

    window: QMainWindow  # the parent of dialogs, and the status bar's owner
    store: Store
    settings: AppSettings
    clock: Clock
    runner: OperationRunner
    pages: Pages
    current_plan: Callable[[], PlanSummary | None]
    show_page: Callable[[str], None]
    shown_page: Callable[[], str]

    def report(self, title: str, error: BaseException) -> None:
        """Tell the learner about a problem: theirs in words, ours in the crash dialog."""
        from studyplanner.ui.common import errors  # by the module: one place to replace

        errors.show_problem(self.window, title, error)

    def say(self, text: str, msecs: int = 8000) -> None:
        """A message in the status bar."""
        self.window.statusBar().showMessage(text, msecs)
