"""Random faults (kill, full disk, read-only disk, clock jumps) never lose the newest data."""

from __future__ import annotations

import pytest

from tests.storage.fault_loop import FaultLoop
from tests.storage.small_disk import SmallDisk

ROUNDS = 60  # hundreds more in: python -m benchmarks.bench_crash --faults 400


@pytest.mark.slow
def test_random_faults_lose_nothing_and_set_nothing_healthy_aside(
    small_disk: SmallDisk,
) -> None:
    tally = FaultLoop(small_disk, seed=20261202).run(ROUNDS)
    assert tally.failures == []
    assert sum(tally.rounds.values()) == ROUNDS
    # Every operation met every kind of fault at least once in these rounds.
    assert {operation for operation, _ in tally.rounds} == {
        "save",
        "import",
        "backup",
        "restore",
        "recovery",
    }
    assert {fault for _, fault in tally.rounds} == {"kill", "full", "read-only", "clock"}
