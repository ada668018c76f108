"""The pages after Today, each made the first time it is shown or asked for, then connected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyplanner.ui.controllers.context import PAGES

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from studyplanner.ui.window.main_window import MainWindow


class PageFactory:
    """Makes a page in its place in the window's stack, where a placeholder held it.

    A page made later looks as it would have had it been made with the window: the pages that
    show the current plan are given it here, the others read what they show when shown.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def __call__(self, name: str) -> QWidget:
        page = self._new(name)
        stack, index = self.window.stack, PAGES.index(name)
        placeholder = stack.widget(index)
        assert placeholder is not None, "the stack holds a placeholder for every page"
        shown = stack.currentIndex() == index
        stack.insertWidget(index, page)
        stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if shown:
            stack.setCurrentIndex(index)
        return page

    def _new(self, name: str) -> QWidget:
        window = self.window
        today = window.clock.today()
        if name == "Calendar":
            from studyplanner.ui.pages.calendar import CalendarPage

            calendar = CalendarPage(window.month_model, window.week_model, window.agenda_model)
            calendar.sessionActivated.connect(window.plans.open_session)
            calendar.sessionMoved.connect(window.plans.move_session)
            return calendar
        if name == "Roadmaps":
            from studyplanner.ui.pages.roadmaps import RoadmapsPage

            roadmaps = RoadmapsPage(window.roadmap_list)
            roadmaps.planRequested.connect(window.plans.new_plan)
            roadmaps.importRequested.connect(lambda: window.plans.import_roadmap())
            return roadmaps
        if name == "Flashcards":
            from studyplanner.ui.pages.flashcards import FlashcardsPage

            flashcards = FlashcardsPage(window.clock.now)
            flashcards.currentChanged.connect(window.undo_entries.update)
            flashcards.review_screen.undoChanged.connect(window.undo_entries.update)
            window.cards.connect_page(flashcards)
            return flashcards
        if name == "Progress":
            from studyplanner.ui.pages.progress import ProgressPage, progress_text

            progress = ProgressPage(today)
            progress.body.setText(progress_text(window.current_plan()))
            return progress
        assert name == "Milestones", f"no page called {name!r}"
        from studyplanner.ui.pages.milestones import MilestonesPage

        milestones = MilestonesPage(today)
        window.milestones.connect_page(milestones)
        return milestones
