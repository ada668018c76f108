"""The command line writes nothing into a database that is damaged, and says so in one line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from studyplanner.cli.main import main
from tests.storage.safety.test_write_guard import zero_a_page


@pytest.mark.parametrize("command", ["cards import", "plan --save", "replan --apply"])
def test_a_damaged_database_is_not_written_to(
    saved: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    database = saved / "studyplanner.sqlite3"
    zero_a_page(database)
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    cards = tmp_path / "cards.txt"
    cards.write_text("What is 2 + 2?\t4\n")
    argv = {
        "cards import": ["cards", "import", str(cards), "--deck", "Maths"],
        "plan --save": [
            "plan",
            str(tmp_path / "plain.yaml"),
            "--start",
            "2026-03-02",
            "--weekly",
            "mon=60",
            "--save",
        ],
        "replan --apply": ["replan", "1", "--today", "2026-03-09", "--apply"],
    }[command]
    code = main([*argv, "--data-dir", str(saved)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Saved" not in out and "saved" not in out.lower().replace("nothing was saved", "")
    [line] = err.splitlines()
    assert "damaged" in line
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
