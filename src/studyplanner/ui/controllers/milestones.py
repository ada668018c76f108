"""The window's milestones: strict mode's held-back stages, criteria, the learner's own ones."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studyplanner.core.milestones.reports import MilestoneReport, waiting_for_mastery
from studyplanner.operations.milestones import (
    AddOwnMilestone,
    DeleteOwnMilestone,
    MarkOwnMilestone,
    SetMasteryRule,
)
from studyplanner.storage.errors import StorageError
from studyplanner.ui.common.review_options import review_settings
from studyplanner.ui.controllers.context import WindowContext

if TYPE_CHECKING:
    from collections.abc import Callable

    from studyplanner.core.roadmap.model import Roadmap
    from studyplanner.storage.queries.views import PlanSummary
    from studyplanner.ui.dialogs.criteria import CriteriaDialog
    from studyplanner.ui.dialogs.milestone import ExpiryDialog, OwnMilestoneDialog
    from studyplanner.ui.pages.milestones import MilestonesPage


class MilestonesController(QObject):
    """Milestones assessed on the worker; the learner's own ones changed undoably."""

    milestonesReady = Signal()
    # The dialogs last opened, kept while they show.
    milestone_dialog: OwnMilestoneDialog
    expiry_dialog: ExpiryDialog
    criteria_dialog: CriteriaDialog

    def __init__(
        self, context: WindowContext, roadmap_of: Callable[[PlanSummary], Roadmap]
    ) -> None:
        super().__init__(context.window)
        self.context = context
        self._roadmap_of = roadmap_of
        self._waiting: dict[str, str] | None = None  # per refresh of the plan

    def connect_page(self, page: MilestonesPage) -> None:
        """Take the Milestones page's requests; it is made when first shown or asked for."""
        page.criteriaRequested.connect(self.change_criteria)
        page.addRequested.connect(self.add_own_milestone)
        page.markRequested.connect(self.mark_own_milestone)
        page.deleteRequested.connect(self.delete_own_milestone)
        page.expiryRequested.connect(self.set_expiry)

    def forget_assessment(self) -> None:
        """The plan or its cards changed: assess strict mode's gates again when next asked."""
        self._waiting = None

    def waiting_for_mastery(self, plan: PlanSummary) -> dict[str, str]:
        """In strict mode, the stages held back, each with what its gate still misses.

        Worked out once per refresh of the plan (the Today page and the calendar share it).
        """
        if not plan.strict:
            return {}
        if self._waiting is None:
            self._waiting = self._assess_waiting(plan)
        return self._waiting

    def _assess_waiting(self, plan: PlanSummary) -> dict[str, str]:
        context = self.context
        roadmap = self._roadmap_of(plan)
        try:
            reports = context.store.milestone_reports(
                plan.id, context.clock.now(), review_settings(context.settings), forecast=False
            )
        except StorageError as error:
            context.report("The milestones could not be assessed", error)
            return {}
        stages = {stage.id: stage.title for stage in roadmap.stages}
        return {
            stage: (
                f"Strict mode: {stages[stage]} waits until “{gate.title}” is reached. Still to "
                f"do: {', '.join(m.criterion for m in gate.assessment.missing)} "
                "(see the Milestones page)."
            )
            for stage, gate in waiting_for_mastery(reports, roadmap).items()
        }

    def refresh(self) -> None:
        """Assess the current plan's milestones on the worker, then show them."""
        context = self.context
        plan, today = context.current_plan(), context.clock.today()
        page = context.pages.milestones
        if plan is None:
            page.show_reports(None, today)
            return
        store, now, settings = context.store, context.clock.now(), review_settings(context.settings)

        def show(reports: list[MilestoneReport]) -> None:
            if context.current_plan() == plan:
                page.show_reports(reports, today)
                self.milestonesReady.emit()

        context.runner.read(
            lambda: store.milestone_reports(plan.id, now, settings),
            show,
            "The milestones could not be assessed",
        )

    def add_own_milestone(self) -> None:
        """Ask for a milestone of the learner's own, then add it undoably."""
        plan = self.context.current_plan()
        if plan is None:
            return
        from studyplanner.ui.dialogs.milestone import OwnMilestoneDialog

        dialog = OwnMilestoneDialog(
            self.context.clock.today() + timedelta(days=30), self.context.window
        )

        def add() -> None:
            title, day, criteria = dialog.values()
            self.context.runner.perform(AddOwnMilestone(plan.id, title, day, criteria))

        dialog.accepted.connect(add)
        dialog.open()
        self.milestone_dialog = dialog

    def set_expiry(self, report: MilestoneReport) -> None:
        """Ask when a certificate expires; put a renewal milestone on that date, undoably."""
        plan = self.context.current_plan()
        if plan is None:
            return
        name = report.title.removeprefix("Exam: ")
        from studyplanner.ui.dialogs.milestone import ExpiryDialog

        dialog = ExpiryDialog(name, report.planned + timedelta(days=3 * 365), self.context.window)

        def add() -> None:
            day = dialog.expiry()
            criteria = f"{name} renewed before it expires on {day:%d %B %Y}"
            ref = report.key.removeprefix("cert:")
            self.context.runner.perform(
                AddOwnMilestone(plan.id, f"Renew: {name}", day, criteria, renews=ref)
            )

        dialog.accepted.connect(add)
        dialog.open()
        self.expiry_dialog = dialog

    def mark_own_milestone(self, report: MilestoneReport, reached: bool) -> None:
        """Mark a milestone of the learner's own, undoably."""
        plan = self.context.current_plan()
        if plan is not None:
            self.context.runner.perform(MarkOwnMilestone(plan.id, report.key, reached))

    def delete_own_milestone(self, report: MilestoneReport) -> None:
        """Delete a milestone of the learner's own, undoably."""
        plan = self.context.current_plan()
        if plan is not None:
            self.context.runner.perform(DeleteOwnMilestone(plan.id, report.key, report.title))

    def change_criteria(self, report: MilestoneReport) -> None:
        """Edit a stage milestone's mastery criteria; applied undoably when accepted."""
        plan = self.context.current_plan()
        if plan is None or report.criteria is None:
            return
        from studyplanner.ui.dialogs.criteria import CriteriaDialog

        dialog = CriteriaDialog(report.title, report.criteria, self.context.window)

        def apply() -> None:
            key = "" if dialog.for_whole_roadmap() else report.key
            before = self.context.store.mastery_rules(plan.roadmap_id).get(key)
            self.context.runner.perform(
                SetMasteryRule(plan.roadmap_id, key, before, dialog.criteria())
            )

        dialog.accepted.connect(apply)
        dialog.open()
        self.criteria_dialog = dialog
