"""studyplanner-cli replan: a dry run by default, choices with numbers, --apply saves."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from studyplanner.cli.main import main
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.store import Store
from tests.conftest import MONDAY
from tests.roadmaps import CATALOGUE

if TYPE_CHECKING:
    from studyplanner.core.planning.plan import Plan
    from studyplanner.core.planning.replan import Replan


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().out.splitlines()


def test_a_dry_run_reports_and_changes_nothing(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(saved, CATALOGUE)
    with store.write() as writes:
        writes.update_session(1, "a/1", status=SessionStatus.DONE)
    before = store.plan_state(1)
    store.close()
    code, lines = run(capsys, "replan", "1", "--today", "2026-03-09", "--data-dir", str(saved))
    assert code == 0
    assert lines == [
        # 840 minutes are left; in the ten weekdays to 20 March that is 84, so 85, a day.
        "The finish date moves from 20 March 2026 to 26 March 2026, 6 days later. 14 sessions "
        "moved; 1 done or locked session kept in place. The target date 20 March 2026 cannot "
        "be met. It needs 425 minutes of study a week. At the current availability the "
        "earliest finish is 26 March 2026.",
        # One hour done of five planned: 12, so 15, minutes a weekday; 840 minutes take 56.
        "At your pace of the last four weeks you would finish on 25 May 2026.",
        "Ways forward (take one with --choose):",
        "  push: Move the finish date to 26 March 2026.",
        "  add_time: Study 425 minutes a week (125 more) and finish on 20 March 2026.",
        "  drop_optional: Leave out 1 optional topic and finish on 19 March 2026.",
        "  spread_backlog: Catch up on missed work with 25 extra minutes on each study day of "
        "the next 14 days, and finish on 20 March 2026.",
        "Nothing was changed: run again with --apply to keep this plan.",
    ]
    store = Store.open(saved, CATALOGUE)
    assert store.plan_state(1) == before
    store.close()


def test_apply_a_choice(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(
        capsys,
        "replan",
        "1",
        "--today",
        "2026-03-09",
        "--choose",
        "drop_optional",
        "--apply",
        "--data-dir",
        str(saved),
    )
    assert code == 0
    assert lines[-2:] == [
        "Chosen: Leave out 1 optional topic and finish on 20 March 2026.",
        "Saved.",
    ]
    store = Store.open(saved, CATALOGUE)
    state, request = store.plan_state(1), store.plan_request(1)
    store.close()
    assert request.dropped_topics == frozenset({"b"})
    assert {s.topic_id for s in state.sessions} == {"a"}
    assert max(s.day for s in state.sessions).isoformat() == "2026-03-20"


def test_a_break(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(
        capsys,
        "replan",
        "1",
        "--today",
        MONDAY.isoformat(),
        "--off",
        "2026-03-09:2026-03-13",
        "--choose",
        "push",
        "--apply",
        "--data-dir",
        str(saved),
    )
    assert code == 0
    assert lines[0].startswith("The finish date moves from 20 March 2026 to 27 March 2026")
    store = Store.open(saved, CATALOGUE)
    request = store.plan_request(1)
    store.close()
    assert request.target is not None and request.target.isoformat() == "2026-03-27"
    assert (MONDAY.replace(day=11)) in request.days_off


def test_unknown_plan_and_unavailable_choice(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replan", "7", "--data-dir", str(saved)]) == 2
    assert "there is no plan 7" in capsys.readouterr().err
    assert (
        main(["replan", "1", "--today", "2026-03-02", "--choose", "push", "--data-dir", str(saved)])
        == 2
    )
    assert "'push' is not one of the ways forward" in capsys.readouterr().err


def test_a_plan_edited_while_it_is_replanned_is_not_overwritten(
    saved: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--apply runs the app's re-plan operation, which refuses a plan changed meanwhile."""
    from studyplanner.core.planning.replan import replan

    def replan_while_the_app_edits(*args: Any) -> Replan:
        result = replan(*args)
        store = Store.open(saved, CATALOGUE)  # the app, marking a session done meanwhile
        with store.write() as writes:
            writes.update_session(1, "a/1", status=SessionStatus.DONE)
        edited = store.plan_state(1)
        store.close()
        edits.append(edited)
        return result

    edits: list[Plan] = []
    monkeypatch.setattr("studyplanner.cli.replan_command.replan", replan_while_the_app_edits)
    code = main(["replan", "1", "--today", "2026-03-09", "--apply", "--data-dir", str(saved)])
    assert code == 1
    captured = capsys.readouterr()
    assert "Saved." not in captured.out
    assert "The plan was edited while the re-plan was worked out" in captured.err
    store = Store.open(saved, CATALOGUE)
    assert store.plan_state(1) == edits[0]  # the edit stands, and nothing else changed
    store.close()
