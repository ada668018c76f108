"""Answering cards and opening a review with 100,000 cards and 1,000,000 review-log rows."""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Card, Rating, Scheduler, State

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits, end_of_day
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.cards.search import parse_search
from studyplanner.storage.queries.card_queries import SortKey
from studyplanner.storage.reviews.review_session import ReviewSession
from studyplanner.storage.reviews.stored import stored_time
from studyplanner.storage.store import Store

CARDS = 100_000
REVIEWS = 1_000_000
ANSWERS = 400
RUNS = 5
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STAGES = 10
TOPICS = 500  # spread over the stages, 50 each
TAG_SETS = 7


@dataclass(frozen=True)
class BenchCard:
    """One card of the benchmark data, as both databases store it."""

    id: int
    topic: int
    tags: tuple[str, ...]
    stability: float | None  # None: a new card
    difficulty: float | None
    due: datetime | None
    last_review: datetime | None

    @property
    def is_new(self) -> bool:
        """Never answered."""
        return self.last_review is None

    @property
    def stage(self) -> int:
        """The stage (1 to STAGES) of the card's topic."""
        return self.topic * STAGES // TOPICS + 1


@dataclass(frozen=True)
class BenchReview:
    """One review-log row of the benchmark data."""

    card_id: int
    rating: int
    reviewed_at: datetime
    duration_ms: int


def stage_title(stage: int) -> str:
    """Stage 01 to Stage 10: no title is part of another."""
    return f"Stage {stage:02}"


def bench_roadmap() -> str:
    """The roadmap the cards belong to, as the app stores it: stages of topics."""
    from studyplanner.core.roadmap.model import Roadmap

    per_stage = TOPICS // STAGES
    stages = [
        {
            "id": f"s{stage}",
            "title": stage_title(stage),
            "topics": [
                {"id": f"t{t}", "title": f"Topic {t}", "effort_hours": {"min": 1, "max": 2}}
                for t in range((stage - 1) * per_stage, stage * per_stage)
            ],
        }
        for stage in range(1, STAGES + 1)
    ]
    roadmap = Roadmap.model_validate(
        {
            "format_version": 1,
            "id": "bench",
            "title": "Bench",
            "source": {"name": "x"},
            "year": 2026,
            "stages": stages,
        }
    )
    return roadmap.model_dump_json()


def bench_cards(now: datetime, cards: int) -> list[BenchCard]:
    """One card in 20 new, the others in review with about 2% due today; a quarter untagged."""
    rng = random.Random(1)
    made = []
    for n in range(1, cards + 1):
        tags = () if n % 4 == 0 else (f"set{n % TAG_SETS}", *(("core",) if n % 3 == 0 else ()))
        if n % 20 == 1:
            made.append(BenchCard(n, n % TOPICS, tags, None, None, None, None))
            continue
        made.append(
            BenchCard(
                n,
                n % TOPICS,
                tags,
                rng.uniform(1, 200),
                rng.uniform(2, 8),
                now + timedelta(days=rng.randint(-1, 99), hours=-2),
                now - timedelta(days=rng.randint(1, 60)),
            )
        )
    return made


def bench_reviews(now: datetime, cards: int, reviews: int) -> Iterator[BenchReview]:
    """A year of answers to the cards in review, at most one a minute."""
    rng = random.Random(2)
    for _ in range(reviews):
        card_id = rng.randint(1, cards)
        if card_id % 20 == 1:  # a new card has no history
            card_id = card_id + 1 if card_id < cards else card_id - 1
        yield BenchReview(
            card_id,
            rng.randint(1, 4),
            now - timedelta(minutes=rng.randint(1, 500_000)),
            rng.randint(2000, 20000),
        )


def make_data(
    folder: Path, now: datetime = NOW, cards: int = CARDS, reviews: int = REVIEWS
) -> list[BenchCard]:
    """The benchmark database in ``folder``; returns its cards, to count what searches find."""
    Store.open(folder).close()  # the schema, through the migrations
    made = bench_cards(now, cards)
    conn = sqlite3.connect(folder / "studyplanner.sqlite3")
    conn.execute(
        "INSERT INTO roadmap (id, title, source, year, revision, origin, body) "
        "VALUES ('bench', 'Bench', 'x', 2026, 1, 'imported', ?)",
        (bench_roadmap(),),
    )
    conn.executemany(
        "INSERT INTO card (id, roadmap_id, key, topic_id, front, back, tags, suspended, state, "
        "step, stability, difficulty, due, last_review) "
        "VALUES (?, 'bench', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
        (
            (
                card.id,
                f"c{card.id}",
                f"t{card.topic}",
                f"Question {card.id}",
                f"Answer {card.id}",
                " ".join(card.tags),
                State.Learning.value if card.is_new else State.Review.value,
                0 if card.is_new else None,
                card.stability,
                card.difficulty,
                stored_time(card.due),
                stored_time(card.last_review),
            )
            for card in made
        ),
    )
    conn.executemany(
        "INSERT INTO review (card_id, rating, reviewed_at, duration_ms, kind) "
        "VALUES (?, ?, ?, ?, 'review')",
        (
            (r.card_id, r.rating, stored_time(r.reviewed_at), r.duration_ms)
            for r in bench_reviews(now, cards, reviews)
        ),
    )
    conn.commit()
    conn.close()
    return made


