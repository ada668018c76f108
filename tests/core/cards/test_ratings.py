"""Our card states and ratings against the FSRS library's own enums."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum

import fsrs
import pytest

from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState, ReviewSettings, answer


@pytest.mark.parametrize(("ours", "theirs"), [(State, fsrs.State), (Rating, fsrs.Rating)])
def test_names_and_values_are_the_librarys(ours: type[IntEnum], theirs: type[IntEnum]) -> None:
    assert [(member.name, member.value) for member in ours] == [
        (member.name, member.value) for member in theirs
    ]


def test_a_scheduled_answer_comes_back_in_our_enums() -> None:
    after = answer(CardState(), Rating.Easy, datetime(2026, 12, 3, 9, tzinfo=UTC), ReviewSettings())
    assert type(after.state) is State
    assert after.state is State.Review
