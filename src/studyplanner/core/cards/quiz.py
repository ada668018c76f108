"""Practice quizzes: questions from cards, checked without touching the review schedule."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

CHOICES = 4
# A typed answer this close to the expected one (after normalising) counts: typos pass.
TYPO_TOLERANCE = 0.8


class QuizMode(StrEnum):
    """Pick the answer among four, or type it."""

    CHOICE = "choice"
    TYPED = "typed"


@dataclass(frozen=True)
class QuizCard:
    """What a quiz needs of a card."""

    id: int
    front: str
    back: str
    topic: str  # the topic (or the learner's deck) its score counts for
    roadmap_id: str = ""  # empty for the learner's own decks


@dataclass(frozen=True)
class Question:
    """One question: the card, and for multiple choice the options and the right one."""

    card: QuizCard
    choices: tuple[str, ...] = ()
    correct: int = -1


@dataclass
class Quiz:
    """A quiz in progress: its questions, and the answers given so far."""

    mode: QuizMode
    questions: list[Question]
    results: list[bool] = field(default_factory=list)

    @property
    def current(self) -> Question | None:
        """The question to answer now, or None when the quiz is over."""
        return (
            self.questions[len(self.results)] if len(self.results) < len(self.questions) else None
        )

    def answer(self, given: str | int) -> bool:
        """Check an answer (a choice's index, or typed text) and move on; returns if right."""
        question = self.current
        assert question is not None, "the quiz is over"
        if self.mode == QuizMode.CHOICE:
            right = given == question.correct
        else:
            right = typed_answer_matches(str(given), question.card.back)
        self.results.append(right)
        return right

    @property
    def score(self) -> tuple[int, int]:
        """Right answers, and questions answered."""
        return sum(self.results), len(self.results)

    def scores_by_topic(self) -> dict[tuple[str, str], tuple[int, int]]:
        """Right answers and questions answered, per (roadmap, topic)."""
        scores: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for question, right in zip(self.questions, self.results, strict=False):
            key = (question.card.roadmap_id, question.card.topic)
            scores[key][0] += int(right)
            scores[key][1] += 1
        return {key: (right, total) for key, (right, total) in scores.items()}


def make_quiz(
    mode: QuizMode,
    cards: Sequence[QuizCard],
    pool: Sequence[QuizCard],
    rng: random.Random,
    size: int,
) -> Quiz:
    """Up to ``size`` questions from ``cards``; distractors come from ``pool`` (siblings)."""
    chosen = rng.sample(list(cards), min(size, len(cards)))
    if mode == QuizMode.TYPED:
        return Quiz(mode, [Question(card) for card in chosen])
    return Quiz(mode, [multiple_choice(card, pool, rng) for card in chosen])


def multiple_choice(card: QuizCard, pool: Sequence[QuizCard], rng: random.Random) -> Question:
    """The card's back among up to three others, same topic first, in random order."""
    right = card.back.strip()
    seen = {normalise(right)}
    distractors: list[str] = []
    same_topic = [c for c in pool if c.topic == card.topic and c.id != card.id]
    others = [c for c in pool if c.topic != card.topic]
    for group in (same_topic, others):
        for other in rng.sample(group, len(group)):
            key = normalise(other.back)
            if key and key not in seen and len(distractors) < CHOICES - 1:
                seen.add(key)
                distractors.append(other.back.strip())
    options = [right, *distractors]
    rng.shuffle(options)
    return Question(card, tuple(options), options.index(right))


def normalise(text: str) -> str:
    """Text for comparing answers: no accents, case, punctuation or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def typed_answer_matches(given: str, expected: str) -> bool:
    """A typed answer is right if it matches after normalising, allowing small typos."""
    a, b = normalise(given), normalise(expected)
    if not a:
        return False
    return a == b or SequenceMatcher(None, a, b).ratio() >= TYPO_TOLERANCE
