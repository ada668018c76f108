"""Units of the roadmap format that plain code needs without loading the pydantic models."""

from __future__ import annotations

from enum import StrEnum


class DurationUnit(StrEnum):
    """Units of a calendar duration."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
