"""Random plan edits, answers, undo, redo and restarts: the database always equals a model."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtWidgets import QApplication

from studyplanner.core.cards.decks import DeckScope
from studyplanner.core.cards.queue import DailyLimits, DueCard, end_of_day
from studyplanner.core.cards.ratings import Rating, State
from studyplanner.core.cards.scheduling import CardState, ReviewSettings, answer, fuzz_range
from studyplanner.core.planning.plan import Plan, SessionStatus
from studyplanner.core.planning.replan import replan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.operations.plans import ApplyPlan, DeleteSession, session_change
from studyplanner.operations.reviews import open_review
from studyplanner.storage.queries.views import PlanSummary, SessionEdit, SessionView
from studyplanner.storage.reviews.review_session import ReviewSession
from studyplanner.storage.reviews.reviews import read_time
from studyplanner.storage.store import DATABASE_NAME, Store
from studyplanner.ui.operations.runner import OperationRunner
from studyplanner.ui.operations.tasks import TaskRunner
from studyplanner.ui.pages.flashcards import FlashcardsPage
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY, NOW
from tests.storage.crash_worker import read_cards
from tests.ui.operations.drain import drain

# Each example starts from a copy of one stored plan; its steps move a pinned time forward.
SETTINGS = settings(
    max_examples=30,
    stateful_step_count=25,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
)
START = NOW + timedelta(hours=1)  # an hour after the starting file's reviews
REVIEW_SETTINGS = ReviewSettings()
PICK = st.integers(0, 63)  # a session, by its place in the model's list (modulo its length)
NOTES = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.just("\n"), max_size=12
)


@dataclass(frozen=True)
class Row:
    """A session as the model holds it."""

    key: str
    day: date
    minutes: int
    status: SessionStatus
    actual: int | None
    locked: bool
    notes: str


@dataclass(frozen=True)
class PlanModel:
    """The plan's side: its request, its sessions in calendar order, and its milestones."""

    request: PlanRequest
    sessions: tuple[Row, ...]  # by day, and within a day in the calendar's order
    milestones: tuple[tuple[date, str, str], ...]  # sorted

    def row(self, pick: int) -> Row:
        """A session chosen by a number."""
        return self.sessions[pick % len(self.sessions)]

    def with_row(self, new: Row) -> PlanModel:
        """The session changed: in its place, or moved to the end of its new day."""
        old = next(row for row in self.sessions if row.key == new.key)
        if old.day == new.day:
            rows = tuple(new if row.key == new.key else row for row in self.sessions)
            return replace(self, sessions=rows)
        others = list(self.without(new.key).sessions)
        place = sum(1 for row in others if row.day <= new.day)
        return replace(self, sessions=(*others[:place], new, *others[place:]))

    def without(self, key: str) -> PlanModel:
        """The session deleted."""
        return replace(self, sessions=tuple(row for row in self.sessions if row.key != key))


@dataclass
class Model:
    """What the database should hold, and what undo and redo should do to it."""

    plan: PlanModel
    cards: dict[int, CardState]
    log: list[tuple[int, int, datetime, str]] = field(default_factory=list)  # the review table
    undo: list[tuple[PlanModel, PlanModel]] = field(default_factory=list)
    redo: list[tuple[PlanModel, PlanModel]] = field(default_factory=list)
    in_review: bool = False
    last_answer: tuple[int, CardState] | None = None  # the one answer a review can take back

    def push(self, after: PlanModel, always: bool = False) -> None:
        """A plan edit on the undo stack; a session edit that changes nothing is not pushed."""
        if always or after != self.plan:
            self.undo.append((self.plan, after))
            self.redo.clear()
            self.plan = after


class Clock:
    """The pinned time the review screen reads; the steps move it forward."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class ShellPages:
    """The one page the window's Undo and Redo look at."""

    flashcards: FlashcardsPage

    def reviewing(self) -> bool:
        """Whether a review is under way, as ``Pages.reviewing`` tells the window."""
        return self.flashcards.in_review()


