"""Milestone states and the mastery gate's criteria, with what to do about each."""

from __future__ import annotations

from datetime import date

import pytest

from studyplanner.core.milestones.mastery import (
    Evidence,
    MasteryCriteria,
    MilestoneState,
    assess,
    at_risk,
    missing_criteria,
)

DAY = date(2026, 6, 30)
DEFAULT = MasteryCriteria()
MASTERED = Evidence(
    10, 10, cards=8, cards_reviewed=8, retrievability=0.9, quiz_right=9, quiz_total=10
)


def test_a_stage_is_reached_only_with_its_work_done_and_its_cards_mastered() -> None:
    assert (
        assess(DAY, date(2026, 5, 1), MASTERED, DEFAULT, "Basics").state is MilestoneState.REACHED
    )
    done_but_forgotten = Evidence(10, 10, 8, 8, 0.7, 9, 10)
    result = assess(DAY, date(2026, 5, 1), done_but_forgotten, DEFAULT, "Basics")
    assert result.state is MilestoneState.UPCOMING
    assert [m.criterion for m in result.missing] == ["average recall today"]
    assert result.missing[0].have == "0.70" and result.missing[0].need == "0.85"


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 6, 22), MilestoneState.UPCOMING),
        (date(2026, 6, 23), MilestoneState.DUE),
        (date(2026, 6, 30), MilestoneState.DUE),
        (date(2026, 7, 1), MilestoneState.MISSED),
    ],
)
def test_states_follow_the_date_until_the_gate_is_met(today: date, state: MilestoneState) -> None:
    unfinished = Evidence(10, 9, 8, 8, 0.9, 9, 10)
    assert assess(DAY, today, unfinished, DEFAULT, "Basics").state is state


def test_every_missing_criterion_says_what_to_do() -> None:
    fresh = Evidence(10, 4, cards=8, cards_reviewed=3, retrievability=0.2)
    missing = missing_criteria(fresh, DEFAULT, "Basics")
    assert [(m.criterion, m.have, m.need) for m in missing] == [
        ("study sessions done", "4 of 10", "all"),
        ("cards reviewed at least once", "3 of 8", "100%"),
        ("average recall today", "0.20", "0.85"),
        ("practice-quiz score", "no quiz yet", "80%"),
    ]
    assert missing[0].advice == "Do the 6 sessions left (see the calendar)."
    assert "Review the Basics deck: 5 cards not reviewed yet" in missing[1].advice
    assert missing[3].advice == "Take a practice quiz on the Basics deck (Flashcards page)."


def test_criteria_can_be_relaxed_and_are_checked() -> None:
    lenient = MasteryCriteria(reviewed_share=0.5, retrievability=0.6, quiz_score=0.5)
    assert missing_criteria(Evidence(2, 2, 8, 4, 0.65, 1, 2), lenient, "X") == ()
    with pytest.raises(ValueError, match="quiz score must be between 0 and 1, not 80"):
        MasteryCriteria(quiz_score=80)


def test_without_cards_or_criteria_the_work_alone_counts() -> None:
    assert missing_criteria(Evidence(3, 3), DEFAULT, "On the job") == ()
    assert missing_criteria(Evidence(3, 3, 5, 0, 0.0), None, "Exam") == ()


def test_a_late_forecast_flags_risk() -> None:
    assert at_risk(DAY, date(2026, 7, 8), reached=False)
    assert not at_risk(DAY, date(2026, 7, 7), reached=False)  # within a week
    assert not at_risk(DAY, date(2026, 9, 1), reached=True)
    assert not at_risk(DAY, None, reached=False)
