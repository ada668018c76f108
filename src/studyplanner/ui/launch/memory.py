"""Start-up memory that nothing needs: the source text of the modules imported so far."""

from __future__ import annotations

import linecache


def forget_module_sources() -> None:
    """Drop the source lines cached while importing; a traceback reads its files again.

    PySide6 reads the source of every module imported after it (looking for its
    ``from __feature__ import`` switches), and Python's line cache keeps every line: about
    5 MiB by the time the window is whole. Nothing reads them afterwards, and memory freed
    between the steps of the start is reused by the next, which lowers the peak.
    """
    linecache.clearcache()