class AppShell:
    """The main window's operation runner, review screen and plan, over one opened store.

    The window's own undo and redo methods run on it (it has the attributes they use), and its
    edits are the operations the window's controllers make, run on the same serial worker and
    waited for, so the test drives the app's code rather than a copy of it.
    """

    def __init__(self, path: Path, page: FlashcardsPage) -> None:
        self.store = Store.open(path)
        self.plan: PlanSummary = self.store.plans()[0]
        self.tasks = TaskRunner()
        self.runner = OperationRunner(self.store, self.tasks, self._report)  # no history yet
        self.pages = ShellPages(page)  # one page for the whole test: building it costs 8 ms
        self.failures: list[str] = []

    @property
    def flashcards_page(self) -> FlashcardsPage:
        """The review screen's page."""
        return self.pages.flashcards

    @property
    def window(self) -> MainWindow:
        """This shell, as the main window's methods take it."""
        return cast(MainWindow, self)

    def _report(self, title: str, error: BaseException) -> None:
        self.failures.append(f"{title}: {error!r}")

    def edit_session(self, session: SessionView, after: SessionEdit) -> None:
        """The undoable session edit the session dialog and a drag and drop make."""
        before = self.store.session_edit(self.plan.id, session.key)
        change = session_change(self.plan.id, session.key, session.title, before, after)
        if change is not None:
            self.runner.perform(change)
            drain(self.tasks)

    def delete_session(self, session: SessionView) -> None:
        """The undoable delete the session dialog makes."""
        self.runner.perform(DeleteSession(self.plan.id, session.key, "Delete"))
        drain(self.tasks)

    def press(self, key: str) -> None:
        """Edit → Undo or Redo, as the window's menu runs them, then wait for the worker."""
        getattr(MainWindow, key)(self.window)
        drain(self.tasks)

    def view(self, key: str) -> SessionView:
        """The calendar's view of a session."""
        views = self.store.sessions_between(self.plan.id, date.min, date.max)
        return next(view for view in views if view.key == key)

    def close(self) -> None:
        """Quit: the store closes, and with the process the review's connection."""
        self.runner.close()
        self.tasks.shutdown()
        self.store.close()
        self.flashcards_page.review_screen.end()
        # As the window's history goes with the window. Left to the cycle collector (the
        # operations refer back to this shell's store), one could outlive its store.
        self.runner.forget_history()


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection of its own that cannot change the database."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        yield conn


def stored_log(conn: sqlite3.Connection) -> list[tuple[int, int, datetime, str]]:
    """The review table in the order answers were saved."""
    rows = conn.execute("SELECT card_id, rating, reviewed_at, kind FROM review ORDER BY id")
    return [(card, rating, cast(datetime, read_time(at)), kind) for card, rating, at, kind in rows]


def stored_sessions(store: Store, plan_id: int, conn: sqlite3.Connection) -> tuple[Row, ...]:
    """The plan's sessions as the calendar reads them, with their notes."""
    notes = dict(conn.execute("SELECT key, notes FROM study_session WHERE plan_id = ?", (plan_id,)))
    return tuple(
        Row(
            view.key,
            view.day,
            view.minutes,
            SessionStatus(view.status),
            view.actual_minutes,
            view.locked,
            notes[view.key],
        )
        for view in store.sessions_between(plan_id, date.min, date.max)
    )


def stored_milestones(store: Store, plan_id: int) -> tuple[tuple[date, str, str], ...]:
    """The plan's milestones, sorted (milestones on one day come in no set order)."""
    return tuple(sorted((m.day, m.title, m.kind) for m in store.milestones(plan_id)))


def label(card: CardState) -> str:
    """What the card browser calls a card in this state."""
    return "new" if card.last_review is None else card.state.name.lower()


def plan_model(request: PlanRequest, plan: Plan, notes: dict[str, str]) -> PlanModel:
    """A re-planned plan as the model expects it stored: kept sessions keep their notes."""
    rows = tuple(
        Row(s.key, s.day, s.minutes, s.status, s.actual_minutes, s.locked, notes.get(s.key, ""))
        for s in plan.sessions
    )
    milestones = tuple(sorted((m.day, m.title, m.kind.value) for m in plan.milestones))
    return PlanModel(request, rows, milestones)


@dataclass(frozen=True)
class Mark:
    """Mark a session planned, done (with the minutes studied, if changed) or skipped."""

    status: SessionStatus
    studied: int | None  # None leaves the dialog's minutes as they were

    def apply(self, row: Row) -> Row:
        """The session as the dialog returns it: minutes as planned are stored as None."""
        spin = self.studied if self.studied is not None else (row.actual or row.minutes)
        done = self.status is SessionStatus.DONE
        return replace(
            row, status=self.status, actual=spin if done and spin != row.minutes else None
        )


@dataclass(frozen=True)
class Lock:
    """Lock a session against re-planning, or unlock it."""

    def apply(self, row: Row) -> Row:
        """The session with its lock turned over."""
        return replace(row, locked=not row.locked)


@dataclass(frozen=True)
class Note:
    """Write a session's notes."""

    text: str

    def apply(self, row: Row) -> Row:
        """The session with these notes."""
        return replace(row, notes=self.text)


