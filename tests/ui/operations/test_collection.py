"""The cycle collector is paused while a job runs, and start-up's heap is frozen."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from studyplanner.ui.operations.collection import collection_paused, keep_start_up_heap
from studyplanner.ui.operations.tasks import TaskRunner


def test_a_job_runs_with_the_collector_paused_and_it_resumes_after(qtbot: QtBot) -> None:
    runner = TaskRunner()
    during: list[bool] = []
    failures: list[BaseException] = []

    def work() -> None:
        during.append(gc.isenabled())
        raise OSError("disk full")  # resumes after a failure too

    assert gc.isenabled()
    runner.run(work, lambda _result: None, failures.append)
    qtbot.waitUntil(lambda: not runner.busy)
    assert during == [False]
    assert len(failures) == 1
    assert gc.isenabled()


def test_a_pause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_start_up_heap_is_left_out_of_later_collections() -> None:
    kept: object = type("Kept", (), {})()
    before = gc.get_freeze_count()
    try:
        keep_start_up_heap()
        assert gc.get_freeze_count() > before
        assert not any(o is kept for o in gc.get_objects())  # frozen objects are not walked
    finally:
        gc.unfreeze()
    assert any(o is kept for o in gc.get_objects())
