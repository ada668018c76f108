"""Our card operations against Anki's own library, on the same cards and reviews, in one run.

Run: python -m benchmarks.bench_anki  [--quick] [--runs N]

The data are bench_reviews' (100,000 cards in a roadmap of 10 stages of 50 topics, one in 20
new, 1,000,000 review-log rows over a year), made relative to the wall clock, because Anki's
scheduler reads the clock itself. Our copy is made by bench_reviews' ``make_data``. Anki's is
a new collection: decks Bench::Stage NN::Topic N and Basic notes added through Anki's API
(``add_notes``: checksums, sort fields, tags registered), then, with the collection closed,
the cards' review state (type, queue, due day, interval, FSRS memory in ``data``) and the
review log written in bulk SQL, and the collection opened again. Anki is set up to count what
we count: FSRS on, the day starting at 4 a.m. (Anki's default, as ours), limits of 9,999 new and
review cards a day (our deck counts are before limits), new cards after reviews, the browser
sorted by creation like ours.

Each run works on fresh copies of both databases and times every operation three times
(the median counts: the first call also warms caches on both sides); an answer is timed over
many answers. A ratio is ours / Anki's in the same run; the table shows the median over the
runs with the lowest and highest run. Both sides must find the same cards (hit counts are
asserted), and the deck tree's and the statistics' totals must agree. Our searches return
the ids sorted as the browser shows them; each search is timed against Anki's ``find_cards``
unsorted (less work than ours) and, as a second row, sorted in its browser's order (the same
result).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from anki.collection import AddNoteRequest, Collection
from anki.scheduler_pb2 import CardAnswer

from benchmarks.bench_reviews import (
    CARDS,
    REVIEWS,
    STAGES,
    BenchCard,
    bench_reviews,
    make_data,
    stage_title,
)
from studyplanner.core.cards.decks import Deck, DeckScope
from studyplanner.core.cards.learner_day import learner_day
from studyplanner.core.cards.queue import DailyLimits, end_of_day
from studyplanner.core.cards.ratings import Rating
from studyplanner.core.cards.scheduling import ReviewSettings
from studyplanner.core.cards.search import parse_search
from studyplanner.operations.reviews import answer_card, open_review
from studyplanner.storage.database.change_watch import ChangeWatch
from studyplanner.storage.queries.card_queries import SortKey
from studyplanner.storage.store import DATABASE_NAME, Store

RUNS = 5
REPEATS = 3
ANSWERS = 200
BLOCK = 25  # answers in a row on one connection (see our_answers)
QUICK = {"cards": 10_000, "reviews": 100_000, "runs": 3, "answers": 50}
LIMIT = 9999
ANKI_NAME = "collection.anki2"
STAGE = 3  # the stage the deck: search asks for
TAG = "set3"
# Our search and Anki's for the same cards, and which cards they must find.
SEARCHES: dict[str, tuple[str, str, Callable[[BenchCard], bool]]] = {
    "deck: search": (
        f'deck:"{stage_title(STAGE)}"',
        f'"deck:Bench::{stage_title(STAGE)}"',
        lambda card: card.stage == STAGE,
    ),
    "tag: search": (f"tag:{TAG}", f"tag:{TAG}", lambda card: TAG in card.tags),
    "tag:none search": ("tag:none", "tag:none", lambda card: not card.tags),
    "word search": ("answer 4217", "answer 4217", lambda card: "4217" in str(card.id)),
}


@dataclass
class Pair:
    """One measure's times, ours and Anki's, one of each per run (ms)."""

    ours: list[float]
    anki: list[float]


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """The median time of REPEATS calls (ms), and the last call's result."""
    times = []
    result = None
    for _ in range(REPEATS):
        began = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), result


