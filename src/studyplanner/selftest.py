"""The self-test both entry points run: plan every bundled roadmap in a throwaway database."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.loader import bundled_roadmaps
from studyplanner.interop.anki_notetypes import CLOZE_KIND, note_type_kind
from studyplanner.interop.anki_text import ExchangeCard
from studyplanner.interop.apkg import read_apkg, write_apkg
from studyplanner.interop.ics import plan_to_ics
from studyplanner.operations.plans import create_plan
from studyplanner.storage.store import Store


class SelfTestError(AssertionError):
    """A self-test check failed."""


PROBE_NAME = ".self-test-probe"


def check_data_folder(folder: Path, report: Callable[[str], None]) -> None:
    """The learner's data folder can be made and written to (the probe file is removed)."""
    probe = folder / PROBE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise SelfTestError(f"the data folder {folder} cannot be written to: {exc}") from exc
    report(f"the data folder {folder} can be written to")


def run_self_test(
    today: date, now: datetime, report: Callable[[str], None], data_dir: Path | None = None
) -> None:
    """Raise SelfTestError on the first failed check; ``report`` hears each passed one."""
    roadmaps = bundled_roadmaps()
    if not roadmaps:
        raise SelfTestError("no bundled roadmaps were found")
    report(f"loaded {len(roadmaps)} bundled roadmaps")
    with tempfile.TemporaryDirectory(prefix="studyplanner-selftest-") as tmp:
        folder = data_dir or Path(tmp)
        store = Store.open(folder)
        try:
            week = WeeklyAvailability.uniform(60, 120)
            planned: dict[int, int] = {}
            for roadmap in roadmaps:
                request = PlanRequest(roadmap=roadmap, start=today, availability=week)
                plan = make_plan(request)
                if not plan.sessions:
                    raise SelfTestError(f"{roadmap.id}: the plan has no sessions")
                if plan_to_ics(plan, roadmap, now).count(b"BEGIN:VEVENT") < len(plan.sessions):
                    raise SelfTestError(f"{roadmap.id}: the .ics export lacks sessions")
                plan_id = create_plan(roadmap.title, request, now, plan).run(store).value
                planned[plan_id] = len(plan.sessions)
                report(f"planned {roadmap.id}: {len(plan.sessions)} sessions to {plan.finish}")
            stored = {p.id: p.sessions for p in store.plans()}
            if stored != planned:
                raise SelfTestError(f"read back {stored}, expected {planned}")
            report(f"wrote and read back {len(stored)} plans and {store.card_count()} cards")
            check_anki_package(folder / "self-test.apkg")
            report("exported every plan to .ics, wrote and read back an Anki package")
        finally:
            store.close()


def check_anki_package(path: Path) -> None:
    """An .apkg written with genanki reads back as the same card."""
    card = ExchangeCard("Self-test: what is FSRS?", "A spaced-repetition scheduler", ("self-test",))
    write_apkg([card], "Self-test", path)
    back = read_apkg(path.read_bytes(), path.name).cards
    if [(c.front, c.back, c.tags) for c in back] != [(card.front, card.back, card.tags)]:
        raise SelfTestError(f"the Anki package read back as {back}")
    # Current packages keep note types in protocol buffers: the library must be there.
    if note_type_kind(b"\x08\x01") != CLOZE_KIND:
        raise SelfTestError("a current Anki note type could not be read")
