"""Milestones assessed from stored work, cards and quizzes; the learner's criteria kept."""

from __future__ import annotations

from datetime import timedelta

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits
from studyplanner.core.cards.quiz import QuizMode
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState, ReviewSettings
from studyplanner.core.milestones.mastery import MasteryCriteria, MilestoneState
from studyplanner.core.milestones.reports import MilestoneReport
from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW
from tests.storage.reviews.test_reviews import END_OF_DAY

SETTINGS = ReviewSettings()


def finish_basics(store: Store, plan: int) -> None:
    """Every Basics session done, and every Basics card reviewed and well remembered."""
    for session in store.sessions_between(plan, MONDAY, MONDAY + timedelta(days=400)):
        if session.stage_id == "basics":
            with store.write() as writes:
                writes.update_session(plan, session.key, status=SessionStatus.DONE)
    reviews = store.reviews()
    strong = CardState(State.Review, None, 60.0, 3.0, NOW + timedelta(days=40), NOW)
    for card in reviews.queue(
        DeckScope("small", frozenset({"python", "sql"})), NOW, END_OF_DAY, DailyLimits()
    ).new:
        reviews.answer(card, Rating.Easy, strong, NOW, None)
    reviews.close()


def by_key(store: Store, plan: int) -> dict[str, MilestoneReport]:
    return {r.key: r for r in store.milestone_reports(plan, NOW, SETTINGS)}


def test_a_stage_is_reached_when_its_work_is_done_and_its_cards_mastered(
    store: Store, cards_plan: int
) -> None:
    reports = by_key(store, cards_plan)
    basics = reports["stage:basics"]
    assert basics.assessment.state is MilestoneState.DUE
    assert [m.criterion for m in basics.assessment.missing] == [
        "study sessions done",
        "cards reviewed at least once",
        "average recall today",
        "practice-quiz score",
    ]
    finish_basics(store, cards_plan)
    basics = by_key(store, cards_plan)["stage:basics"]
    assert [m.criterion for m in basics.assessment.missing] == ["practice-quiz score"]
    with store.write() as writes:
        writes.add_quiz_scores(
            QuizMode.CHOICE.value, {("small", "python"): (4, 5), ("small", "sql"): (1, 1)}, NOW
        )
    basics = by_key(store, cards_plan)["stage:basics"]
    assert basics.assessment.state is MilestoneState.REACHED
    assert (basics.evidence.cards, basics.evidence.cards_reviewed) == (3, 3)
    assert basics.evidence.quiz_score == 5 / 6


def test_the_learners_criteria_are_kept_per_roadmap_and_per_milestone(
    store: Store, cards_plan: int
) -> None:
    finish_basics(store, cards_plan)
    relaxed = MasteryCriteria(reviewed_share=1.0, retrievability=0.5, quiz_score=0.0)
    with store.write() as writes:
        writes.set_mastery_rule("small", "", relaxed)
    assert by_key(store, cards_plan)["stage:basics"].assessment.state is MilestoneState.REACHED
    strict = MasteryCriteria(quiz_score=0.9)
    with store.write() as writes:
        writes.set_mastery_rule("small", "stage:basics", strict)
    assert store.mastery_rules("small") == {"": relaxed, "stage:basics": strict}
    basics = by_key(store, cards_plan)["stage:basics"]
    assert basics.criteria == strict
    assert basics.assessment.state is not MilestoneState.REACHED
    with store.write() as writes:
        writes.set_mastery_rule("small", "stage:basics", None)
    assert store.mastery_rules("small") == {"": relaxed}


def test_an_exam_shows_readiness_on_its_day(store: Store, cards_plan: int) -> None:
    exam = by_key(store, cards_plan)["cert:cert"]
    assert exam.criteria is None
    assert exam.readiness is None  # its topics have no cards


def test_own_milestones_are_kept_through_replanning_and_reached_when_marked(
    store: Store, cards_plan: int
) -> None:
    from datetime import date

    from studyplanner.core.planning.plan import MilestoneKind
    from studyplanner.core.planning.replan import replan

    with store.write() as writes:
        key = writes.add_own_milestone(
            cards_plan, "Portfolio shipped", date(2026, 4, 1), "README up"
        )
    own = by_key(store, cards_plan)[key]
    assert (own.kind, own.title, own.planned) == (
        MilestoneKind.OWN,
        "Portfolio shipped",
        date(2026, 4, 1),
    )
    assert own.assessment.state is MilestoneState.UPCOMING
    assert own.assessment.missing[0].advice.endswith("press Mark Reached: README up.")
    request = store.plan_request(cards_plan)
    result = replan(request, store.plan_state(cards_plan), date(2026, 3, 20))
    with store.write() as writes:
        writes.apply_plan(cards_plan, request, result.plan)
    assert key in by_key(store, cards_plan)  # re-planning keeps it
    with store.write() as writes:
        writes.mark_own_milestone(cards_plan, key, True)
    assert by_key(store, cards_plan)[key].assessment.state is MilestoneState.REACHED
    with store.write() as writes:
        row = writes.delete_own_milestone(cards_plan, key)
    assert key not in by_key(store, cards_plan)
    with store.write() as writes:
        writes.restore_milestone(row)
    assert by_key(store, cards_plan)[key].assessment.state is MilestoneState.REACHED