def make_anki(path: Path, now: datetime, cards: list[BenchCard], reviews: int) -> None:
    """The same cards and review log in a new Anki collection at ``path``."""
    col = Collection(str(path))
    col.set_config("fsrs", True)
    col.set_config("sortType", "noteCrt")  # our browser opens sorted by creation
    conf = col.decks.get_config(1)
    assert conf is not None
    conf["new"]["perDay"] = LIMIT
    conf["rev"]["perDay"] = LIMIT
    conf["newMix"] = 1  # new cards after reviews, as ours
    col.decks.update_config(conf)
    model = col.models.by_name("Basic")
    assert model is not None
    per_stage = {}
    requests = []
    for card in cards:
        if card.topic not in per_stage:
            name = f"Bench::{stage_title(card.stage)}::Topic {card.topic}"
            per_stage[card.topic] = col.decks.id(name)
        note = col.new_note(model)
        note["Front"], note["Back"] = f"Question {card.id}", f"Answer {card.id}"
        note.tags = list(card.tags)
        requests.append(AddNoteRequest(note, per_stage[card.topic]))
    col.add_notes(requests)
    col.decks.select(col.decks.id("Bench"))
    ids = {
        int(front.split()[1]): card_id
        for card_id, front in col.db.all(
            "SELECT c.id, n.sfld FROM cards c JOIN notes n ON n.id = c.nid"
        )
    }
    col.close()
    col = Collection(str(path))
    # Anki counts days from its day start, as our learner days do (at any time of day).
    day, today = col.sched.today, learner_day(now, now.tzinfo)
    cutoff = datetime.fromtimestamp(col.sched.day_cutoff, now.tzinfo)
    assert cutoff == end_of_day(now), f"Anki's day ends at {cutoff}, ours at {end_of_day(now)}"
    col.close()
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "UPDATE cards SET type = 2, queue = 2, due = ?, ivl = ?, reps = 1, data = ? "
            "WHERE id = ?",
            (
                (
                    day + (learner_day(card.due, now.tzinfo) - today).days,
                    max(1, (card.due - card.last_review).days),
                    json.dumps(
                        {
                            "s": round(card.stability, 4),
                            "d": round(card.difficulty, 4),
                            "dr": 0.9,
                            "decay": 0.1542,
                            "lrt": int(card.last_review.timestamp()),
                        }
                    ),
                    ids[card.id],
                )
                for card in cards
                if card.due is not None
                and card.last_review is not None
                and card.stability is not None
                and card.difficulty is not None
            ),
        )
        used: set[int] = set()

        def revlog_id(moment: datetime) -> int:
            # Anki keys the log by the answer's millisecond; ours answer on whole minutes.
            key = int(moment.timestamp() * 1000)
            while key in used:
                key += 1
            used.add(key)
            return key

        db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
            "VALUES (?, ?, -1, ?, 10, 5, 500, ?, 1)",
            (
                (revlog_id(r.reviewed_at), ids[r.card_id], r.rating, r.duration_ms)
                for r in bench_reviews(now, len(cards), reviews)
            ),
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def tree_counts(decks: tuple[Deck, ...]) -> tuple[int, int, int]:
    """New, learning and review cards of our whole tree."""
    return (
        sum(d.counts.new for d in decks),
        sum(d.counts.learning for d in decks),
        sum(d.counts.review for d in decks),
    )


def anki_tree_counts(col: Collection) -> tuple[int, int, int]:
    """New, learning and review cards of Anki's whole tree."""
    root = col.sched.deck_due_tree()
    assert root is not None
    return (
        sum(c.new_count for c in root.children),
        sum(c.learn_count for c in root.children),
        sum(c.review_count for c in root.children),
    )


def our_stats_totals(store: Store, now: datetime) -> tuple[int, int, int]:
    """Answers over the year, review answers over 30 days, cards due in the next 30 days."""
    stats = store.card_stats(now)
    return (
        sum(stats.answers_by_day.values()),
        stats.retention[1],
        sum(n for _day, n in stats.forecast),
    )


