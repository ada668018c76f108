"""A seeded fuzz for FSRS, which draws it from the random module's shared generator."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import pytest


@pytest.fixture
def seed_fuzz() -> Iterator[Callable[[int], None]]:
    """Seed the shared generator FSRS's fuzz draws from; the test's end puts it back as it was.

    The ``fsrs`` package takes no generator of its own, and its module's name for the shared
    one is private, so seeding the shared generator is the public way to make its fuzz repeat.
    """
    saved = random.getstate()
    yield random.seed
    random.setstate(saved)
