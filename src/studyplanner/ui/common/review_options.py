"""The learner's review options, kept in the settings file."""

from __future__ import annotations

from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.ui.common.settings import AppSettings

RETENTION_RANGE = (0.70, 0.99)


def review_settings(settings: AppSettings) -> ReviewSettings:
    """Desired retention (0.90 unless changed) and load balancing (on unless turned off)."""
    low, high = RETENTION_RANGE
    retention = min(high, max(low, settings.number("review/desired_retention", 0.9)))
    balancing = settings.number("review/load_balancing", 1) != 0
    return ReviewSettings(desired_retention=round(retention, 2), load_balancing=balancing)


def daily_limits(settings: AppSettings) -> DailyLimits:
    """New cards and reviews a day, and an optional time budget in minutes (0 means none)."""
    defaults = DailyLimits()
    minutes = int(settings.number("review/minutes_per_day", 0))
    return DailyLimits(
        new_cards=max(0, int(settings.number("review/new_per_day", defaults.new_cards))),
        reviews=max(0, int(settings.number("review/reviews_per_day", defaults.reviews))),
        minutes=minutes if minutes > 0 else None,
    )


def store_review_options(
    settings: AppSettings, review: ReviewSettings, limits: DailyLimits
) -> None:
    """Keep the review options."""
    settings.set_number("review/desired_retention", review.desired_retention)
    settings.set_number("review/load_balancing", 1 if review.load_balancing else 0)
    settings.set_number("review/new_per_day", limits.new_cards)
    settings.set_number("review/reviews_per_day", limits.reviews)
    settings.set_number("review/minutes_per_day", limits.minutes or 0)
