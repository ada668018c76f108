"""Kill -9 during saves, many times; or, with --faults, random faults of every kind.

Without --faults: kills during plan saves and answers, the failures, the recovery time and
the child's commit rate. With --faults N: N rounds of save, import, backup, restore and
recovery, each under a kill, a full disk, a read-only disk or a clock jump, on a small
tmpfs (Linux, as root), counting lost data, healthy files set aside and changed backups.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.storage.crash_worker import (
    MAX_DELAY,
    SAVES_IN_WINDOW,
    CrashCheckError,
    CrashLoop,
    Kill,
)

KILLS = 500


def main() -> None:
    """Kill the child N times on one database and print what the checks found."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_crash", description=__doc__)
    parser.add_argument("--kills", type=int, default=KILLS, help=f"kills (default {KILLS})")
    parser.add_argument("--seed", type=int, help="the kill moments' seed (default: random)")
    parser.add_argument("--faults", type=int, metavar="N", help="N rounds of random faults")
    args = parser.parse_args()
    if sys.platform == "win32":
        parser.error("needs fork and SIGKILL, which Windows does not have")
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    if args.faults is not None:
        faults(args.faults, seed)
        return
    print(
        f"seed {seed}; each kill after none, one or two acknowledged saves, within "
        f"{MAX_DELAY * 1000:.0f} ms or {SAVES_IN_WINDOW} recent saves' time, whichever is longer"
    )
    kills: list[Kill] = []
    failures: list[str] = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        loop = CrashLoop(Path(tmp), seed)
        for n in range(args.kills):
            try:
                kills.append(loop.kill_once())
            except CrashCheckError as exc:
                failures.append(f"kill {n + 1}: {exc}")
                print(failures[-1])
                break  # the next round would start from a state the checks cannot vouch for
        size = (Path(tmp) / "studyplanner.sqlite3").stat().st_size
    took = time.perf_counter() - began
    acknowledged = sum(kill.acknowledged for kill in kills)
    life = sum(kill.life for kill in kills)
    print(f"{len(kills) + len(failures)} kills in {took:.0f} s, database {size // 1024} KiB")
    print("| measure | value |")
    print("|---|---|")
    print(f"| kills done | {len(kills) + len(failures)} |")
    print(f"| failures | {len(failures)} |")
    if kills:
        check_ms = statistics.median(kill.check_seconds for kill in kills) * 1000
        ahead = sum(kill.unacknowledged for kill in kills)
        idle = sum(kill.acknowledged == 0 for kill in kills)
        print(f"| kill to database checked, median (ms) | {check_ms:.0f} |")
        print(f"| commits acknowledged per second of child life | {acknowledged / life:.0f} |")
        print(f"| commits acknowledged | {acknowledged} |")
        print(f"| kills after a commit, before its acknowledgement | {ahead} |")
        print(f"| kills before any acknowledgement | {idle} |")
        print(
            f"| plan version, answers in the log at the end | {loop.saved.version}, "
            f"{loop.saved.answered} |"
        )
    if failures:
        sys.exit(1)


def faults(rounds: int, seed: int) -> None:
    """Rounds of operations under faults on a small tmpfs; print the tally as a table."""
    from tests.storage.fault_loop import FaultLoop
    from tests.storage.small_disk import SmallDisk, mounted_tmpfs

    print(f"seed {seed}, {rounds} rounds")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, mounted_tmpfs(Path(tmp) / "disk") as root:
        tally = FaultLoop(SmallDisk(root), seed).run(rounds, print)
    took = time.perf_counter() - began
    done = sum(tally.rounds.values())
    print(f"{done} rounds in {took:.0f} s")
    print("| operation | kill | full disk | read-only disk | clock jump |")
    print("|---|---|---|---|---|")
    for operation in ("save", "import", "backup", "restore", "recovery"):
        counts = [
            tally.rounds.get((operation, f), 0) for f in ("kill", "full", "read-only", "clock")
        ]
        print(f"| {operation} | " + " | ".join(str(c) for c in counts) + " |")
    print("| measure | value |")
    print("|---|---|")
    print(f"| rounds | {done} |")
    print(f"| newest committed data lost | {len(tally.losses)} |")
    print(f"| healthy files set aside | {len(tally.healthy_set_aside)} |")
    print(f"| backups overwritten or gone | {len(tally.changed_backups)} |")
    print(f"| database not healthy after a round | {len(tally.unhealthy)} |")
    if tally.failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
