"""Kill -9 during saves: after every kill the database is whole and holds what was committed."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from tests.storage.crash_worker import CrashCheckError, CrashLoop

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="needs fork and SIGKILL, which Windows does not have"
)

# Kills per run; STUDYPLANNER_CRASH_KILLS may ask for more, never fewer.
KILLS = 50
# The kill moments' seed; STUDYPLANNER_CRASH_SEED may choose others.
SEED = 20260302


def kills() -> int:
    """How many kills this run makes."""
    return max(KILLS, int(os.environ.get("STUDYPLANNER_CRASH_KILLS") or KILLS))


@pytest.mark.slow
def test_kill_9_during_saves_loses_nothing_committed(tmp_path: Path) -> None:
    """A child re-plans and answers cards until a SIGKILL at a random moment, again and again.

    After each kill, on the same database (damage would accumulate): it opens with Store.open,
    integrity_check is "ok" and foreign_key_check finds nothing; the plan is exactly the last
    version the child acknowledged or the next one (committed, but killed before it could say
    so), its sessions and milestones those of that version; the review log is exactly the
    acknowledged answers or one more or fewer as the next transaction would leave it; and every
    card's state is its own log replayed through FSRS, its last review the log's newest.
    STUDYPLANNER_CRASH_SEED chooses other kill moments (the child's speed still varies).
    """
    seed = int(os.environ.get("STUDYPLANNER_CRASH_SEED") or SEED)
    print(f"kill -9 test: seed {seed}")
    loop = CrashLoop(tmp_path, seed)
    began = time.perf_counter()
    results = []
    for n in range(kills()):
        try:
            results.append(loop.kill_once())
        except CrashCheckError as exc:
            pytest.fail(f"kill {n + 1} of seed {seed}: {exc}")
    print(f"{len(results)} kills in {time.perf_counter() - began:.1f} s, now at {loop.saved}")
    assert len(results) >= KILLS
    after_saves = sum(kill.acknowledged > 0 for kill in results)
    print(
        f"{after_saves} kills after at least one acknowledged save; "
        f"a save took {loop.save_seconds * 1000:.0f} ms lately"
    )
    # Not vacuous: a good share of the kills came after saves the child acknowledged, so it is
    # those saves that were found whole, and later rounds went on from them.
    assert after_saves >= len(results) // 3
    assert sum(kill.acknowledged for kill in results) > 0
    assert loop.saved.version > 0
