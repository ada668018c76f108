"""The main window: a sidebar of pages over the learner's plans."""

from __future__ import annotations

import random
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from studyplanner import APP_NAME, __version__
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.replan import Outlook, Replan, outlook, replan
from studyplanner.storage.errors import StorageError
from studyplanner.ui.common.errors import show_problem
from studyplanner.ui.common.safe_text import message_box
from studyplanner.ui.common.settings import AppSettings, apply_theme
from studyplanner.ui.controllers.backups import BackupActions
from studyplanner.ui.controllers.card_transfer import CardTransfer
from studyplanner.ui.controllers.cards import CardActions
from studyplanner.ui.controllers.export import PlanExport
from studyplanner.ui.controllers.milestones import MilestoneActions
from studyplanner.ui.dialogs.plan_wizard import PlanWizard
from studyplanner.ui.dialogs.replan import ReplanDialog
from studyplanner.ui.dialogs.session import SessionDialog
from studyplanner.ui.dialogs.settings import SettingsDialog
from studyplanner.ui.models.agenda import AgendaModel
from studyplanner.ui.models.month import MonthModel, MonthRole
from studyplanner.ui.models.roadmaps import RoadmapListModel
from studyplanner.ui.models.week import WeekModel, week_of
from studyplanner.ui.operations.plan_commands import (
    ApplyPlan,
    DeleteSession,
    EditContext,
    EditSession,
    describe_edit,
)
from studyplanner.ui.operations.tasks import TaskRunner
from studyplanner.ui.pages.calendar import CalendarPage
from studyplanner.ui.pages.flashcards import ALL_DECKS, FlashcardsPage
from studyplanner.ui.pages.milestones import MilestonesPage
from studyplanner.ui.pages.progress import ProgressPage, progress_text
from studyplanner.ui.pages.roadmaps import RoadmapsPage
from studyplanner.ui.pages.today import TodayPage
from studyplanner.ui.window.base import PAGES

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime

    from studyplanner.core.planning.plan import Plan
    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.roadmap.model import Roadmap
    from studyplanner.storage.queries.views import PlanSummary, SessionEdit, SessionView, TopicNotes
    from studyplanner.storage.store import Store
    from studyplanner.ui.browser.card_browser import CardBrowser

LICENCES = (
    ("Qt and Qt for Python (PySide6)", "LGPL v3"),
    ("SQLAlchemy, SQLModel and Alembic", "MIT"),
    ("pydantic, PyYAML, platformdirs", "MIT"),
    ("FSRS (the fsrs package)", "MIT"),
    ("icalendar", "BSD 2-Clause"),
    ("genanki", "MIT"),
)


def about_html() -> str:
    """The About box: version, purpose and the licences of what the app is built with."""
    rows = "".join(f"<li>{name}: {licence}</li>" for name, licence in LICENCES)
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Turns learning roadmaps into a dated study calendar.</p>"
        "<p>Study Planner is free software under the GNU GPL, version 3 or later.</p>"
        f"<p>It is built with:</p><ul>{rows}</ul>"
    )


