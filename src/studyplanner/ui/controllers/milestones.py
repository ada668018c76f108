"""The main window's milestone actions: strict mode, mastery criteria, and plan exports."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from studyplanner.core.milestones.reports import MilestoneReport, waiting_for_mastery
from studyplanner.storage.errors import StorageError
from studyplanner.ui.common.errors import show_problem
from studyplanner.ui.common.review_options import review_settings
from studyplanner.ui.controllers.export import month_weeks
from studyplanner.ui.dialogs.criteria import CriteriaDialog
from studyplanner.ui.dialogs.milestone import ExpiryDialog, OwnMilestoneDialog
from studyplanner.ui.operations.card_commands import (
    AddOwnMilestone,
    DeleteOwnMilestone,
    MarkOwnMilestone,
    SetMasteryRule,
)
from studyplanner.ui.operations.plan_commands import (
    CardContext,
)
from studyplanner.ui.window.base import WindowBase

if TYPE_CHECKING:
    from pathlib import Path

    from studyplanner.storage.queries.views import PlanSummary


class MilestoneActions(WindowBase):
    """Milestones, strict mode, their criteria, and writing the plan to files."""

    def _waiting_for_mastery(self, plan: PlanSummary) -> dict[str, str]:
        """In strict mode, the stages held back, each with what its gate still misses.

        Worked out once per refresh of the plan (the Today page and the calendar share it).
        """
        if not plan.strict:
            return {}
        if self._waiting is None:
            self._waiting = self._assess_waiting(plan)
        return self._waiting

    def _assess_waiting(self, plan: PlanSummary) -> dict[str, str]:
        roadmap = self.plan_roadmap(plan)
        try:
            reports = self.store.milestone_reports(
                plan.id, self._now(), review_settings(self.settings), forecast=False
            )
        except StorageError as error:
            show_problem(self, "The milestones could not be assessed", error)
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

    def set_strict_mastery(self, strict: bool) -> None:
        """Plan → Strict Mastery: hold each stage back until the one before is mastered."""
        plan = self.current_plan()
        if plan is None:
            return
        try:
            self.store.set_strict_mastery(plan.id, strict)
        except StorageError as error:
            show_problem(self, "Strict mode could not be changed", error)
            return
        self.refresh_plans(plan.id)

    def refresh_milestones(self) -> None:
        """Assess the current plan's milestones in the background, then show them."""
        plan = self.current_plan()
        today = self._today()
        if plan is None:
            self.milestones_page.show_reports(None, today)
            return
        now, settings = self._now(), review_settings(self.settings)

        def show(reports: list[MilestoneReport]) -> None:
            if self.current_plan() == plan:
                self.milestones_page.show_reports(reports, today)
                self.milestonesReady.emit()

        self.tasks.run(
            lambda: self.store.milestone_reports(plan.id, now, settings),
            show,
            lambda error: show_problem(self, "The milestones could not be assessed", error),
        )

    def add_own_milestone(self) -> None:
        """Ask for a milestone of the learner's own, then add it undoably."""
        plan = self.current_plan()
        if plan is None:
            return
        dialog = OwnMilestoneDialog(self._today() + timedelta(days=30), self)

        def add() -> None:
            title, day, criteria = dialog.values()
            context = CardContext(self.store, self.refresh_plans, partial(show_problem, self))
            self.undo_stack.push(AddOwnMilestone(context, plan.id, title, day, criteria))

        dialog.accepted.connect(add)
        dialog.open()
        self.milestone_dialog = dialog

    def set_expiry(self, report: MilestoneReport) -> None:
        """Ask when a certificate expires; put a renewal milestone on that date, undoably."""
        plan = self.current_plan()
        if plan is None:
            return
        name = report.title.removeprefix("Exam: ")
        dialog = ExpiryDialog(name, report.planned + timedelta(days=3 * 365), self)

        def add() -> None:
            day = dialog.expiry()
            context = CardContext(self.store, self.refresh_plans, partial(show_problem, self))
            criteria = f"{name} renewed before it expires on {day:%d %B %Y}"
            ref = report.key.removeprefix("cert:")
            self.undo_stack.push(
                AddOwnMilestone(context, plan.id, f"Renew: {name}", day, criteria, renews=ref)
            )

        dialog.accepted.connect(add)
        dialog.open()
        self.expiry_dialog = dialog

    def mark_own_milestone(self, report: MilestoneReport, reached: bool) -> None:
        """Mark a milestone of the learner's own, undoably."""
        plan = self.current_plan()
        if plan is not None:
            context = CardContext(self.store, self.refresh_plans, partial(show_problem, self))
            self.undo_stack.push(MarkOwnMilestone(context, plan.id, report.key, reached))

    def delete_own_milestone(self, report: MilestoneReport) -> None:
        """Delete a milestone of the learner's own, undoably."""
        plan = self.current_plan()
        if plan is not None:
            context = CardContext(self.store, self.refresh_plans, partial(show_problem, self))
            self.undo_stack.push(DeleteOwnMilestone(context, plan.id, report.key, report.title))

    def change_criteria(self, report: MilestoneReport) -> None:
        """Edit a stage milestone's mastery criteria; applied undoably when accepted."""
        plan = self.current_plan()
        if plan is None or report.criteria is None:
            return
        dialog = CriteriaDialog(report.title, report.criteria, self)

        def apply() -> None:
            key = "" if dialog.for_whole_roadmap() else report.key
            before = self.store.mastery_rules(plan.roadmap_id).get(key)
            context = CardContext(self.store, self.refresh_milestones, partial(show_problem, self))
            self.undo_stack.push(
                SetMasteryRule(context, plan.roadmap_id, key, before, dialog.criteria())
            )

        dialog.accepted.connect(apply)
        dialog.open()
        self.criteria_dialog = dialog

    def export_plan(self, kind: str, path: Path | None = None) -> None:
        """File → Export: the current plan as an .ics calendar or a CSV spreadsheet."""
        plan = self.current_plan()
        if plan is None:
            return
        path = path or self.plan_export.ask_path(kind, plan, "")
        if path is not None:
            self.plan_export.export(kind, plan, path)

    def export_pdf(self, period: str, path: Path | None = None) -> None:
        """File → Export: the week or the month the calendar shows, as a printable PDF."""
        plan = self.current_plan()
        if plan is None:
            return
        weekday = self.week_model.first_weekday
        if period == "week":
            weeks = [self.week_model.start]
            label = f" week of {weeks[0]:%Y-%m-%d}"
        else:
            year, month = self.month_model.year, self.month_model.month
            weeks = month_weeks(year, month, weekday)
            label = f" {year}-{month:02d}"
        path = path or self.plan_export.ask_path("pdf", plan, label)
        if path is not None:
            self.plan_export.export_pdf(plan, weeks, path)
