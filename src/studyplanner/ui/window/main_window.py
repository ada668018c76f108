"""The main window: a sidebar of pages over the learner's plans, made of composed controllers.

Opened with ``today_first`` (as the app opens it), the window is built in steps. First the
frame, the menus and the Today page, filled through the store's raw reads: that is what the
learner waits for. Then ``build_rest`` makes the calendar's models, the controllers (and the
Flashcards and Milestones pages their controllers take) and loads their modules; the app calls
it once the Today page has been painted, and anything that needs them before (a menu command,
another page) calls it first. The Calendar, Roadmaps and Progress pages are made the first
time they are shown or asked for (see ``PageFactory``), the export and card transfer
controllers when first used.
"""

from __future__ import annotations

from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from studyplanner import APP_NAME
from studyplanner.ui.common.clock import Clock
from studyplanner.ui.common.settings import AppSettings, apply_theme
from studyplanner.ui.controllers.context import PAGES, Pages, WindowContext
from studyplanner.ui.operations.runner import OperationRunner
from studyplanner.ui.operations.tasks import TaskRunner
from studyplanner.ui.pages.today import TodayPage
from studyplanner.ui.window.actions import build_menus, shortcut_list
from studyplanner.ui.window.frame import build_frame
from studyplanner.ui.window.today_first import show_today_alone
from studyplanner.ui.window.undo import redo_last, undo_last

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime

    from studyplanner.storage.queries.views import PlanSummary
    from studyplanner.storage.store import Store
    from studyplanner.ui.controllers.backups import BackupsController
    from studyplanner.ui.controllers.card_transfer import CardTransfer
    from studyplanner.ui.controllers.cards import CardsController
    from studyplanner.ui.controllers.export import PlanExport
    from studyplanner.ui.controllers.milestones import MilestonesController
    from studyplanner.ui.controllers.plans import PlansController
    from studyplanner.ui.models.agenda import AgendaModel
    from studyplanner.ui.models.month import MonthModel
    from studyplanner.ui.models.roadmaps import RoadmapListModel
    from studyplanner.ui.models.week import WeekModel
    from studyplanner.ui.window.plan_views import PlanViews
    from studyplanner.ui.window.refresh import WindowRefresh
    from studyplanner.ui.window.undo import UndoEntries

# Closing the window waits at most this long for background work before it goes.
CLOSE_WAIT_MS = 1000