class MainWindow(CardActions, MilestoneActions, BackupActions):
    """Pages on the right, chosen in the sidebar; the current plan picked in the toolbar."""

    def __init__(
        self,
        store: Store,
        today: Callable[[], date],
        now: Callable[[], datetime],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        assert store.path is not None, "the window keeps its settings beside the database"
        self.settings = AppSettings(store.path.parent)
        self._today = today
        self._now = now
        self._plans: list[PlanSummary] = []
        self._roadmap: Roadmap | None = None
        self._topics: dict[str, TopicNotes] = {}
        self._calendar_current = False  # whether the calendar models hold the current plan
        self._waiting = None
        self.tasks = TaskRunner(self)
        self.browser: CardBrowser | None = None
        self.quiz_random = random.Random()
        self._quiz_deck = ALL_DECKS
        self.card_transfer = CardTransfer(store, self.tasks, now, partial(show_problem, self), self)
        self.card_transfer.imported.connect(self._cards_transferred)
        self.plan_export = PlanExport(store, now, partial(show_problem, self), self)
        self.plan_export.exported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.card_transfer.exported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(720, 480))

        # Filled when first needed: parsing the bundled roadmaps would slow the first page.
        self._roadmap_model = RoadmapListModel(self)
        self._roadmaps_loaded = False
        first_weekday = self.settings.effective_first_weekday()
        self.month_model = MonthModel(today(), first_weekday, self)
        self.week_model = WeekModel(today(), first_weekday, self)
        self.agenda_model = AgendaModel(today(), self)
        self.today_page = TodayPage()
        self.calendar_page = CalendarPage(self.month_model, self.week_model, self.agenda_model)
        self.roadmaps_page = RoadmapsPage(self._roadmap_model)
        self.flashcards_page = FlashcardsPage(now)
        self.progress_page = ProgressPage()
        self.milestones_page = MilestonesPage()

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Pages")
        self.sidebar.addItems(PAGES)
        self.sidebar.setFixedWidth(170)
        self.stack = QStackedWidget()
        for page in (
            self.today_page,
            self.calendar_page,
            self.roadmaps_page,
            self.flashcards_page,
            self.progress_page,
            self.milestones_page,
        ):
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.plan_box = QComboBox()
        self.plan_box.setAccessibleName("Current plan")
        self.plan_box.view().setAccessibleName("Plans")
        self.plan_box.setMinimumWidth(260)
        self.plan_box.setPlaceholderText("No plans yet")
        self.plan_box.currentIndexChanged.connect(self._plan_chosen)
        toolbar = self.addToolBar("Plan")
        toolbar.setObjectName("planToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Plan: "))
        toolbar.addWidget(self.plan_box)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.tasks.busyChanged.connect(self.busy.setVisible)

        self._build_menus()
        self.start_backup_timer()
        self.today_page.createPlanRequested.connect(lambda: self.new_plan())
        self.today_page.sessionActivated.connect(self.open_session)
        self.today_page.replanRequested.connect(self.replan_from_today)
        self.calendar_page.sessionActivated.connect(self.open_session)
        self.calendar_page.sessionMoved.connect(self.move_session)
        self.today_page.reviewRequested.connect(lambda: self.review(ALL_DECKS))
        self.flashcards_page.reviewRequested.connect(self.review)
        self.flashcards_page.quizRequested.connect(self.start_quiz)
        self.flashcards_page.spreadRequested.connect(self.spread_backlog)
        self.milestones_page.criteriaRequested.connect(self.change_criteria)
        self.milestones_page.addRequested.connect(self.add_own_milestone)
        self.milestones_page.markRequested.connect(self.mark_own_milestone)
        self.milestones_page.deleteRequested.connect(self.delete_own_milestone)
        self.milestones_page.expiryRequested.connect(self.set_expiry)
        self.flashcards_page.quiz_screen.finished.connect(self._quiz_finished)
        self.flashcards_page.browseRequested.connect(lambda: self.open_browser())
        self.flashcards_page.addRequested.connect(lambda: self.open_browser().add_card())
        self.flashcards_page.review_screen.answered.connect(self.note_answer)
        self.flashcards_page.review_screen.finished.connect(self.refresh_cards)
        self.sidebar.currentRowChanged.connect(self._page_shown)
        self.roadmaps_page.planRequested.connect(self.new_plan)
        self.roadmaps_page.importRequested.connect(lambda: self.import_roadmap())

        self.refresh_plans()
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.sidebar.setCurrentRow(min(self.settings.last_page, len(PAGES) - 1))

    # Building

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_plan_action = self._action(
            "&New Plan…", QKeySequence.StandardKey.New, lambda: self.new_plan()
        )
        self.import_action = self._action(
            "&Import Roadmap…", QKeySequence.StandardKey.Open, lambda: self.import_roadmap()
        )
        quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        if quit_action.shortcut().isEmpty():  # some platforms define no standard key for it
            quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addActions([self.new_plan_action, self.import_action])
        export_menu = file_menu.addMenu("&Export")
        self.export_ics_action = self._action(
            "Plan as &Calendar File (.ics)…", None, lambda: self.export_plan("ics")
        )
        self.export_csv_action = self._action(
            "Plan as &Spreadsheet (.csv)…", None, lambda: self.export_plan("csv")
        )
        self.export_week_action = self._action(
            "Shown &Week as PDF…", QKeySequence.StandardKey.Print, lambda: self.export_pdf("week")
        )
        self.export_month_action = self._action(
            "Shown &Month as PDF…", None, lambda: self.export_pdf("month")
        )
        export_menu.addActions(
            [
                self.export_ics_action,
                self.export_csv_action,
                self.export_week_action,
                self.export_month_action,
            ]
        )
        self.backup_action = self._action("&Back Up Now", None, self.back_up_now)
        self.backups_action = self._action("Backups and &Restore…", None, self.open_backups)
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.backups_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        plan_menu = self.menuBar().addMenu("&Plan")
        self.replan_action = self._action(
            "&Re-plan from Today…", QKeySequence("Ctrl+R"), lambda: self.replan_from_today()
        )
        self.strict_action = self._action(
            "&Strict Mastery", None, lambda: self.set_strict_mastery(self.strict_action.isChecked())
        )
        self.strict_action.setCheckable(True)
        self.strict_action.setToolTip(
            "Hold each stage's sessions back until the stage before it is mastered"
        )
        plan_menu.addActions([self.replan_action, self.strict_action])
        cards_menu = self.menuBar().addMenu("&Cards")
        self.browse_action = self._action(
            "&Browse Cards…", QKeySequence("Ctrl+B"), lambda: self.open_browser()
        )
        self.add_card_action = self._action(
            "&Add Card…", QKeySequence("Ctrl+Shift+N"), lambda: self.open_browser().add_card()
        )
        self.import_cards_action = self._action(
            "&Import Cards…", None, lambda: self.card_transfer.import_file()
        )
        self.export_deck_action = self._action(
            "&Export Deck…", None, lambda: self.card_transfer.export_deck(self.chosen_deck())
        )
        cards_menu.addActions([self.browse_action, self.add_card_action])
        cards_menu.addSeparator()
        cards_menu.addActions([self.import_cards_action, self.export_deck_action])
        edit_menu = self.menuBar().addMenu("&Edit")
        # One Undo for the whole window: the last answer during a review, else the last plan edit.
        self.undo_action = self._action("&Undo", QKeySequence.StandardKey.Undo, self.undo)
        self.redo_action = self._action("&Redo", QKeySequence.StandardKey.Redo, self.redo)
        for signal in (
            self.undo_stack.indexChanged,
            self.flashcards_page.currentChanged,
            self.flashcards_page.review_screen.undoChanged,
        ):
            signal.connect(self._update_undo)
        self._update_undo()
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        settings_action = self._action(
            "&Settings…", QKeySequence.StandardKey.Preferences, self.open_settings
        )
        settings_action.setShortcuts(
            [
                *QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences),
                QKeySequence("Ctrl+,"),
            ]
        )
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(settings_action)
        view_menu = self.menuBar().addMenu("&View")
        for number, name in enumerate(PAGES):
            action = self._action(
                f"&{name}",
                QKeySequence(f"Ctrl+{number + 1}"),
                lambda _=False, n=number: self.show_page(n),
            )
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu("&Help")
        shortcuts = self._action(
            "&Keyboard Shortcuts", QKeySequence.StandardKey.HelpContents, self.show_shortcuts
        )
        help_menu.addAction(shortcuts)
        about = self._action("&About Study Planner", None, self._about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)

    def _action(
        self,
        text: str,
        keys: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[..., Any],
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # Navigation

    # Data

    @property
    def roadmap_model(self) -> RoadmapListModel:
        """The bundled and imported roadmaps, read on first use."""
        if not self._roadmaps_loaded:
            self.refresh_roadmaps()
        return self._roadmap_model

    def _page_shown(self, _row: int) -> None:
        if self.stack.currentWidget() is self.today_page and self._card_counts_stale:
            self.refresh_cards()
        if self.stack.currentWidget() is self.calendar_page:
            self._load_calendar()
        if self.stack.currentWidget() is self.roadmaps_page and not self._roadmaps_loaded:
            self.refresh_roadmaps()
        if self.stack.currentWidget() is self.flashcards_page:
            self.refresh_decks()
        plan = self.current_plan()
        if self.stack.currentWidget() is self.progress_page:
            self.refresh_card_stats()
            if plan is not None:
                self._work_out_outlook(plan, self._today())
        if self.stack.currentWidget() is self.milestones_page:
            self.refresh_milestones()

    def refresh_roadmaps(self) -> None:
        """Reload the roadmap list."""
        self._roadmap_model.set_items(self.store.roadmaps())
        self._roadmaps_loaded = True

    def refresh_plans(self, select_id: int | None = None) -> None:
        """Reload the plan list, keeping or changing the current plan."""
        current = self.current_plan()
        keep = select_id if select_id is not None else (current.id if current else None)
        self._plans = self.store.plans()
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for plan in self._plans:
            self.plan_box.addItem(f"{plan.name} (from {plan.start:%d %b %Y})")
        rows = [i for i, p in enumerate(self._plans) if p.id == keep]
        self.plan_box.setCurrentIndex(rows[0] if rows else (0 if self._plans else -1))
        self.plan_box.setEnabled(bool(self._plans))
        self.plan_box.blockSignals(False)
        self._plan_chosen()

    def _plan_chosen(self, _row: int = -1) -> None:
        plan = self.current_plan()
        today = self._today()
        self.strict_action.setChecked(plan is not None and plan.strict)
        self.month_model.set_today(today)
        self.week_model.set_today(today)
        self._calendar_current = False
        self._waiting = None
        if self.stack.currentWidget() is self.calendar_page:
            self._load_calendar()
        self._roadmap = None  # the current plan's roadmap model, read when first needed
        if plan is None:
            self.today_page.show_day(today, None, [], None)
        else:
            self._topics = self.store.plan_topics(plan.id)
            upcoming = [m for m in self.store.milestones(plan.id) if m.day >= today]
            self.today_page.show_day(
                today,
                plan.name,
                self.store.sessions_between(plan.id, today, today),
                upcoming[0] if upcoming else None,
                self.store.missed_sessions(plan.id, today),
                self.store.sessions_between(
                    plan.id, *week_of(today, self.week_model.first_weekday)
                ),
                self._topics,
                self._waiting_for_mastery(plan),
            )
        self.refresh_cards()
        self.progress_page.body.setText(progress_text(plan))
        if plan is not None and self.stack.currentWidget() is self.progress_page:
            self._work_out_outlook(plan, today)
        if self.stack.currentWidget() is self.milestones_page:
            self.refresh_milestones()

    def plan_roadmap(self, plan: PlanSummary) -> Roadmap:
        """The current plan's roadmap model, read once per plan choice (pydantic loads here)."""
        if self._roadmap is None or self._roadmap.id != plan.roadmap_id:
            self._roadmap = self.store.plan_roadmap(plan.id)
        return self._roadmap

    def _load_calendar(self) -> None:
        """Give the calendar's models the current plan; done when the Calendar is in view."""
        if self._calendar_current:
            return
        self._calendar_current = True
        plan = self.current_plan()
        if plan is None:
            self.month_model.set_source(None)
            self.week_model.set_source(None)
            self.agenda_model.set_sources(None, None)
            return
        order = self.store.plan_stage_order(plan.id)
        sessions = self._calendar_sessions(plan)
        view = self.calendar_page.view
        selected = (
            view.currentIndex().data(MonthRole.DATE) if view.currentIndex().isValid() else None
        )
        self.month_model.set_source(sessions, order)
        self.week_model.set_source(sessions, order)
        self.agenda_model.set_sources(sessions, partial(self.store.milestones, plan.id), order)
        # Reloading resets the month view's selection, which the other views follow.
        view.setCurrentIndex(self.month_model.index_of(selected or self.month_model.today))

    def _calendar_sessions(self, plan: PlanSummary) -> Callable[[date, date], list[SessionView]]:
        """The calendar's source of sessions; in strict mode, held-back ones show as waiting."""
        waiting = set(self._waiting_for_mastery(plan))

        def sessions(first: date, last: date) -> list[SessionView]:
            found = self.store.sessions_between(plan.id, first, last)
            return [
                replace(s, status="waiting")
                if s.stage_id in waiting and s.status == SessionStatus.PLANNED.value
                else s
                for s in found
            ]

        return sessions

    def _work_out_outlook(self, plan: PlanSummary, today: date) -> None:
        """Work out the finish range and the pace forecast off the UI thread.

        It takes a few plans' worth of work, so it runs for the Progress page only, and never
        competes with opening the app.
        """

        def work() -> Outlook:
            return outlook(self.store.plan_request(plan.id), self.store.plan_state(plan.id), today)

        def show(result: Outlook) -> None:
            if self.current_plan() == plan:
                self.progress_page.body.setText(progress_text(plan, result))
                self.progress_page.show_forecast_finish(result.forecast)
                self.outlookReady.emit()

        self.tasks.run(work, show, lambda error: show_problem(self, "No outlook", error))

    # Commands

    def new_plan(self, roadmap_id: str | None = None) -> None:
        """Open the plan wizard; the plan is made when the learner finishes it."""
        try:
            forecast = self.store.review_forecast(self._now())
        except StorageError:
            forecast = ()  # the plan can still be made; re-planning adds review time later
        self.wizard = PlanWizard(self.roadmap_model, self._today(), roadmap_id, self, forecast)
        self.wizard.accepted.connect(
            lambda: self.create_plan(self.wizard.plan_name(), self.wizard.request())
        )
        self.wizard.open()

    def create_plan(self, name: str, request: PlanRequest) -> None:
        """Plan and store off the UI thread; show the new plan when it is saved."""
        now = self._now()
        self.statusBar().showMessage(f"Planning {request.roadmap.title}…")

        def work() -> int:
            return self.store.create_plan(name, request, make_plan(request), now)

        self.tasks.run(work, self._plan_saved, self._plan_failed)

    def edit_context(self) -> EditContext:
        """What undoable commands on the current plan need."""
        plan = self.current_plan()
        assert plan is not None
        return EditContext(self.store, plan.id, self._plan_chosen, self._report)

    def _report(self, title: str, error: BaseException) -> None:
        show_problem(self, title, error)

    def open_session(self, session: SessionView) -> None:
        """Show a session; turn what the learner changes into an undoable edit."""
        plan = self.current_plan()
        if plan is None:
            return
        try:
            before = self.store.session_edit(plan.id, session.key)
        except (KeyError, StorageError) as exc:
            show_problem(self, "The session could not be opened", exc)
            return
        dialog = SessionDialog(session, before, self._topics.get(session.topic_id), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.delete_requested:
            self.delete_session(session)
        else:
            self.edit_session(session, dialog.result_edit())

    def edit_session(self, session: SessionView, after: SessionEdit) -> None:
        """Change a session, undoably."""
        context = self.edit_context()
        before = self.store.session_edit(context.plan_id, session.key)
        # A moved session goes after the day's others; otherwise it keeps its place.
        after = replace(after, seq=None if after.day != before.day else before.seq)
        if after != before:
            text = describe_edit(session.title, before, after)
            self.undo_stack.push(EditSession(context, session.key, before, after, text))

    def move_session(self, session: SessionView, day: date) -> None:
        """Move a session to another day (as a drag and drop does), undoably."""
        plan = self.current_plan()
        if plan is not None:
            edit = self.store.session_edit(plan.id, session.key)
            self.edit_session(session, replace(edit, day=day))

    def delete_session(self, session: SessionView) -> None:
        """Delete a session, undoably."""
        text = f"Delete “{session.title}” on {session.day:%d %B}"
        self.undo_stack.push(DeleteSession(self.edit_context(), session.key, text))

    def replan_from_today(self) -> None:
        """Work out a re-plan in the background, then ask before applying it."""
        plan = self.current_plan()
        if plan is None:
            return
        today, now = self._today(), self._now()

        def work() -> tuple[PlanRequest, Plan, Replan]:
            # Review time comes from the cards' FSRS due dates, as they stand today.
            request = replace(
                self.store.plan_request(plan.id), review_forecast=self.store.review_forecast(now)
            )
            state = self.store.plan_state(plan.id)
            return request, state, replan(request, state, today)

        self.statusBar().showMessage("Re-planning from today…")
        self.tasks.run(
            lambda: (plan.id, *work()),
            self._confirm_replan,
            lambda e: self._report("No re-plan", e),
        )

    def _confirm_replan(self, work: tuple[int, PlanRequest, Plan, Replan]) -> None:
        plan_id, request, state, result = work
        self.statusBar().clearMessage()
        self.replan_dialog = ReplanDialog(request, result, self)
        # The re-plan belongs to the plan it was worked out for, whichever is shown now.
        context = replace(self.edit_context(), plan_id=plan_id)

        def apply() -> None:
            if self.store.plan_state(plan_id) != state:
                message_box(
                    QMessageBox.Icon.Information,
                    "The plan changed",
                    "The plan was edited while the re-plan was worked out, so nothing was "
                    "changed. Re-plan again to include your edits.",
                    QMessageBox.StandardButton.Ok,
                    self,
                ).exec()
                return
            text = f"Re-plan from {self._today():%d %B}"
            after = self.replan_dialog.chosen()
            self.undo_stack.push(ApplyPlan(context, (request, state), after, text))
            self.replanApplied.emit()

        self.replan_dialog.accepted.connect(apply)
        self.replan_dialog.open()
        self.replanOffered.emit()

    def _plan_saved(self, plan_id: int) -> None:
        self.statusBar().showMessage("Plan saved.", 5000)
        self.refresh_plans(select_id=plan_id)
        plan = self.current_plan()
        if plan is not None:
            self.calendar_page.show_date(max(plan.start, self._today()))
        self.show_page(PAGES.index("Calendar"))
        self.planCreated.emit(plan_id)

    def _plan_failed(self, error: BaseException) -> None:
        self.statusBar().clearMessage()
        show_problem(self, "The plan could not be made", error)

    def import_roadmap(self, path: Path | None = None) -> None:
        """Import a roadmap file; a bad file is explained and changes nothing."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "Import roadmap", str(Path.home()), "Roadmap files (*.yaml *.yml)"
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            roadmap = self.store.import_roadmap(path)
        except Exception as exc:
            show_problem(self, f"{path.name} could not be imported", exc)
            return
        self.refresh_roadmaps()
        self.roadmaps_page.select(roadmap.id)
        self.show_page(PAGES.index("Roadmaps"))
        self.statusBar().showMessage(f"Imported {roadmap.title}.", 5000)
        self.roadmapImported.emit(roadmap.id)

    def open_settings(self) -> None:
        """Edit the settings and apply them at once."""
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.store_into(self.settings)
            self.settings.sync()
            apply_theme(self.settings.theme)
            weekday = self.settings.effective_first_weekday()
            self.month_model.set_first_weekday(weekday)
            self.week_model.set_first_weekday(weekday)

    def shortcut_list(self) -> list[tuple[str, str]]:
        """Every action that has a shortcut: its name and its keys."""
        rows = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            for action in menu.actions() if isinstance(menu, QMenu) else []:
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                if keys:
                    rows.append((action.text().replace("&", "").rstrip("…"), keys))
        rows += [("Previous month", "Page Up"), ("Next month", "Page Down"), ("Today", "Ctrl+T")]
        return rows

    def show_shortcuts(self) -> None:
        """Help → Keyboard Shortcuts."""
        table = "".join(
            f"<tr><td>{name}</td><td><b>{keys}</b></td></tr>" for name, keys in self.shortcut_list()
        )
        QMessageBox.information(
            self, "Keyboard shortcuts", f"<table cellpadding='4'>{table}</table>"
        )

    def _about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", about_html())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Let running work finish, and remember the window for next time."""
        self.tasks.shutdown()  # results arriving later would reach a closed store
        self.settings.geometry = self.saveGeometry()
        self.settings.last_page = self.sidebar.currentRow()
        self.settings.sync()
        super().closeEvent(event)
