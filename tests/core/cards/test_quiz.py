"""Practice quizzes: distractors, tolerant typed answers and scores per topic."""

from __future__ import annotations

import random

import pytest

from studyplanner.core.cards.quiz import (
    QuizCard,
    QuizMode,
    make_quiz,
    multiple_choice,
    typed_answer_matches,
)

POOL = [
    QuizCard(1, "Capital of France?", "Paris", "europe"),
    QuizCard(2, "Capital of Spain?", "Madrid", "europe"),
    QuizCard(3, "Capital of Italy?", "Rome", "europe"),
    QuizCard(4, "Capital of Japan?", "Tokyo", "asia"),
    QuizCard(5, "Capital of Peru?", "Lima", "americas"),
    QuizCard(6, "Also Spain?", "madrid.", "europe"),  # the same answer, written differently
]


def test_distractors_come_from_siblings_first_and_never_repeat_the_answer() -> None:
    question = multiple_choice(POOL[1], POOL, random.Random(4))
    assert len(question.choices) == 4
    assert question.choices[question.correct] == "Madrid"
    others = set(question.choices) - {"Madrid"}
    assert {"Paris", "Rome"} <= others  # both same-topic siblings before any other topic
    assert "madrid." not in others


def test_a_small_pool_gives_fewer_choices() -> None:
    question = multiple_choice(POOL[0], POOL[:2], random.Random(1))
    assert sorted(question.choices) == ["Madrid", "Paris"]


@pytest.mark.parametrize(
    ("given", "right"),
    [
        ("Paris", True),
        ("  paris. ", True),
        ("Pariss", True),  # a typo
        ("Pâris", True),  # an accent
        ("London", False),
        ("", False),
    ],
)
def test_typed_answers_are_compared_tolerantly(given: str, right: bool) -> None:
    assert typed_answer_matches(given, "Paris") is right


def test_a_choice_quiz_scores_by_topic() -> None:
    quiz = make_quiz(QuizMode.CHOICE, POOL[:5], POOL, random.Random(7), size=5)
    assert len(quiz.questions) == 5
    wrong_for = {"asia"}
    while (question := quiz.current) is not None:
        wrong = (question.correct + 1) % len(question.choices)
        quiz.answer(wrong if question.card.topic in wrong_for else question.correct)
    assert quiz.score == (4, 5)
    assert quiz.scores_by_topic() == {
        ("", "europe"): (3, 3),
        ("", "asia"): (0, 1),
        ("", "americas"): (1, 1),
    }


def test_a_typed_quiz() -> None:
    quiz = make_quiz(QuizMode.TYPED, [POOL[3]], POOL, random.Random(1), size=10)
    assert quiz.current is not None and quiz.current.choices == ()
    assert quiz.answer("tokio") is True  # one letter off still passes
    assert quiz.current is None
    assert quiz.score == (1, 1)
