"""The current plan on the pages: the Today page, the calendar's models, and the outlook."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.errors import StorageError
from studyplanner.ui.controllers.context import WindowContext
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.models.week import week_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from studyplanner.core.planning.replan import Outlook
    from studyplanner.core.roadmap.model import Roadmap
    from studyplanner.storage.queries.views import PlanSummary, SessionView, TopicNotes
    from studyplanner.ui.controllers.cards import CardsController
    from studyplanner.ui.controllers.milestones import MilestonesController
    from studyplanner.ui.models.agenda import AgendaModel


class PlanViews(QObject):
    """Shows the current plan where it is in view, reading what each page needs."""

    outlookReady = Signal()

    def __init__(self, context: WindowContext, agenda: AgendaModel) -> None:
        super().__init__(context.window)
        self.context, self.agenda = context, agenda
        self.topics: dict[str, TopicNotes] = {}  # the current plan's, for its sessions' notes
        self._roadmap: Roadmap | None = None
        self._calendar_current = False  # whether the calendar models hold the current plan
        self.cards: CardsController
        self.milestones: MilestonesController

    def join(self, cards: CardsController, milestones: MilestonesController) -> None:
        """The controllers whose parts of the pages this refreshes with the plan."""
        self.cards, self.milestones = cards, milestones

    def plan_chosen(self) -> None:
        """Another plan (or the same, read again): everything it shows."""
        self._roadmap = None  # the plan's roadmap model, read when first needed
        self.show()
        self.cards.refresh()

    def show(self) -> None:
        """The current plan on the Today page, the calendar, and the page in view."""
        context, pages = self.context, self.context.pages
        plan, today, store = context.current_plan(), context.clock.today(), context.store
        pages.month.set_today(today)
        pages.week.set_today(today)
        self._calendar_current = False
        self.milestones.forget_assessment()
        shown = context.shown_page()
        if shown == "Calendar":
            self.load_calendar()
        if plan is None:
            pages.today.show_day(today, None, [], None)
        else:
            self.topics.clear()
            self.topics.update(store.plan_topics(plan.id))
            upcoming = [m for m in store.milestones(plan.id) if m.day >= today]
            pages.today.show_day(
                today,
                plan.name,
                store.sessions_between(plan.id, today, today),
                upcoming[0] if upcoming else None,
                store.missed_sessions(plan.id, today),
                store.sessions_between(plan.id, *week_of(today, pages.week.first_weekday)),
                self.topics,
                self.milestones.waiting_for_mastery(plan),
            )
        if pages.made("Progress"):  # else it is given the plan when it is made
            from studyplanner.ui.pages.progress import progress_text

            pages.progress.body.setText(progress_text(plan))
        if plan is not None and shown == "Progress":
            self.cards.refresh_stats()
            self.work_out_outlook(plan, today)
        if shown == "Milestones":
            self.milestones.refresh()

    def plan_roadmap(self, plan: PlanSummary) -> Roadmap:
        """The current plan's roadmap model, read once per plan choice (pydantic loads here)."""
        if self._roadmap is None or self._roadmap.id != plan.roadmap_id:
            self._roadmap = self.context.store.plan_roadmap(plan.id)
        return self._roadmap

    def load_calendar(self) -> None:
        """Give the calendar's models the current plan; done when the Calendar is in view."""
        if self._calendar_current:
            return
        pages, store = self.context.pages, self.context.store
        plan = self.context.current_plan()
        try:
            if plan is None:
                pages.month.set_source(None)
                pages.week.set_source(None)
                self.agenda.set_sources(None, None)
            else:
                order = store.plan_stage_order(plan.id)
                sessions = self._calendar_sessions(plan)
                view = pages.calendar.view
                current = view.currentIndex()
                selected = current.data(MonthRole.DATE) if current.isValid() else None
                pages.month.set_source(sessions, order)
                pages.week.set_source(sessions, order)
                self.agenda.set_sources(sessions, partial(store.milestones, plan.id), order)
                # Reloading resets the month view's selection, which the other views follow.
                view.setCurrentIndex(pages.month.index_of(selected or pages.month.today))
        except StorageError as error:
            self.context.report("The calendar could not be read", error)
            return
        self._calendar_current = True

    def _calendar_sessions(self, plan: PlanSummary) -> Callable[[date, date], list[SessionView]]:
        """The calendar's source of sessions; in strict mode, held-back ones say so."""
        waiting = set(self.milestones.waiting_for_mastery(plan))
        store = self.context.store

        def sessions(first: date, last: date) -> list[SessionView]:
            found = store.sessions_between(plan.id, first, last)
            return [
                replace(s, held_back=True)
                if s.stage_id in waiting and s.status is SessionStatus.PLANNED
                else s
                for s in found
            ]

        return sessions

    def work_out_outlook(self, plan: PlanSummary, today: date) -> None:
        """The finish range and the pace forecast, worked out on the worker.

        It takes a few plans' worth of work, so it runs for the Progress page only, and never
        competes with opening the app.
        """
        from studyplanner.core.planning.replan import outlook
        from studyplanner.ui.pages.progress import progress_text

        context, store = self.context, self.context.store

        def show(result: Outlook) -> None:
            if context.current_plan() == plan:
                context.pages.progress.body.setText(progress_text(plan, result))
                context.pages.progress.show_forecast_finish(result.forecast)
                self.outlookReady.emit()

        context.runner.read(
            lambda: outlook(store.plan_request(plan.id), store.plan_state(plan.id), today),
            show,
            "No outlook",
        )
