"""studyplanner-cli cards export and cards import."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from studyplanner.cli.main import main
from studyplanner.core.cards.search import parse_search
from studyplanner.interop.anki_text import read_anki_text
from studyplanner.storage.queries.card_queries import SortKey
from studyplanner.storage.store import DATABASE_NAME, Store
from tests.conftest import NOW
from tests.roadmaps import CATALOGUE, DATA_ENGINEER


def cli(*args: str) -> int:
    """The command line, with the test roadmaps as the ones known by id."""
    return main(list(args), CATALOGUE)


def test_export_csv_needs_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cards.txt"
    data = str(tmp_path / "none")
    assert cli("--data-dir", data, "cards", "export", DATA_ENGINEER, "--csv", str(target)) == 0
    assert capsys.readouterr().out == f"{target}: 5 cards from Data Engineer\n"
    cards = read_anki_text(target.read_bytes(), "cards.txt").cards
    assert [c.guid for c in cards] == [
        "data-engineer/card-role",
        "data-engineer/card-versus-scientist",
        "data-engineer/card-generator",
        "data-engineer/card-join",
        "data-engineer/card-idempotent",
    ]
    assert (cards[0].front, cards[0].back) == (
        "What does a data engineer build?",
        "The pipelines that move data to where it is used.",
    )
    assert cards[0].tags == ("role",)
    # Each card in its topic's deck, as Anki's subdecks: Roadmap::Stage::Topic.
    first = target.read_text(encoding="utf-8").splitlines()[7]
    assert first.split("\t")[4].startswith("Data Engineer::")
    assert first.split("\t")[4].count("::") == 2
    assert not (tmp_path / "none").exists()


def test_export_apkg(tmp_path: Path) -> None:
    target = tmp_path / "cards.apkg"
    assert cli("cards", "export", DATA_ENGINEER, "--apkg", str(target)) == 0
    with zipfile.ZipFile(target) as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    assert conn.execute("SELECT count(*) FROM notes").fetchone() == (5,)


def test_import_into_a_deck_of_its_own_and_into_a_topic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "mine.csv"
    source.write_text("Capital of France?;Paris\nCapital of Spain?;Madrid\n", encoding="utf-8")
    data = tmp_path / "data"
    assert (
        main(["cards", "import", str(source), "--deck", "Geography", "--data-dir", str(data)]) == 0
    )
    assert capsys.readouterr().out == f"{source}: 2 added; new cards into Geography\n"
    store = Store.open(data)
    try:
        ids = store.search_cards(parse_search("deck:geography"), SortKey.CREATED, False, NOW)
        assert [store.card_rows(ids)[i].front for i in ids] == [
            "Capital of France?",
            "Capital of Spain?",
        ]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("caf\u00e9;coffee\n".encode("cp1252"), "is not UTF-8"),
        (b"", "has no cards"),
        (b"PK\x03\x04broken", "not a readable .apkg"),
    ],
)
def test_a_bad_file_exits_2_and_changes_nothing(
    tmp_path: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    data = tmp_path / "data"
    assert main(["cards", "import", str(source), "--deck", "X", "--data-dir", str(data)]) == 2
    assert message in capsys.readouterr().err
    # The file was refused before the database was opened (the writers' lock may be there).
    assert not (data / DATABASE_NAME).exists()


def test_unknown_roadmap_and_missing_file_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("cards", "export", "nope", "--csv", str(tmp_path / "x.txt")) == 2
    assert capsys.readouterr().err == (
        "studyplanner-cli: nope: no bundled roadmap has this id (data-engineer, ml-engineer) "
        "and no file has it\n"
    )
    missing = tmp_path / "missing.txt"
    with pytest.raises(SystemExit) as stop:
        main(["cards", "import", str(missing), "--deck", "X"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        f"studyplanner-cli cards import: argument file: there is no file {missing}: "
        "check its name\n"
    )
