"""The Today page filled on its own, before the rest of the window is made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyplanner.ui.models.week import week_of

if TYPE_CHECKING:
    from datetime import date

    from studyplanner.storage.queries.views import PlanSummary
    from studyplanner.storage.store import Store
    from studyplanner.ui.pages.today import TodayPage


def show_today_alone(
    page: TodayPage, store: Store, plan: PlanSummary | None, today: date, first_weekday: int
) -> bool:
    """What ``PlanViews.show`` puts on the Today page, read the same way; False if it cannot.

    Strict mode's held back stages need the milestones assessed, so a strict plan waits for
    the whole window.
    """
    if plan is None:
        page.show_day(today, None, [], None)
        return True
    if plan.strict:
        return False
    upcoming = [m for m in store.milestones(plan.id) if m.day >= today]
    page.show_day(
        today,
        plan.name,
        store.sessions_between(plan.id, today, today),
        upcoming[0] if upcoming else None,
        store.missed_sessions(plan.id, today),
        store.sessions_between(plan.id, *week_of(today, first_weekday)),
        store.plan_topics(plan.id),
    )
    return True