def anki_stats_totals(col: Collection) -> tuple[int, int, int]:
    """The same totals from Anki's statistics screen's call."""
    graphs = col._backend.graphs(search="", days=365)
    answers = sum(
        r.learn + r.relearn + r.young + r.mature + r.filtered
        for day, r in graphs.reviews.count.items()
        if day > -365
    )
    month = graphs.true_retention.month
    retention = month.young_passed + month.young_failed + month.mature_passed
    retention += month.mature_failed
    due = sum(n for day, n in graphs.future_due.future_due.items() if day < 30)
    return answers, retention, due


def one_run(
    folder: Path, source: Path, now: datetime, cards: list[BenchCard], answers: int
) -> dict[str, tuple[float, float]]:
    """Every measure once, ours and Anki's, on fresh copies of both databases."""
    (folder / "ours").mkdir(parents=True)
    shutil.copyfile(source / DATABASE_NAME, folder / "ours" / DATABASE_NAME)
    shutil.copyfile(source / ANKI_NAME, folder / ANKI_NAME)
    store = Store.open(folder / "ours")
    col = Collection(str(folder / ANKI_NAME))
    found: dict[str, tuple[float, float]] = {}
    try:
        ours, tree = timed(lambda: store.decks(now))
        anki, _root = timed(col.sched.deck_due_tree)
        assert tree_counts(tree) == anki_tree_counts(col), (
            f"deck tree: ours {tree_counts(tree)}, Anki's {anki_tree_counts(col)}"
        )
        found["deck tree with counts"] = (ours, anki)
        for name, (text, anki_text, finds) in SEARCHES.items():
            search = parse_search(text)
            ours, ids = timed(lambda s=search: store.search_cards(s, SortKey.CREATED, False, now))  # type: ignore[misc]
            anki, anki_ids = timed(lambda q=anki_text: col.find_cards(q))  # type: ignore[misc]
            wanted = sum(finds(card) for card in cards)
            assert len(ids) == len(anki_ids) == wanted > 0, (
                f"{name}: ours {len(ids)}, Anki's {len(anki_ids)}, wanted {wanted}"
            )
            found[name] = (ours, anki)
            # Ours come sorted as the browser shows them; Anki's above in no order. The same
            # result from Anki is its browser's search (order=True, sorted by creation).
            anki, anki_ids = timed(lambda q=anki_text: col.find_cards(q, order=True))  # type: ignore[misc]
            assert len(anki_ids) == wanted
            found[f"{name}, both in the browser's order"] = (ours, anki)
        ours, _stats = timed(lambda: store.card_stats(now))
        anki, _graphs = timed(lambda: col._backend.graphs(search="", days=365))
        assert our_stats_totals(store, now) == anki_stats_totals(col), (
            f"statistics: ours {our_stats_totals(store, now)}, Anki's {anki_stats_totals(col)}"
        )
        found["statistics"] = (ours, anki)

        def our_browser() -> int:
            ids = store.search_cards(parse_search(""), SortKey.CREATED, False, now)
            return len(store.card_rows(ids[:200]))

        def anki_browser() -> int:
            col.load_browser_card_columns()  # as Anki's browser does when it opens
            ids = col.find_cards("", order=True)
            return len([col._backend.browser_row_for_id(i) for i in ids[:200]])

        ours, rows = timed(our_browser)
        anki, anki_rows = timed(anki_browser)
        assert rows == anki_rows == 200
        found["browser opening"] = (ours, anki)
        operation, on_kept = our_answers(store, now, answers)
        anki_answer = statistics.median(anki_answers(col, answers))
        found["answer, next card, counts"] = (statistics.median(operation), anki_answer)
        found["the same on a kept connection"] = (statistics.median(on_kept), anki_answer)
    finally:
        col.close()
        store.close()
    return found


