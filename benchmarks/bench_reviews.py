"""Answering cards and opening a review with 100,000 cards and 1,000,000 review-log rows."""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Card, Rating, Scheduler

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits, end_of_day
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.cards.search import parse_search
from studyplanner.storage.queries.card_queries import SortKey
from studyplanner.storage.reviews.review_session import ReviewSession
from studyplanner.storage.reviews.reviews import stored_time
from studyplanner.storage.store import Store

CARDS = 100_000
REVIEWS = 1_000_000
ANSWERS = 400
RUNS = 5
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def make_data(folder: Path) -> None:
    """Cards in review, about a thousand due today, and a long review history."""
    Store.open(folder).close()  # the schema, through the migrations
    conn = sqlite3.connect(folder / "studyplanner.sqlite3")
    rng = random.Random(1)
    conn.execute(
        "INSERT INTO roadmap (id, title, source, year, revision, origin, body) "
        "VALUES ('bench', 'Bench', 'x', 2026, 1, 'imported', '{}')"
    )
    conn.executemany(
        "INSERT INTO card (id, roadmap_id, key, topic_id, front, back, tags, suspended, state, "
        "step, stability, difficulty, due, last_review) "
        "VALUES (?, 'bench', ?, ?, ?, ?, '', 0, 2, NULL, ?, ?, ?, ?)",
        (
            (
                n,
                f"c{n}",
                f"t{n % 500}",
                f"Question {n}",
                f"Answer {n}",
                rng.uniform(1, 200),
                rng.uniform(2, 8),
                stored_time(NOW + timedelta(days=rng.randint(-1, 99), hours=-2)),
                stored_time(NOW - timedelta(days=rng.randint(1, 60))),
            )
            for n in range(1, CARDS + 1)
        ),
    )
    conn.executemany(
        "INSERT INTO review (card_id, rating, reviewed_at, duration_ms, kind) "
        "VALUES (?, ?, ?, ?, 'review')",
        (
            (
                rng.randint(1, CARDS),
                rng.randint(1, 4),
                stored_time(NOW - timedelta(minutes=rng.randint(1, 500_000))),
                rng.randint(2000, 20000),
            )
            for _ in range(REVIEWS)
        ),
    )
    conn.commit()
    conn.close()


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


SEARCHES = ("", "answer 4217", "deck:bench is:due", "-is:new tag:none")


def search_times(store: Store) -> dict[str, float]:
    """Each search, and reading the first screenful of its rows."""
    times = {}
    for text in SEARCHES:
        began = time.perf_counter()
        ids = store.search_cards(parse_search(text), SortKey.DUE, False, NOW)
        store.card_rows(ids[:200])
        times[text] = (time.perf_counter() - began) * 1000
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
        make_data(source)
        print(
            f"data: {CARDS} cards, {REVIEWS} reviews, built in {time.perf_counter() - began:.0f} s"
        )
        opens, answers, floors = [], [], []
        searches: dict[str, list[float]] = {text: [] for text in SEARCHES}
        for run in range(RUNS):
            folder = Path(tmp) / f"run{run}"
            folder.mkdir()
            for name in ("studyplanner.sqlite3",):
                (folder / name).write_bytes((source / name).read_bytes())
            store = Store.open(folder)
            for text, took in search_times(store).items():
                searches[text].append(took)
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
    for text, took in searches.items():
        print(f"| search `{text}` (ms) | {statistics.median(took):.0f} | | | 200 ms |")
    print(
        f"| open the review screen's session (ms) | {statistics.median(opens):.0f} | | | 300 ms |"
    )


if __name__ == "__main__":
    main()