def open_review(store: Store) -> tuple[ReviewSession, float]:
    began = time.perf_counter()
    session = ReviewSession(
        store.reviews(),
        DeckScope(),
        ReviewSettings(),
        DailyLimits(reviews=9999),
        NOW,
        end_of_day(NOW),
    )
    session.next(NOW)
    session.face()
    return session, (time.perf_counter() - began) * 1000


def answer_times(session: ReviewSession) -> list[float]:
    """Each answer: the state and log saved, then the next card and its text fetched."""
    times = []
    for n in range(ANSWERS):
        began = time.perf_counter()
        session.answer(Rating.Good if n % 5 else Rating.Hard, NOW, 5000)
        if session.next(NOW) is None:
            break
        session.face()
        times.append((time.perf_counter() - began) * 1000)
    return times


def searches(now: datetime) -> dict[str, Callable[[BenchCard], bool]]:
    """Each search, with which cards it must find."""
    eod = end_of_day(now)
    return {
        "": lambda card: True,
        "answer 4217": lambda card: "4217" in str(card.id),  # two words: each must match
        "deck:bench is:due": lambda card: card.due is not None and card.due < eod,
        "-is:new tag:none": lambda card: not card.is_new and not card.tags,
    }


def search_times(store: Store, cards: list[BenchCard]) -> dict[str, float]:
    """Each search, and reading the first screenful of its rows; each finds what it must."""
    times = {}
    for text, finds in searches(NOW).items():
        began = time.perf_counter()
        ids = store.search_cards(parse_search(text), SortKey.DUE, False, NOW)
        store.card_rows(ids[:200])
        times[text] = (time.perf_counter() - began) * 1000
        wanted = sum(finds(card) for card in cards)
        assert len(ids) == wanted > 0, f"{text!r} found {len(ids)} cards, not {wanted}"
    return times


def baseline_times(folder: Path) -> list[float]:
    """The floor: the fsrs package's own answer plus one durable UPDATE and INSERT in SQLite."""
    conn = sqlite3.connect(folder / "studyplanner.sqlite3", isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    scheduler = Scheduler(enable_fuzzing=False)
    card = Card()
    times = []
    for n in range(ANSWERS):
        began = time.perf_counter()
        card, _log = scheduler.review_card(card, Rating.Good, NOW)
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE card SET due = ? WHERE id = ?", (stored_time(card.due), n + 1))
            conn.execute(
                "INSERT INTO review (card_id, rating, reviewed_at, kind) VALUES (?, 3, ?, 'x')",
                (n + 1, stored_time(NOW)),
            )
        times.append((time.perf_counter() - began) * 1000)
    conn.close()
    return times


def main() -> None:
    """Print medians over several runs, each on a fresh copy of the data."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        began = time.perf_counter()
        cards = make_data(source)
        print(
            f"data: {CARDS} cards, {REVIEWS} reviews, built in {time.perf_counter() - began:.0f} s"
        )
        opens, answers, floors = [], [], []
        found: dict[str, list[float]] = {text: [] for text in searches(NOW)}
        for run in range(RUNS):
            folder = Path(tmp) / f"run{run}"
            folder.mkdir()
            for name in ("studyplanner.sqlite3",):
                (folder / name).write_bytes((source / name).read_bytes())
            store = Store.open(folder)
            for text, took in search_times(store, cards).items():
                found[text].append(took)
            session, opened = open_review(store)
            opens.append(opened)
            answers.append(statistics.median(answer_times(session)))
            session.close()
            store.close()
            floors.append(statistics.median(baseline_times(folder)))
    answer, floor = statistics.median(answers), statistics.median(floors)
    print(f"median of {RUNS} runs, {ANSWERS} answers each")
    print("| measure | app | baseline | ratio | target |")
    print("|---|---|---|---|---|")
    print(
        f"| answer and show next (ms) | {answer:.3f} | {floor:.3f} | "
        f"{answer / floor:.2f}x | 0.5 ms |"
    )
    for text, took in found.items():
        print(f"| search `{text}` (ms) | {statistics.median(took):.0f} | | | 200 ms |")
    print(
        f"| open the review screen's session (ms) | {statistics.median(opens):.0f} | | | 300 ms |"
    )


if __name__ == "__main__":
    main()