# In a review: answer the card shown (a rating, some seconds after the last step), or Undo.
REVIEW_STEPS = st.tuples(st.sampled_from(Rating), st.integers(0, 900)) | st.just("undo")
CHANGES = st.one_of(
    st.builds(Mark, st.sampled_from(SessionStatus), st.none() | st.integers(1, 24 * 60)),
    st.just(Lock()),
    st.builds(Note, NOTES),
)


class PlanMachine(RuleBasedStateMachine):
    """The learner's plan and cards under random edits, answers, undo, redo and restarts."""

    def __init__(self, template: Path, runs: Path, page: FlashcardsPage, clock: Clock) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(dir=runs))
        shutil.copy(template, self.folder / DATABASE_NAME)
        self.page, self.clock = page, clock
        clock.now = START
        self.app = AppShell(self.folder, page)
        store, plan_id = self.app.store, self.app.plan.id
        with read_only(store.path) as conn:  # the starting state, as stored
            rows, cards = stored_sessions(store, plan_id, conn), read_cards(conn)
            log = stored_log(conn)
        request, milestones = store.plan_request(plan_id), stored_milestones(store, plan_id)
        self.model = Model(PlanModel(request, rows, milestones), cards, log)

    @property
    def now(self) -> datetime:
        """The pinned time of the step."""
        return self.clock.now

    def _later(self, step: timedelta) -> None:
        self.clock.now += step

    def teardown(self) -> None:
        """Quit and remove this example's data folder."""
        self.app.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # Plan edits, as the session dialog, a drag and drop and a re-plan make them

    @precondition(lambda self: self.model.plan.sessions)
    @rule(pick=PICK, change=CHANGES)
    def edit_session(self, pick: int, change: Mark | Lock | Note) -> None:
        """Change a session in its dialog: mark it, lock or unlock it, or write notes."""
        new = change.apply(self.model.plan.row(pick))
        edit = SessionEdit(new.day, new.status, new.actual, new.locked, new.notes)
        self.app.edit_session(self.app.view(new.key), edit)
        self.model.push(self.model.plan.with_row(new))

    @precondition(lambda self: self.model.plan.sessions)
    @rule(pick=PICK, days=st.integers(-2, 20))
    def move(self, pick: int, days: int) -> None:
        """Drag a session to another day (or its own)."""
        row = self.model.plan.row(pick)
        day = MONDAY + timedelta(days=days)
        view = self.app.view(row.key)
        self.app.edit_session(
            view, replace(self.app.store.session_edit(self.app.plan.id, row.key), day=day)
        )
        self.model.push(self.model.plan.with_row(replace(row, day=day)))

    @precondition(lambda self: self.model.plan.sessions)
    @rule(pick=PICK)
    def delete(self, pick: int) -> None:
        """Delete a session."""
        row = self.model.plan.row(pick)
        self.app.delete_session(self.app.view(row.key))
        self.model.push(self.model.plan.without(row.key))

    @rule()
    def replan_from_today(self) -> None:
        """Re-plan from today and apply it, as the window's re-plan and its dialog's OK do."""
        store, plan_id, now = self.app.store, self.app.plan.id, self.now
        request = replace(store.plan_request(plan_id), review_forecast=store.review_forecast(now))
        state = store.plan_state(plan_id)
        result = replan(request, state, now.date())
        choice = result.choices[0] if result.choices else None
        after = (choice.request, choice.plan) if choice else (request, result.plan)
        self.app.runner.perform(ApplyPlan(plan_id, state, after, "Re-plan"))
        drain(self.app.tasks)
        notes = {row.key: row.notes for row in self.model.plan.sessions}
        self.model.push(plan_model(*after, notes), always=True)  # the window pushes every re-plan

    # Reviews: answers are saved at once and are not on the plan's undo stack

    @rule(
        hours=st.none() | st.integers(0, 240),
        steps=st.lists(REVIEW_STEPS, max_size=4),
        end=st.booleans(),
    )
    def review(self, hours: int | None, steps: list[tuple[Rating, int] | str], end: bool) -> None:
        """Answer cards, each some seconds after the last, or press Undo in between.

        With ``hours``, or when no review is under way, a review of every deck starts first
        (that many hours later), ending the one under way. With ``end`` the review ends after
        the steps: its last answer can no longer be taken back.
        """
        if hours is not None or not self.model.in_review:
            self._start_review(hours or 0)
        for step in steps:
            if isinstance(step, tuple):
                self._answer(*step)
            else:
                self._undo_once()
            self.database_equals_model()
        if end:
            self.app.pages.flashcards.review_screen.end()
            self.model.in_review, self.model.last_answer = False, None

    def _start_review(self, hours: int) -> None:
        self._later(timedelta(hours=hours))
        page = self.app.pages.flashcards
        if page.in_review():
            page.review_screen.end()
        screen = page.review_screen
        screen.use(self.app.runner)  # as the window's cards controller does
        opening = screen.begin("All decks")
        store = self.app.store
        session, shown = open_review(store, DeckScope(), REVIEW_SETTINGS, DailyLimits(), self.now)
        screen.start(opening, session, shown)
        page.show_review()
        self.model.in_review, self.model.last_answer = True, None

    def _answer(self, rating: Rating, seconds: int) -> None:
        """Some seconds later, show the answer and rate the card (if one is shown)."""
        self._later(timedelta(seconds=seconds))
        screen = self.app.pages.flashcards.review_screen
        assert screen.session is not None
        shown = screen.session.current
        screen.reveal()
        screen.rate(rating)
        drain(self.app.tasks)  # the answer is saved on the worker, the next card shown
        if shown is None:
            return
        before = self.model.cards[shown.id]
        assert shown.state == before, "the review shows a card's state as stored"
        expected = answer(before, rating, self.now, REVIEW_SETTINGS)
        with read_only(self.app.store.path) as conn:
            saved = read_cards(conn)[shown.id]
        assert saved == replace(expected, due=saved.due)
        assert saved.due is not None and expected.due is not None
        if saved.due != expected.due:  # load balancing picked another day within the fuzz
            assert saved.state == State.Review
            interval = (expected.due - self.now).days
            low, high = fuzz_range(interval, REVIEW_SETTINGS.maximum_interval)
            shift = saved.due - expected.due
            assert shift % timedelta(days=1) == timedelta(0)
            assert low <= interval + shift.days <= high
        kind = "new" if before.last_review is None else before.state.name.lower()
        self.model.log.append((shown.id, int(rating), self.now, kind))
        self.model.cards[shown.id] = saved
        self.model.last_answer = (shown.id, before)

    # Undo, redo and restarting

    @rule(times=st.integers(1, 4), redos=st.integers(0, 4))
    def undo(self, times: int, redos: int) -> None:
        """Edit > Undo pressed some times, then Edit > Redo some times.

        Undo takes back the last answer while reviewing, otherwise plan edits; Redo does
        nothing while reviewing.
        """
        for _ in range(times):
            self._undo_once()
            self.database_equals_model()
        self.redo(redos)

    @rule(times=st.integers(1, 4))
    def redo(self, times: int) -> None:
        """Edit > Redo, pressed some times: undone plan edits; nothing while reviewing."""
        for _ in range(times):
            self.app.press("redo")
            model = self.model
            if not model.in_review and model.redo:
                before, after = model.redo.pop()
                model.undo.append((before, after))
                model.plan = after
            self.database_equals_model()

    def _undo_once(self) -> None:
        self.app.press("undo")
        model = self.model
        if model.in_review:
            if model.last_answer is not None:  # a review takes back one answer only
                card_id, state = model.last_answer
                model.cards[card_id] = state
                model.log.pop()
                model.last_answer = None
        elif model.undo:
            before, after = model.undo.pop()
            model.redo.append((before, after))
            model.plan = before

    @rule()
    def close_and_reopen(self) -> None:
        """Quit and start again: everything saved stays, and no undo history survives."""
        self.app.close()
        self.app = AppShell(self.folder, self.page)
        self.model.undo.clear()
        self.model.redo.clear()
        self.model.in_review, self.model.last_answer = False, None

    # What must always hold

    @invariant()
    def database_equals_model(self) -> None:
        """The store reads back the model, and the file is sound."""
        app, model = self.app, self.model
        store, plan_id = app.store, app.plan.id
        assert app.failures == []
        with read_only(store.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert read_cards(conn) == model.cards
            assert stored_log(conn) == model.log
            assert stored_sessions(store, plan_id, conn) == model.plan.sessions
        assert stored_milestones(store, plan_id) == model.plan.milestones
        assert store.plan_request(plan_id) == model.plan.request
        rows = store.card_rows(sorted(model.cards))
        assert {card_id: row.state for card_id, row in rows.items()} == {
            card_id: label(card) for card_id, card in model.cards.items()
        }

    @invariant()
    def undo_matches_model(self) -> None:
        """Undo and redo are offered exactly when the model has something to undo or redo."""
        page, model = self.app.pages.flashcards, self.model
        assert self.app.runner.can_undo == bool(model.undo)
        assert self.app.runner.can_redo == bool(model.redo)
        assert page.in_review() == model.in_review
        session = page.review_screen.session
        can_undo_answer = session is not None and session.can_undo
        assert can_undo_answer == (model.last_answer is not None)


def begin(store: Store, plan_id: int) -> None:
    """A plan the learner has begun: Monday's session done, two cards answered Easy at NOW.

    One new card is left (the SQL card waits for its topic's first session), so a review often
    shows the card just answered again, as its next learning step. The cards in review, due in
    a week, give a re-plan a review forecast to reserve.
    """
    first = store.sessions_between(plan_id, MONDAY, MONDAY)[0]
    with store.write() as writes:
        writes.update_session(plan_id, first.key, status=SessionStatus.DONE)
    session = ReviewSession(
        store.reviews(), DeckScope(), REVIEW_SETTINGS, DailyLimits(), NOW, end_of_day(NOW)
    )
    try:
        for _ in range(2):
            assert session.next(NOW) is not None
            session.answer(Rating.Easy, NOW, 4000)
        assert session.remaining().new == 1
    finally:
        session.close()


@pytest.mark.slow
def test_the_database_always_equals_the_model(
    qapp: QApplication, store: Store, cards_plan: int, tmp_path: Path
) -> None:
    begin(store, cards_plan)
    store.close()  # the fixture's plan with cards becomes every example's starting file
    template = tmp_path / "template.sqlite3"
    shutil.copy(store.path, template)
    runs = tmp_path / "runs"
    runs.mkdir()
    clock = Clock()
    page = FlashcardsPage(clock)

    class Machine(PlanMachine):
        def __init__(self) -> None:
            super().__init__(template, runs, page, clock)

    run_state_machine_as_test(Machine, settings=SETTINGS)


def test_undoing_a_replan_restores_the_request_as_stored(store: Store, cards_plan: int) -> None:
    # Found by the machine above: the re-plan's request carries today's review forecast.
    begin(store, cards_plan)
    stored = store.plan_request(cards_plan)
    request = replace(stored, review_forecast=store.review_forecast(START))
    assert request != stored
    state = store.plan_state(cards_plan)
    after = (request, replan(request, state, START.date()).plan)
    operation = ApplyPlan(cards_plan, state, after, "Re-plan")
    operation.do(store)
    assert store.plan_request(cards_plan) == request
    operation.undo(store)
    assert store.plan_request(cards_plan) == stored
    assert store.plan_state(cards_plan) == state
    operation.redo(store)
    assert store.plan_request(cards_plan) == request


def test_a_replan_keeps_a_skipped_and_locked_session_once(store: Store, cards_plan: int) -> None:
    # Found by the machine above: it was kept both in place and as history, and its work was
    # counted as covered, so it was never rescheduled.
    key = store.plan_state(cards_plan).sessions[-1].key
    edit = store.session_edit(cards_plan, key)
    with store.write() as writes:
        writes.set_session(
            cards_plan, key, replace(edit, status=SessionStatus.SKIPPED, locked=True)
        )
    result = replan(store.plan_request(cards_plan), store.plan_state(cards_plan), START.date())
    keys = [session.key for session in result.plan.sessions]
    assert len(keys) == len(set(keys))
    [kept] = [s for s in result.plan.sessions if s.key == key]
    assert kept.status is SessionStatus.SKIPPED
    topic = kept.topic_id
    again = [s for s in result.plan.sessions if s.topic_id == topic and s.key != key]
    assert sum(s.minutes for s in again) >= kept.minutes  # its work is planned again


def test_undo_when_the_answered_card_is_shown_again_shows_it_as_stored(
    store: Store, cards_plan: int
) -> None:
    # Found by the machine above: the only card is shown again at once, as its learning step.
    scope = DeckScope("small", frozenset({"mlops"}))
    session = ReviewSession(
        store.reviews(), scope, REVIEW_SETTINGS, DailyLimits(), NOW, end_of_day(NOW)
    )
    try:
        first = session.next(NOW)
        assert first is not None
        session.answer(Rating.Again, NOW, 1000)
        assert session.next(NOW) is not None  # the review screen shows the next card at once
        session.undo()
        assert session.next(NOW) == first
        assert session.remaining().total == 1
        after = session.answer(Rating.Good, NOW, 1000)
        assert session.next(NOW) == DueCard(first.id, after)
    finally:
        session.close()
    with read_only(store.path) as conn:
        assert stored_log(conn) == [(first.id, int(Rating.Good), NOW, "new")]
        assert read_cards(conn)[first.id] == after
