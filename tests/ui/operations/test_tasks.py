"""Background work reports back on the UI thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from studyplanner.ui.operations.tasks import TaskRunner


def test_result_arrives_on_the_ui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: list[tuple[object, bool]] = []
    failures: list[BaseException] = []
    worker_threads: list[bool] = []

    def work() -> int:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        return 42

    busy: list[bool] = []
    runner.busyChanged.connect(busy.append)
    runner.run(
        work,
        lambda r: seen.append((r, threading.current_thread() is threading.main_thread())),
        failures.append,
    )
    assert runner.busy
    assert busy == [True]
    qtbot.waitUntil(lambda: busy == [True, False])
    assert seen == [(42, True)]
    assert failures == []
    assert worker_threads == [False]
    assert not runner.busy


def test_failure_is_handed_over(qtbot: QtBot) -> None:
    runner = TaskRunner()
    failures: list[BaseException] = []

    def work() -> None:
        raise OSError(28, "No space left on device")

    runner.run(work, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], OSError)
    assert failures[0].strerror == "No space left on device"
