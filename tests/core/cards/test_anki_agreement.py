"""Our FSRS answers against Anki's own scheduler, on the same review histories.

Anki's library computes a card's memory state from its review log (``compute_memory_state``)
and its next intervals from that state (``get_scheduling_states``), both counting review days
from its day cutoff (4 a.m.). The histories are random (seeded): learning steps minutes apart,
reviews a few days early or late at any hour, including before the cutoff.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from anki.collection import Collection

from studyplanner.core.cards.fuzz import fuzz_range, is_fuzzed
from studyplanner.core.cards.learner_day import learner_day
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState, ReviewSettings, answer, next_intervals

SETTINGS = ReviewSettings()  # load balancing on, no load: FSRS's own interval, unfuzzed
CARDS = 60
REVLOG_KIND = {State.Learning: 0, State.Review: 1, State.Relearning: 2}


@dataclass
class Replayed:
    """One card's history, answered by us and logged in Anki."""

    card_id: int
    ours: CardState
    stabilities: list[tuple[float, float, float, float]]  # ours and Anki's S, then D


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[Collection]:
    col = Collection(str(tmp_path / "collection.anki2"))
    col.set_config("fsrs", True)
    yield col
    col.close()


def cutoff_zone(col: Collection) -> tzinfo:
    """The fixed offset at which this machine's 4 a.m. is Anki's day cutoff."""
    offset = (4 * 3600 - col.sched.day_cutoff % 86400) % 86400
    return timezone(timedelta(seconds=offset - 86400 if offset > 14 * 3600 else offset))


def replay(col: Collection, zone: tzinfo, now: datetime, seed: int) -> list[Replayed]:
    """Random histories ending before ``now``; Anki's memory state read after every answer."""
    rng = random.Random(seed)
    basic = col.models.by_name("Basic")
    deck = col.decks.id("Default")
    assert basic is not None and deck is not None and col.db is not None
    found = []
    for number in range(CARDS):
        note = col.new_note(basic)
        note["Front"] = f"Question {number}"
        col.add_note(note, deck)
        card_id = col.db.scalar("SELECT id FROM cards WHERE nid = ?", note.id)
        when = now - timedelta(days=rng.randint(100, 300), hours=rng.random() * 24)
        ours, seen = CardState(), []
        for _ in range(rng.randint(3, 12)):
            if ours.is_new:
                later = when
            elif ours.state != State.Review:
                later = when + timedelta(minutes=rng.randint(1, 20))
            else:
                assert ours.due is not None
                late = timedelta(days=rng.randint(-2, 3), hours=rng.random() * 24)
                later = max(when + timedelta(minutes=30), ours.due + late)
            if later > now - timedelta(hours=2):
                break
            when, rating = later, rng.choices(list(Rating), weights=[1, 1, 5, 1])[0]
            kind = REVLOG_KIND[ours.state]
            ours = answer(ours, rating, when.astimezone(zone), SETTINGS)
            col.db.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                "VALUES (?, ?, -1, ?, 1, 0, 2500, 5000, ?)",
                int(when.timestamp() * 1000) + number,
                card_id,
                int(rating),
                kind,
            )
            theirs = col.compute_memory_state(card_id)
            assert theirs.stability is not None and theirs.difficulty is not None
            assert ours.stability is not None and ours.difficulty is not None
            seen.append((ours.stability, theirs.stability, ours.difficulty, theirs.difficulty))
        found.append(Replayed(card_id, ours, seen))
    return found


def test_every_answer_leaves_the_memory_state_anki_computes(anki: Collection) -> None:
    zone, now = cutoff_zone(anki), datetime.now(UTC)
    answers = [s for card in replay(anki, zone, now, seed=7) for s in card.stabilities]
    assert len(answers) > 300
    off = [a for a in answers if abs(a[0] - a[1]) > 0.01 * a[1] or abs(a[2] - a[3]) > 0.01 * a[3]]
    assert off == [], f"{len(off)} of {len(answers)} answers differ from Anki's by over 1%"


def test_the_next_intervals_are_ankis(anki: Collection) -> None:
    # Anki fuzzes its intervals (seeded by the card), and a rating's least interval is a day
    # past the fuzzed interval of the rating below it; its fuzz range is taken around the
    # unrounded interval, so a day of rounding is allowed at either end.
    zone, now = cutoff_zone(anki), datetime.now(UTC)
    assert anki.db is not None
    exact = total = 0
    for card in replay(anki, zone, now, seed=11):
        ours = card.ours
        if ours.state != State.Review or ours.due is None or ours.last_review is None:
            continue
        interval = (learner_day(ours.due, zone) - learner_day(ours.last_review, zone)).days
        due_day = anki.sched.today + (learner_day(ours.due, zone) - learner_day(now, zone)).days
        memory = {"s": card.stabilities[-1][1], "d": card.stabilities[-1][3], "dr": 0.9}
        memory["lrt"] = int(ours.last_review.timestamp())
        anki.db.execute(
            "UPDATE cards SET type = 2, queue = 2, ivl = ?, due = ?, data = ? WHERE id = ?",
            interval,
            due_day,
            json.dumps(memory),
            card.card_id,
        )
        states = anki._backend.get_scheduling_states(card.card_id)
        mine = next_intervals(ours, now.astimezone(zone), SETTINGS)
        below = 0
        for rating, state in (
            (Rating.Hard, states.hard),
            (Rating.Good, states.good),
            (Rating.Easy, states.easy),
        ):
            theirs, days = state.normal.review.scheduled_days, mine[rating].days
            total += 1
            if not is_fuzzed(max(days, below + 1)):
                exact += theirs == max(days, below + 1)
            else:
                low, high = fuzz_range(max(days, below + 1), SETTINGS.maximum_interval)
                exact += max(low - 1, below + 1) <= theirs <= high + 1
            below = theirs
    assert total > 100
    assert exact / total >= 0.99, f"{exact} of {total} intervals agree with Anki's"
