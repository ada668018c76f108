"""What the window reads again: the page coming into view, and what an operation changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyplanner.operations.changes import Changed

if TYPE_CHECKING:
    from studyplanner.ui.window.main_window import MainWindow

ELSEWHERE = (
    "Your data was changed by another program; the pages show it as it is now, and the "
    "changes made here can no longer be undone."
)


class WindowRefresh:
    """Connects the pages, the controllers and the runner's change reports to what they show."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        pages, plans, runner = window.pages, window.plans, window.runner
        pages.today.createPlanRequested.connect(lambda: plans.new_plan())
        pages.today.sessionActivated.connect(plans.open_session)
        pages.today.replanRequested.connect(plans.replan_from_today)
        plans.planCreated.connect(window.plan_created)
        plans.roadmapImported.connect(window.roadmap_imported)
        window.sidebar.currentRowChanged.connect(lambda _row: self.page_shown())
        runner.changed.connect(self.changed)
        runner.changedElsewhere.connect(lambda: window.statusBar().showMessage(ELSEWHERE, 20000))
        runner.undoChanged.connect(window.undo_entries.update)
        window.undo_entries.update()

    def page_shown(self) -> None:
        """Read what the page now in view shows, where it is not current."""
        window = self.window
        shown, pages = window.stack.currentWidget(), window.pages
        name = window.shown_page()
        if shown is pages.today and window.cards.counts_stale:
            window.cards.refresh()
        if name == "Calendar":
            window.views.load_calendar()
        if name == "Roadmaps" and not window.roadmaps_loaded:
            window.refresh_roadmaps()
        if name == "Flashcards":
            window.cards.refresh_decks()
        plan = window.current_plan()
        if name == "Progress":
            window.cards.refresh_stats()
            if plan is not None:
                window.views.work_out_outlook(plan, window.clock.today())
        if name == "Milestones":
            window.milestones.refresh()

    def changed(self, changed: Changed) -> None:
        """Refresh what shows the data an operation (or another program) changed."""
        window = self.window
        if Changed.ROADMAPS in changed and window.roadmaps_loaded:
            window.refresh_roadmaps()
        if Changed.PLANS in changed:
            window.refresh_plans()
        elif changed & (Changed.SESSIONS | Changed.MILESTONES):
            window.views.show()
        if Changed.CARDS in changed:
            window.cards.cards_changed()
