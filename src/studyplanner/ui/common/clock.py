"""The one place the UI learns the date and time from; widgets are given it, never read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Clock:
    """Today's date and the current moment, as the app's entry point defines them."""

    today: Callable[[], date]
    now: Callable[[], datetime]
