"""studyplanner-cli check, backup and restore: exit codes, messages and the copies they keep."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyplanner.cli.main import main
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.storage.database.instance_lock import InstanceLock
from studyplanner.storage.safety.backups import Reason, backup_folder, list_backups
from studyplanner.storage.safety.recovery import database_path
from studyplanner.storage.store import Store
from tests.conftest import SMALL_ROADMAP
from tests.roadmaps import CATALOGUE
from tests.storage.safety.test_backups import dump, mark_a_session
from tests.storage.safety.test_recovery import flip
from tests.storage.test_store import plan_small


@pytest.fixture
def data(tmp_path: Path) -> Path:
    store = Store.open(tmp_path, CATALOGUE)
    plan_small(store, parse_roadmap(SMALL_ROADMAP), "Evenings")
    store.close()
    return tmp_path


def test_a_healthy_database_checks_out(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data-dir", str(data)]) == 0
    assert "healthy" in capsys.readouterr().out


def test_no_database_yet_is_nothing_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    assert "nothing to check" in capsys.readouterr().out
    assert not database_path(tmp_path).exists()  # checking creates nothing


def test_damage_exits_1_and_names_the_backup_to_restore(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--data-dir", str(data)]) == 0
    [backup] = list_backups(backup_folder(data))
    path = database_path(data)
    path.write_bytes(flip(10)(path.read_bytes()))
    assert main(["check", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err
    assert f"studyplanner-cli restore {backup.path.name}" in err


def test_backup_then_restore_by_name(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--data-dir", str(data)]) == 0
    assert "1 plan" in capsys.readouterr().out
    [backup] = list_backups(backup_folder(data))
    assert backup.reason == Reason.MANUAL
    store = Store.open(data, CATALOGUE)
    mark_a_session(store, store.plans()[0].id, 45)
    store.close()
    assert main(["restore", backup.path.name, "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "backed up in" in out
    assert dump(database_path(data)) == dump(backup.path)
    [safety] = [b for b in list_backups(backup_folder(data)) if b.reason != Reason.MANUAL]
    assert dump(safety.path) != dump(backup.path)  # it holds the 45 minutes
    reasons = sorted(b.reason for b in list_backups(backup_folder(data)))
    assert reasons == [Reason.BEFORE_RESTORE, Reason.MANUAL]


def test_restore_refuses_while_the_app_runs(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--data-dir", str(data)]) == 0
    [backup] = list_backups(backup_folder(data))
    before = dump(database_path(data))
    with InstanceLock(data):
        assert main(["restore", str(backup.path), "--data-dir", str(data)]) == 1
    assert "Study Planner is open" in capsys.readouterr().err
    assert dump(database_path(data)) == before


def test_restoring_a_missing_backup(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["restore", "nope.sqlite3", "--data-dir", str(data)]) == 2
    assert capsys.readouterr().err == (
        "studyplanner-cli: there is no backup called 'nope.sqlite3': see backup --list\n"
    )


def test_a_database_out_of_reach_is_not_called_damaged(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from studyplanner.storage.safety.integrity import Checkup, Health

    assert main(["backup", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    full = Checkup(database_path(data), Health.UNAVAILABLE, "the disk that holds it is full")
    monkeypatch.setattr("studyplanner.cli.safety_command.check_data", lambda _: full)
    assert main(["check", "--data-dir", str(data)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "cannot be checked: the disk that holds it is full" in line
    assert "damaged" not in line and "restore" not in line  # restoring would hide new data
