"""Shared fixtures: a small roadmap, pinned dates and a throwaway store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import DaysOff, WeeklyAvailability
from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.core.roadmap.model import Roadmap
from studyplanner.storage.store import Store
from tests import network_guard
from tests.roadmaps import CATALOGUE

# The small disk's fixture, for the storage tests and the app's recovery at start alike.
pytest_plugins = ["tests.storage.small_disk", "tests.storage.reviews.live_connections"]

# Every run tries the same examples, so a run that passed passes again anywhere; the examples
# come from a fixed seed per test, and no example database is kept between runs. To search
# wider while working on a test: HYPOTHESIS_PROFILE=explore.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# The app never opens a network connection: any test whose code tries fails at that line.
network_guard.install()

# Monday 2 March 2026: plans in the tests start on a known weekday.
MONDAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

SMALL_ROADMAP = """\
format_version: 1
id: small
title: Small roadmap
source:
  name: Test guide
year: 2026
stages:
  - id: basics
    title: Basics
    topics:
      - id: python
        title: Python
        effort_hours: {min: 2, max: 4}
        key_actions: [Write a script]
        resources:
          - title: The tutorial
            url: https://docs.python.org/3/tutorial/
        cards:
          - id: card-list
            front: What is a list?
            back: A mutable sequence.
            tags: [python]
      - id: sql
        title: SQL
        effort_hours: {min: 1, max: 1}
        prerequisites: [python]
  - id: job
    title: On the job
    duration: {min: 1, max: 3, unit: months}
    topics:
      - id: mlops
        title: MLOps
        effort_hours: {min: 1, max: 1}
certifications:
  - id: cert
    title: A certificate
    issuer: Somebody
    stage: basics
    preparation:
      - id: cert-prep
        title: Exam practice
        effort_hours: {min: 1, max: 1}
"""


@pytest.fixture
def small_roadmap_text() -> str:
    """The YAML of a small valid roadmap."""
    return SMALL_ROADMAP


@pytest.fixture
def small_roadmap() -> Roadmap:
    """A small valid roadmap: two stages, one time-based, one certification."""
    return parse_roadmap(SMALL_ROADMAP, "small.yaml")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh database in a temporary data folder, offering the test roadmaps."""
    opened = Store.open(tmp_path, CATALOGUE)
    yield opened
    opened.close()


CARDS = SMALL_ROADMAP.replace(
    "            tags: [python]\n",
    "            tags: [python]\n          - {id: p2, front: What is a dict?, back: A mapping.}\n",
).replace(
    "        prerequisites: [python]\n",
    "        prerequisites: [python]\n"
    "        cards:\n"
    "          - {id: s1, front: What is a join?, back: Rows matched across tables.}\n",
)
CARDS = CARDS.replace(
    "        title: MLOps\n        effort_hours: {min: 1, max: 1}\n",
    "        title: MLOps\n        effort_hours: {min: 1, max: 1}\n"
    "        cards:\n          - {id: m1, front: What is drift?, back: Data that changes.}\n",
)


@pytest.fixture
def cards_plan(store: Store) -> int:
    """A plan of a roadmap with cards in python (2), sql (1) and mlops (1, a known topic)."""
    return make_cards_plan(store)


def make_cards_plan(store: Store) -> int:
    """The ``cards_plan`` fixture's plan, saved in ``store``; returns its id."""
    roadmap = parse_roadmap(CARDS)
    request = PlanRequest(
        roadmap,
        MONDAY,
        WeeklyAvailability.uniform(60),
        known_topics=frozenset({"mlops"}),
        days_off=DaysOff(frozenset({date(2026, 3, 14)})),
    )
    return store.create_plan("Cards", request, make_plan(request), NOW)
