"""studyplanner-cli cards list: every card with its schedule, for other tools to compare."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from studyplanner.cli.main import main
from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits, end_of_day
from studyplanner.core.cards.ratings import Rating
from studyplanner.core.cards.scheduling import ReviewSettings, answer
from studyplanner.storage.store import Store
from tests.conftest import NOW, make_cards_plan
from tests.roadmaps import CATALOGUE


def cli(*args: str) -> int:
    return main(list(args), CATALOGUE)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A plan with cards, one of them answered Good then, as a review, Again."""
    store = Store.open(tmp_path, CATALOGUE)
    try:
        make_cards_plan(store)
        reviews = store.reviews()
        try:
            [card, *_] = reviews.queue(DeckScope(), NOW, end_of_day(NOW), DailyLimits()).new
            when, state = NOW, card.state
            for rating in (Rating.Good, Rating.Good, Rating.Again):
                state = answer(state, rating, when, ReviewSettings())
                reviews.answer(card, rating, state, when, 4000)
                [card] = reviews._cards("id = ?", [card.id])
                assert state.due is not None
                when = max(state.due, when + timedelta(minutes=1))
        finally:
            reviews.close()
        with store.write() as writes:
            writes.set_suspended([next(n for n in range(1, 5) if n != card.id)], True)
    finally:
        store.close()
    return tmp_path


def test_json_has_every_cards_schedule_and_counts(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("--data-dir", str(data), "cards", "list", "--json") == 0
    cards = json.loads(capsys.readouterr().out)
    assert len(cards) == 4
    [answered] = [c for c in cards if c["reps"]]
    [suspended] = [c for c in cards if c["suspended"]]
    assert answered["state"] == "relearning"
    assert (answered["reps"], answered["lapses"]) == (3, 1)
    assert answered["stability"] > 0 and 1 <= answered["difficulty"] <= 10
    assert answered["due"].endswith("+00:00")
    assert answered["deck"].endswith(" › MLOps") and answered["guid"] == "small/m1"
    assert suspended["state"] == "new" and suspended["reps"] == 0
    assert {c["id"] for c in cards} == set(range(1, 5))


def test_one_deck_by_its_full_name_loosely_written(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("--data-dir", str(data), "cards", "list", "--json") == 0
    everything = json.loads(capsys.readouterr().out)
    deck = everything[0]["deck"]
    loosely = deck.upper().replace(" › ", "::")
    assert cli("--data-dir", str(data), "cards", "list", "--deck", loosely, "--json") == 0
    assert [c["id"] for c in json.loads(capsys.readouterr().out)] == [
        c["id"] for c in everything if c["deck"] == deck
    ]


def test_a_table_without_json_and_a_missing_deck_named(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("--data-dir", str(data), "cards", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == [
        "id",
        "deck",
        "guid",
        "state",
        "due",
        "stability",
        "difficulty",
        "reps",
        "lapses",
        "suspended",
    ]
    assert len(lines) == 5
    assert sorted(line.split("\t")[3] for line in lines[1:]).count("relearning") == 1
    assert cli("--data-dir", str(data), "cards", "list", "--deck", "Nope") == 2
    error = capsys.readouterr().err
    assert error.startswith("studyplanner-cli: no deck is named Nope; the decks are: ")
