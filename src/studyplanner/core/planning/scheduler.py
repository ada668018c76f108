"""Placing a roadmap's work on days: roadmap order, prerequisites, stages and capacity."""

from __future__ import annotations

import gc
import heapq
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from studyplanner.core.planning.dates import add_duration
from studyplanner.core.planning.limits import HORIZON_DAYS, ONE_DAY, PlanningError, too_long
from studyplanner.core.planning.outcome import in_day_order, milestones
from studyplanner.core.planning.plan import Plan, PlannedSession, StageSpan
from studyplanner.core.planning.work import WorkItem, work_to_place

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from studyplanner.core.planning.request import PlanRequest


def schedule(
    request: PlanRequest,
    fraction: float,
    fixed: Sequence[PlannedSession] = (),
    booking_start: date | None = None,
    spare_keys: dict[str, list[str]] | None = None,
    history: Sequence[PlannedSession] = (),
) -> Plan:
    """Place all of the request's work that ``fixed`` sessions do not already cover.

    New sessions go on days from ``booking_start`` (the plan's start by default). ``spare_keys``
    are session keys, per topic, to reuse before making new ones, so that a re-planned session
    keeps its identity. ``history`` (skipped sessions) is kept in the plan as a record: it takes
    no time and covers no work.
    """
    with _collector_paused():
        try:
            return _Scheduler(
                request, fraction, fixed, booking_start, spare_keys or {}, history
            ).run()
        except OverflowError:  # a date past the calendar's end: far beyond the horizon
            raise too_long() from None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while scheduling.

    A run makes many small objects and no cycles; on a 20,000-topic roadmap, full collections
    during the run took almost half its time (benchmarks/bench_scaling.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Scheduler:
    def __init__(
        self,
        request: PlanRequest,
        fraction: float,
        fixed: Sequence[PlannedSession],
        booking_start: date | None,
        spare_keys: dict[str, list[str]],
        history: Sequence[PlannedSession] = (),
    ) -> None:
        if request.availability.weekly_minutes == 0 and not request.extra_minutes:
            raise PlanningError("the week has no study time: give at least one day some minutes")
        self.request = request
        self.fraction = fraction
        self.fixed = list(fixed)
        self.history = list(history)
        self.booking_start = max(booking_start or request.start, request.start)
        self.used: dict[date, int] = defaultdict(int)
        for session in self.fixed:
            self.used[session.day] += session.minutes
        self.reserve = dict(request.review_forecast)
        self.extra = dict(request.extra_minutes)
        self.sessions: list[PlannedSession] = []
        self.warnings: list[str] = []
        self.ready: list[tuple[int, WorkItem]] = []
        self.later: list[tuple[date, int, WorkItem]] = []  # gated items whose gate is to come
        self.settled = 0  # stages before this index have ended
        self.last_fixed: dict[str, date] = {}
        for session in self.fixed:
            previous = self.last_fixed.get(session.topic_id)
            self.last_fixed[session.topic_id] = max(session.day, previous or session.day)
        self.work = work_to_place(request, fraction, self.fixed, self.history, spare_keys)
        self.items, self.dependents = self.work.items, self.work.dependents
        self.stages = self.work.stages

    # Running

    def run(self) -> Plan:
        self.stages[0].gate = self.request.start
        covered = [item for item in self.items.values() if item.remaining == 0]
        for item in covered:  # flag them all first, so finishing one never releases another
            item.finished = True
        for item in covered:
            self._finish(item, self.last_fixed.get(item.topic.id), self.request.start)
        self._settle(self.request.start)
        for item in list(self.items.values()):
            if not item.finished and not item.waiting_on:
                self._release(item, self.request.start)
        day = self.booking_start
        unfinished = sum(1 for item in self.items.values() if not item.finished)
        while unfinished:
            self._wake(day)
            if not self.ready:
                day = self._next_busy_day(day)
                continue
            free = whole_day = self._capacity(day)
            while self.ready and free > 0:
                item = self.ready[0][1]
                # Leave a sliver too short for a session, unless it is all the day has.
                sliver = free < self.request.min_session_minutes and free < whole_day
                if sliver and item.remaining > free:
                    break
                length = min(item.remaining, free, self.request.max_session_minutes)
                self._book(item, day, length)
                free -= length
                if item.remaining == 0:
                    heapq.heappop(self.ready)
                    unfinished -= 1
                    self._finish(item, day, day)
                    self._settle(day)
                    self._wake(day)
            day += ONE_DAY
            self._check_horizon(day)
        self._settle(day)
        return self._result()

    def _capacity(self, day: date) -> int:
        req = self.request
        if day in req.days_off or day < self.booking_start:
            return 0
        minutes = req.availability.on(day)
        if minutes:
            minutes -= min(minutes, self.reserve.get(day, req.daily_review_minutes))
        return max(0, minutes + self.extra.get(day, 0) - self.used[day])

    def _book(self, item: WorkItem, day: date, length: int) -> None:
        assert length > 0, f"empty session for {item.topic.id}"
        if item.spare_keys:
            key = item.spare_keys.pop(0)
        else:
            key = f"{item.topic.id}/{item.next_part}"
            item.next_part += 1
        self.sessions.append(
            PlannedSession(
                key=key,
                topic_id=item.topic.id,
                stage_id=self.stages[item.stage].stage.id,
                title=item.topic.title,
                day=day,
                minutes=length,
                start_time=self._start_time(day),
                certification_id=item.cert_id,
            )
        )
        self.used[day] += length
        item.remaining -= length

    def _start_time(self, day: date) -> time | None:
        preferred = self.request.availability.start_times[day.weekday()]
        if preferred is None:
            return None
        reserved = self.reserve.get(day, self.request.daily_review_minutes)
        offset = timedelta(minutes=self.used[day] + reserved)
        begin = datetime.combine(day, preferred) + offset
        return begin.time() if begin.date() == day else None

    def _finish(self, item: WorkItem, end: date | None, today: date) -> None:
        # A locked session later than the new ones still belongs to the topic: it ends then.
        fixed_end = self.last_fixed.get(item.topic.id)
        if fixed_end is not None and (end is None or fixed_end > end):
            end = fixed_end
        item.finished = True
        item.end = end
        stage = self.stages[item.stage]
        stage.open_items -= 1
        if end is not None:
            stage.last_item_end = max(filter(None, (stage.last_item_end, end)))
        for dependent in self.dependents[item.topic.id]:
            dependent.waiting_on.discard(item.topic.id)
            dependent.not_before = max(filter(None, (dependent.not_before, end)), default=None)
            if not dependent.waiting_on and not dependent.finished:
                self._release(dependent, today)

    def _release(self, item: WorkItem, today: date) -> None:
        """Prerequisites are met: the item is ready, or waits for its stage's gate."""
        if item.queued:
            return
        item.queued = True
        self._place(item, today)

    def _place(self, item: WorkItem, today: date) -> None:
        if item.not_before is not None and item.not_before > today:
            heapq.heappush(self.later, (item.not_before, item.priority, item))
            return
        if not item.gated:
            heapq.heappush(self.ready, (item.priority, item))
            return
        gate = self.stages[item.stage].gate
        if gate is None:
            self.stages[item.stage].waiting.append(item)
        elif gate <= today:
            heapq.heappush(self.ready, (item.priority, item))
        else:
            heapq.heappush(self.later, (gate, item.priority, item))

    def _settle(self, today: date) -> None:
        """End every stage whose work is done, in order, opening the next stage's gate."""
        for index in range(self.settled, len(self.stages)):
            state = self.stages[index]
            if state.gate is None or state.open_items:
                return
            self.settled = index + 1
            end = max(filter(None, (state.gate, state.last_item_end)))
            duration = state.stage.duration
            if duration is not None:
                lasting = duration.pick(self.fraction)
                try:
                    span_end = add_duration(state.gate, lasting, duration.unit) - ONE_DAY
                except (OverflowError, ValueError):  # a year past the calendar's end
                    raise too_long() from None
                self._check_horizon(span_end)
                end = max(end, span_end)
            state.end = end
            state.span = StageSpan(state.stage.id, state.gate, end)
            if index + 1 < len(self.stages):
                following = self.stages[index + 1]
                following.gate = end + ONE_DAY if duration is not None else end
                for item in following.waiting:
                    self._place(item, today)
                following.waiting.clear()

    def _wake(self, day: date) -> None:
        while self.later and self.later[0][0] <= day:
            self._place(heapq.heappop(self.later)[2], day)

    def _next_busy_day(self, day: date) -> date:
        """Nothing is ready today: jump to the next gate, or break a deadlock."""
        if self.later:
            return max(self.later[0][0], day)
        needed = {p for i in self.items.values() if not i.finished for p in i.waiting_on}
        blocked = sorted(
            (self.items[p] for p in needed if not self.items[p].waiting_on),
            key=lambda i: i.priority,
        )
        if not blocked:  # pragma: no cover - roadmap checks rule out prerequisite cycles
            raise PlanningError("the roadmap's prerequisites form a cycle")
        item = blocked[0]
        self.warnings.append(
            f"'{item.topic.title}' starts before its stage, because a topic of an earlier "
            "stage requires it"
        )
        stage = self.stages[item.stage]
        if item in stage.waiting:
            stage.waiting.remove(item)
        self.later = [entry for entry in self.later if entry[2] is not item]
        heapq.heapify(self.later)
        item.gated = False
        heapq.heappush(self.ready, (item.priority, item))
        return day

    def _check_horizon(self, day: date) -> None:
        if (day - self.request.start).days > HORIZON_DAYS:
            raise too_long()

    # Result

    def _result(self) -> Plan:
        return Plan(
            roadmap_id=self.request.roadmap.id,
            start=self.request.start,
            fraction=self.fraction,
            sessions=tuple(in_day_order([*self.history, *self.fixed], self.sessions)),
            milestones=tuple(
                sorted(milestones(self.request, self.work), key=lambda m: (m.day, m.key))
            ),
            spans=tuple(s.span for s in self.stages if s.span is not None),
            warnings=tuple(self.warnings),
        )
