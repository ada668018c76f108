"""Python's cycle collector kept from stopping the UI thread: paused in jobs, start-up frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic cycle collection while a job runs, on any thread.

    A full collection stops every thread while it walks the heap, and a job's work (a
    re-plan's thousands of rows, a calendar file being built) fills the heap, so one
    collection set off by the job blocked the UI thread for 100–140 ms. Paused during the
    job, the job's garbage is mostly freed by reference counting when it ends, and the next
    collection, once jobs are done, walks a small heap again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_start_up_heap() -> None:
    """Leave what start-up loaded out of every later collection.

    The modules, the window and the plan's first reads live as long as the app; a full
    collection walked them all (about 137,000 objects, 100 ms) each time it ran.
    """
    gc.freeze()