def our_answers(store: Store, now: datetime, answers: int) -> tuple[list[float], list[float]]:
    """Each answer as the review screen makes it, and the same on a connection kept open.

    The screen's answer is the operation the worker runs: it takes a connection from the pool
    the store's changes go through, saves the state and the log, reads the next card and its
    text, counts what is left, commits and gives the connection back. In blocks of BLOCK
    answers, alternately, the same review's answers are made on a connection kept for the
    whole review (not the app's path), so that both are timed alike. Not one by one: a commit
    on the other connection would empty each one's page cache before every answer, which in
    the app nothing does between two answers. The app's change watch keeps a
    connection of its own open all along, so here too (without one, each close of the last
    connection would fold the log into the file).
    """
    limits = DailyLimits(new_cards=LIMIT, reviews=LIMIT)
    watch = ChangeWatch(store.path)
    kept = store.reviews()
    operation: list[float] = []
    on_kept: list[float] = []
    try:
        session, shown = open_review(store, DeckScope(), ReviewSettings(), limits, now)
        assert shown.card is not None
        for n in range(2 * answers):
            rating = Rating.Good if n % 5 else Rating.Hard
            began = time.perf_counter()
            if n // BLOCK % 2 == 0:
                shown = answer_card(session, rating, now, 5000).run(store).value
                operation.append((time.perf_counter() - began) * 1000)
            else:
                shown = session.answer_on(kept, rating, now, 5000)
                on_kept.append((time.perf_counter() - began) * 1000)
            assert shown.card is not None and shown.face is not None
    finally:
        kept.close()
        watch.close()
    return operation, on_kept


def anki_answers(col: Collection, answers: int) -> list[float]:
    """Each answer in Anki's scheduler: saved, then the next queued card with the counts."""
    queued = col.sched.get_queued_cards()
    times = []
    for n in range(answers):
        card = queued.cards[0]
        good = n % 5 != 0
        began = time.perf_counter()
        col.sched.answer_card(
            CardAnswer(
                card_id=card.card.id,
                current_state=card.states.current,
                new_state=card.states.good if good else card.states.hard,
                rating=CardAnswer.GOOD if good else CardAnswer.HARD,
                answered_at_millis=int(time.time() * 1000),
                milliseconds_taken=5000,
            )
        )
        queued = col.sched.get_queued_cards()
        times.append((time.perf_counter() - began) * 1000)
        assert queued.cards
    return times


def main() -> None:
    """Build both databases, run every measure RUNS times and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 cards: a smoke run")
    parser.add_argument("--runs", type=int, help="runs (default 5, or 3 with --quick)")
    args = parser.parse_args()
    cards, reviews, runs, answers = CARDS, REVIEWS, RUNS, ANSWERS
    if args.quick:
        cards, reviews, runs, answers = (
            QUICK["cards"],
            QUICK["reviews"],
            QUICK["runs"],
            QUICK["answers"],
        )
    runs = args.runs or runs
    # Whole minutes: our data fall on minutes, and the day's end stays the same through a run.
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    assert STAGES >= STAGE
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        began = time.perf_counter()
        made = make_data(source, now, cards, reviews)
        ours_built = time.perf_counter() - began
        make_anki(source / ANKI_NAME, now, made, reviews)
        print(
            f"data: {cards} cards, {reviews} reviews; ours built in {ours_built:.0f} s, "
            f"Anki's in {time.perf_counter() - began - ours_built:.0f} s"
        )
        pairs: dict[str, Pair] = {}
        for run in range(runs):
            for name, (ours, anki) in one_run(
                Path(tmp) / f"run{run}", source, now, made, answers
            ).items():
                pair = pairs.setdefault(name, Pair([], []))
                pair.ours.append(ours)
                pair.anki.append(anki)
    print(f"median of {runs} runs (lowest-highest run); {answers} answers a run")
    print("| measure | ours (ms) | Anki (ms) | ours / Anki |")
    print("|---|---|---|---|")
    for name, pair in pairs.items():
        ratios = [o / a for o, a in zip(pair.ours, pair.anki, strict=True)]
        print(
            f"| {name} | {_spread(pair.ours)} | {_spread(pair.anki)} | "
            f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}) |"
        )


def _spread(times: list[float]) -> str:
    digits = 2 if statistics.median(times) < 10 else 0
    return (
        f"{statistics.median(times):.{digits}f} ({min(times):.{digits}f}-{max(times):.{digits}f})"
    )


if __name__ == "__main__":
    main()
