"""The learner's clock: the current moment in the system's time zone, with the zone's rules.

``datetime.now().astimezone()`` carries a fixed offset, today's: a review day computed with it
for a time on the other side of a change of clock starts an hour early or late. Where the
system names its zone (the ``TZ`` variable, or the zone file ``/etc/localtime`` links to, as
on Linux and macOS), the moment carries that zone's rules instead; elsewhere, the offset.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path

ZONE_FILE = Path("/etc/localtime")
ZONES_FOLDER = "zoneinfo"


def system_zone(
    environ: Mapping[str, str] | None = None, zone_file: Path = ZONE_FILE
) -> tzinfo | None:
    """The system's time zone with its rules, or None where the system does not name one."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # about 6 ms: not before the window

    variables = os.environ if environ is None else environ
    key = variables.get("TZ", "").removeprefix(":")
    if not key:
        try:
            target = zone_file.readlink()
        except OSError:
            return None
        parts = target.parts
        if ZONES_FOLDER not in parts:
            return None
        key = "/".join(parts[len(parts) - parts[::-1].index(ZONES_FOLDER) :])
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class LocalClock:
    """``now()`` in the system's zone with its rules, once ``settle()`` has found it."""

    def __init__(self) -> None:
        self.zone: tzinfo | None = None

    def settle(self, environ: Mapping[str, str] | None = None) -> None:
        """Find the system's zone (after the window is up: loading the zones takes a while)."""
        self.zone = system_zone(environ)

    def now(self) -> datetime:
        """The current moment, aware: in the zone with its rules, or at today's offset."""
        if self.zone is None:
            return datetime.now().astimezone()
        return datetime.now(self.zone)
