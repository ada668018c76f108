"""The planner's limits: a day's step, the horizon a plan must end within, and its refusal."""

from __future__ import annotations

from datetime import timedelta

# A plan that would run past this many years is refused rather than computed forever.
HORIZON_YEARS = 40
HORIZON_DAYS = 366 * HORIZON_YEARS
ONE_DAY = timedelta(days=1)


class PlanningError(ValueError):
    """The request cannot become a plan; the message says why in plain words."""


def too_long() -> PlanningError:
    """The plan would run past the horizon: say so, and what would shorten it."""
    return PlanningError(
        f"the plan would take longer than {HORIZON_YEARS} years: give the week more study "
        "minutes, or plan fewer topics, days off or review minutes"
    )