class MainWindow(QMainWindow):
    """Pages on the right, chosen in the sidebar; the current plan picked in the toolbar."""

    # Made by build_rest.
    pages: Pages
    month_model: MonthModel
    week_model: WeekModel
    agenda_model: AgendaModel
    roadmap_list: RoadmapListModel  # filled when first needed (see roadmap_model)
    views: PlanViews
    undo_entries: UndoEntries
    plans: PlansController
    cards: CardsController
    milestones: MilestonesController
    backups: BackupsController
    refresh: WindowRefresh
    context: WindowContext

    def __init__(
        self,
        store: Store,
        today: Callable[[], date],
        now: Callable[[], datetime],
        parent: Any = None,
        *,
        today_first: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        assert store.path is not None, "the window keeps its settings beside the database"
        self.settings = AppSettings(store.path.parent)
        self.clock = Clock(today, now)
        self._plans: list[PlanSummary] = []
        self.tasks = TaskRunner(self)
        self.runner = OperationRunner(store, self.tasks, self._report, self)
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(720, 480))
        self.today_page = TodayPage()
        self.built = False  # whether build_rest has made the models and the controllers
        self.roadmaps_loaded = False
        frame = build_frame(self, self.today_page)
        self.sidebar, self.stack, self.plan_box = frame.sidebar, frame.stack, frame.plan_box
        self.busy = frame.busy
        self.sidebar.currentRowChanged.connect(self._row_chosen)
        self.plan_box.currentIndexChanged.connect(self._plan_chosen)
        self.tasks.busyChanged.connect(self.busy.setVisible)
        self.commands = build_menus(self, self._handlers())
        for name in ("undo", "redo"):  # nothing to undo yet; the runner says when there is
            self.action(name).setEnabled(False)
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        if not (today_first and self._show_today_first()):
            self.build_rest()

    def build_rest(self) -> None:
        """Make the models and the controllers; once, the first time asked.

        The pages they need are made with them; the others wait until first shown.
        """
        if self.built:
            return
        self.built = True
        from studyplanner.ui.controllers.backups import BackupsController
        from studyplanner.ui.controllers.cards import CardsController
        from studyplanner.ui.controllers.milestones import MilestonesController
        from studyplanner.ui.controllers.plans import PlansController
        from studyplanner.ui.models.agenda import AgendaModel
        from studyplanner.ui.models.month import MonthModel
        from studyplanner.ui.models.roadmaps import RoadmapListModel
        from studyplanner.ui.models.week import WeekModel
        from studyplanner.ui.window.page_factory import PageFactory
        from studyplanner.ui.window.plan_views import PlanViews
        from studyplanner.ui.window.refresh import WindowRefresh
        from studyplanner.ui.window.undo import UndoEntries

        today, store = self.clock.today(), self.store
        # Filled when first needed: parsing the bundled roadmaps would slow the first page.
        self.roadmap_list = RoadmapListModel(self)
        first_weekday = self.settings.effective_first_weekday()
        self.month_model = MonthModel(today, first_weekday, self)
        self.week_model = WeekModel(today, first_weekday, self)
        self.agenda_model = AgendaModel(today, self)
        for _ in PAGES[1:]:  # each page takes its place in the stack when it is made
            self.stack.addWidget(QWidget())
        self.pages = Pages(self.today_page, self.month_model, self.week_model, PageFactory(self))
        self.undo_entries = UndoEntries(
            self.runner, self.pages, self.action("undo"), self.action("redo")
        )
        context = self.context = WindowContext(
            self,
            store,
            self.settings,
            self.clock,
            self.runner,
            self.pages,
            self.current_plan,
            lambda name: self.show_page(PAGES.index(name)),
            self.shown_page,
        )
        self.views = PlanViews(context, self.agenda_model)
        self.plans = PlansController(context, lambda: self.roadmap_model, self.views.topics)
        self.cards = CardsController(context)
        self.milestones = MilestonesController(context, self.views.plan_roadmap)
        self.views.join(self.cards, self.milestones)
        self.backups = BackupsController(context)
        self.refresh = WindowRefresh(self)
        self.refresh_plans()
        row = min(self.settings.last_page, len(PAGES) - 1)
        if self.sidebar.currentRow() == row:  # the Today page, shown before the rest was built
            self.refresh.page_shown()
        else:
            self.sidebar.setCurrentRow(row)

    @cached_property
    def plan_export(self) -> PlanExport:
        """File → Export, made when first used: its file formats' modules load then."""
        from studyplanner.ui.controllers.export import PlanExport

        self.build_rest()
        return PlanExport(self.context)

    @cached_property
    def card_transfer(self) -> CardTransfer:
        """Cards → Import Cards and Export Deck, made when first used."""
        from studyplanner.ui.controllers.card_transfer import CardTransfer

        self.build_rest()
        return CardTransfer(self.context)

    def _show_today_first(self) -> bool:
        """Fill the Today page alone, before the rest is built; False where it cannot be.

        A window that reopens on another page waits for the whole window, as does a strict
        plan (see ``show_today_alone``).
        """
        if self.settings.last_page != 0:
            return False
        self.sidebar.setCurrentRow(0)
        self._fill_plan_box(None)
        first_weekday = self.settings.effective_first_weekday()
        return show_today_alone(
            self.today_page, self.store, self.current_plan(), self.clock.today(), first_weekday
        )

    def _handlers(self) -> dict[str, Callable[[], object]]:
        """What each command in the action table does, the rest of the window built first."""
        handlers: dict[str, Callable[[], object]] = {
            "new_plan": lambda: self.plans.new_plan(),
            "import_roadmap": lambda: self.plans.import_roadmap(),
            "export_ics": lambda: self.plan_export.export_plan("ics"),
            "export_csv": lambda: self.plan_export.export_plan("csv"),
            "export_week": lambda: self.plan_export.export_pdf("week"),
            "export_month": lambda: self.plan_export.export_pdf("month"),
            "back_up": lambda: self.backups.back_up_now(),
            "backups": lambda: self.backups.open_backups(),
            "quit": self.close,
            "replan": lambda: self.plans.replan_from_today(),
            "strict": lambda: self.plans.set_strict_mastery(self.action("strict").isChecked()),
            "browse": lambda: self.cards.open_browser(),
            "add_card": lambda: self.cards.open_browser().add_card(),
            "import_cards": lambda: self.card_transfer.import_file(),
            "export_deck": lambda: self.card_transfer.export_deck(self.cards.chosen_deck()),
            "undo": self.undo,
            "redo": self.redo,
            "settings": self.open_settings,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        }
        for number in range(len(PAGES)):
            handlers[f"page_{number}"] = partial(self.show_page, number)
        return {name: partial(self._when_built, work) for name, work in handlers.items()}

    def _when_built(self, work: Callable[[], object]) -> object:
        self.build_rest()
        return work()

    def action(self, name: str) -> QAction:
        """The menu action the action table names ``name``."""
        return self.commands[name]

    # Showing

    def show_page(self, number: int) -> None:
        """Show a page by its sidebar position."""
        self.sidebar.setCurrentRow(number)

    def shown_page(self) -> str:
        """The name of the page in view."""
        return PAGES[max(self.sidebar.currentRow(), 0)]

    def _row_chosen(self, row: int) -> None:
        if row != 0:  # the Today page is there from the start
            self.build_rest()
            self.pages.page(PAGES[row])  # made the first time it is shown
        self.stack.setCurrentIndex(row)

    def current_plan(self) -> PlanSummary | None:
        """The plan the pages show."""
        row = self.plan_box.currentIndex()
        return self._plans[row] if 0 <= row < len(self._plans) else None

    @property
    def roadmap_model(self) -> RoadmapListModel:
        """The bundled and imported roadmaps, read on first use."""
        if not self.roadmaps_loaded:
            self.refresh_roadmaps()
        return self.roadmap_list

    def refresh_roadmaps(self) -> None:
        """Reload the roadmap list."""
        self.roadmap_list.set_items(self.store.roadmaps())
        self.roadmaps_loaded = True

    def refresh_plans(self, select_id: int | None = None) -> None:
        """Reload the plan list, keeping or changing the current plan."""
        self._fill_plan_box(select_id)
        self._plan_chosen()

    def _fill_plan_box(self, select_id: int | None) -> None:
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

    def _plan_chosen(self, _row: int = -1) -> None:
        if not self.built:
            self.build_rest()  # which shows the plan chosen
            return
        plan = self.current_plan()
        self.action("strict").setChecked(plan is not None and plan.strict)
        self.views.plan_chosen()

    def plan_created(self, plan_id: int) -> None:
        """A plan was made here: choose it and show it in the calendar."""
        self.refresh_plans(select_id=plan_id)
        plan = self.current_plan()
        if plan is not None:
            self.pages.calendar.show_date(max(plan.start, self.clock.today()))
        self.show_page(PAGES.index("Calendar"))

    def roadmap_imported(self, roadmap_id: str) -> None:
        """A roadmap was imported here: show it in the list."""
        self.refresh_roadmaps()
        self.pages.roadmaps.select(roadmap_id)
        self.show_page(PAGES.index("Roadmaps"))

    def _report(self, title: str, error: BaseException) -> None:
        from studyplanner.ui.common import errors
        from studyplanner.ui.controllers.plans import tell_plan_changed

        if not tell_plan_changed(self, error):
            errors.show_problem(self, title, error)

    # Undo, settings, help

    def undo(self) -> None:
        """Undo the last answer while reviewing, otherwise the last change made here."""
        undo_last(self.runner, self.pages)

    def redo(self) -> None:
        """Redo the last undone change (answers are redone by answering again)."""
        redo_last(self.runner, self.pages)

    def open_settings(self) -> None:
        """Edit the settings and apply them at once."""
        from studyplanner.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.store_into(self.settings)
            self.settings.sync()
            apply_theme(self.settings.theme, self.settings)
            weekday = self.settings.effective_first_weekday()
            self.month_model.set_first_weekday(weekday)
            self.week_model.set_first_weekday(weekday)

    def show_about(self) -> None:
        """Help → About."""
        from studyplanner.ui.window.about import about_html

        QMessageBox.about(self, f"About {APP_NAME}", about_html())

    def shortcut_list(self) -> list[tuple[str, str]]:
        """Every command that has keys, and the keys the pages handle."""
        return shortcut_list(self.commands)

    def show_shortcuts(self) -> None:
        """Help → Keyboard Shortcuts."""
        table = "".join(
            f"<tr><td>{name}</td><td><b>{keys}</b></td></tr>" for name, keys in self.shortcut_list()
        )
        QMessageBox.information(
            self, "Keyboard shortcuts", f"<table cellpadding='4'>{table}</table>"
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the window, and go within a second; running work finishes unseen."""
        self.runner.close()
        self.tasks.shutdown(CLOSE_WAIT_MS)  # results arriving later would reach a closed store
        self.settings.geometry = self.saveGeometry()
        self.settings.last_page = self.sidebar.currentRow()
        self.settings.sync()
        super().closeEvent(event)
