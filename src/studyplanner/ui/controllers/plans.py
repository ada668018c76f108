"""The window's plans: making one, editing its sessions, re-planning, roadmaps, strict mode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from studyplanner.operations.plans import (
    ApplyPlan,
    DeleteSession,
    PlanChangedError,
    SetStrictMastery,
    create_plan,
    import_roadmap,
    session_change,
)
from studyplanner.storage.errors import StorageError
from studyplanner.ui.common.safe_text import message_box
from studyplanner.ui.controllers.context import WindowContext

if TYPE_CHECKING:
    from studyplanner.core.planning.plan import Plan
    from studyplanner.core.planning.replan import Replan
    from studyplanner.core.planning.request import PlanRequest
    from studyplanner.core.roadmap.model import Roadmap
    from studyplanner.storage.queries.views import SessionEdit, SessionView, TopicNotes
    from studyplanner.ui.dialogs.plan_wizard import PlanWizard
    from studyplanner.ui.dialogs.replan import ReplanDialog
    from studyplanner.ui.models.roadmaps import RoadmapListModel


class PlansController(QObject):
    """Plans and their sessions, changed through operations on the worker."""

    planCreated = Signal(int)
    roadmapImported = Signal(str)
    replanOffered = Signal()
    replanApplied = Signal()
    wizard: PlanWizard  # the plan wizard last opened, kept while it shows
    replan_dialog: ReplanDialog

    def __init__(
        self,
        context: WindowContext,
        roadmaps: Callable[[], RoadmapListModel],
        topics: dict[str, TopicNotes],
    ) -> None:
        super().__init__(context.window)
        self.context = context
        self._roadmaps = roadmaps  # the window fills the list when it is first needed
        self._topics = topics  # the current plan's topic notes, kept current by the window

    # Making plans

    def new_plan(self, roadmap_id: str | None = None) -> None:
        """Open the plan wizard; the plan is made when the learner finishes it."""
        context = self.context
        try:
            forecast = context.store.review_forecast(context.clock.now())
        except StorageError:
            forecast = ()  # the plan can still be made; re-planning adds review time later
        from studyplanner.ui.dialogs.plan_wizard import PlanWizard

        wizard = PlanWizard(
            self._roadmaps(), context.clock.today(), roadmap_id, context.window, forecast
        )
        wizard.accepted.connect(lambda: self.create_plan(wizard.plan_name(), wizard.request()))
        self.wizard = wizard
        wizard.open()

    def create_plan(self, name: str, request: PlanRequest) -> None:
        """Plan and store on the worker; show the new plan when it is saved."""
        self.context.say(f"Planning {request.roadmap.title}…", 0)
        self.context.runner.run(
            create_plan(name, request, self.context.clock.now()),
            self._plan_saved,
            self._plan_failed,
        )

    def _plan_saved(self, plan_id: int) -> None:
        self.context.say("Plan saved.", 5000)
        self.planCreated.emit(plan_id)

    def _plan_failed(self, error: BaseException) -> None:
        self.context.window.statusBar().clearMessage()
        self.context.report("The plan could not be made", error)

    def import_roadmap(self, path: Path | None = None) -> None:
        """Import a roadmap file; a bad file is explained and changes nothing."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.context.window,
                "Import roadmap",
                str(Path.home()),
                "Roadmap files (*.yaml *.yml)",
            )
            if not chosen:
                return
            path = Path(chosen)
        source = path

        def imported(roadmap: Roadmap) -> None:
            self.context.say(f"Imported {roadmap.title}.", 5000)
            self.roadmapImported.emit(roadmap.id)

        self.context.runner.run(
            import_roadmap(source),
            imported,
            lambda error: self.context.report(f"{source.name} could not be imported", error),
        )

    # Sessions

    def open_session(self, session: SessionView) -> None:
        """Show a session; turn what the learner changes into an undoable edit."""
        plan = self.context.current_plan()
        if plan is None:
            return
        try:
            before = self.context.store.session_edit(plan.id, session.key)
        except (KeyError, StorageError) as exc:
            self.context.report("The session could not be opened", exc)
            return
        from studyplanner.ui.dialogs.session import SessionDialog

        dialog = SessionDialog(
            session, before, self._topics.get(session.topic_id), self.context.window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.delete_requested:
            self.delete_session(session)
        else:
            self.edit_session(session, dialog.result_edit(), before)

    def edit_session(
        self, session: SessionView, after: SessionEdit, before: SessionEdit | None = None
    ) -> None:
        """Change a session, undoably."""
        plan = self.context.current_plan()
        if plan is None:
            return
        if before is None:
            before = self.context.store.session_edit(plan.id, session.key)
        change = session_change(plan.id, session.key, session.title, before, after)
        if change is not None:
            self.context.runner.perform(change)

    def move_session(self, session: SessionView, day: date) -> None:
        """Move a session to another day (as a drag and drop does), undoably."""
        plan = self.context.current_plan()
        if plan is not None:
            before = self.context.store.session_edit(plan.id, session.key)
            self.edit_session(session, replace(before, day=day), before)

    def delete_session(self, session: SessionView) -> None:
        """Delete a session, undoably."""
        plan = self.context.current_plan()
        if plan is not None:
            text = f"Delete “{session.title}” on {session.day:%d %B}"
            self.context.runner.perform(DeleteSession(plan.id, session.key, text))

    def set_strict_mastery(self, strict: bool) -> None:
        """Plan → Strict Mastery: hold each stage back until the one before is mastered."""
        plan = self.context.current_plan()
        if plan is not None and plan.strict != strict:
            self.context.runner.perform(SetStrictMastery(plan.id, strict))

    # Re-planning

    def replan_from_today(self) -> None:
        """Work out a re-plan on the worker, then ask before applying it."""
        plan = self.context.current_plan()
        if plan is None:
            return
        store, today, now = self.context.store, self.context.clock.today(), self.context.clock.now()

        def work() -> tuple[int, PlanRequest, Plan, Replan]:
            from studyplanner.core.planning.replan import replan

            # Review time comes from the cards' FSRS due dates, as they stand today.
            request = replace(
                store.plan_request(plan.id), review_forecast=store.review_forecast(now)
            )
            state = store.plan_state(plan.id)
            return plan.id, request, state, replan(request, state, today)

        self.context.say("Re-planning from today…", 0)
        self.context.runner.read(work, self._confirm_replan, "No re-plan")

    def _confirm_replan(self, work: tuple[int, PlanRequest, Plan, Replan]) -> None:
        plan_id, request, state, result = work
        self.context.window.statusBar().clearMessage()
        from studyplanner.ui.dialogs.replan import ReplanDialog

        dialog = ReplanDialog(request, result, self.context.window)

        def apply() -> None:
            # The re-plan belongs to the plan it was worked out for, whichever is shown now.
            text = f"Re-plan from {self.context.clock.today():%d %B}"
            operation = ApplyPlan(plan_id, state, dialog.chosen(), text)
            self.context.runner.perform(operation, self.replanApplied.emit)

        dialog.accepted.connect(apply)
        self.replan_dialog = dialog
        dialog.open()
        self.replanOffered.emit()


def tell_plan_changed(parent: QWidget, error: BaseException) -> bool:
    """A re-plan refused because the plan changed meanwhile: say so plainly; True if it was."""
    if not isinstance(error, PlanChangedError):
        return False
    message_box(
        QMessageBox.Icon.Information,
        "The plan changed",
        str(error),
        QMessageBox.StandardButton.Ok,
        parent,
    ).exec()
    return True
