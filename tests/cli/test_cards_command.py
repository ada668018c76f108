"""studyplanner-cli cards export and cards import."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from studyplanner.cli.main import main
from studyplanner.core.cards.search import parse_search
from studyplanner.core.roadmap.loader import bundled_roadmaps
from studyplanner.interop.anki_text import read_anki_text
from studyplanner.storage.card_queries import SortKey
from studyplanner.storage.store import Store
from tests.conftest import NOW

ROADMAP = bundled_roadmaps()[0]
COUNT = sum(1 for _ in ROADMAP.cards())


def test_export_csv_needs_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cards.txt"
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path / "none"),
                "cards",
                "export",
                ROADMAP.id,
                "--csv",
                str(target),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == f"{target}: {COUNT} cards from {ROADMAP.title}\n"
    cards = read_anki_text(target.read_bytes(), "cards.txt")
    topic, first = next(iter(ROADMAP.cards()))
    assert (cards[0].front, cards[0].back, cards[0].guid) == (
        first.front,
        first.back,
        f"{ROADMAP.id}/{first.id}",
    )
    assert topic.id in cards[0].tags
    assert not (tmp_path / "none").exists()


def test_export_apkg(tmp_path: Path) -> None:
    target = tmp_path / "cards.apkg"
    assert main(["cards", "export", ROADMAP.id, "--apkg", str(target)]) == 0
    with zipfile.ZipFile(target) as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    assert conn.execute("SELECT count(*) FROM notes").fetchone() == (COUNT,)


def test_import_into_a_deck_of_its_own_and_into_a_topic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "mine.csv"
    source.write_text("Capital of France?;Paris\nCapital of Spain?;Madrid\n", encoding="utf-8")
    data = tmp_path / "data"
    assert (
        main(["cards", "import", str(source), "--deck", "Geography", "--data-dir", str(data)]) == 0
    )
    assert capsys.readouterr().out == f"{source}: 2 cards imported into Geography\n"
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
    assert not data.exists()  # the file was refused before the database was opened


def test_unknown_roadmap_and_missing_file_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cards", "export", "nope", "--csv", str(tmp_path / "x.txt")]) == 2
    assert "no bundled roadmap has this id" in capsys.readouterr().err
    assert main(["cards", "import", str(tmp_path / "missing.txt"), "--deck", "X"]) == 2
    assert "No such file or directory" in capsys.readouterr().err
