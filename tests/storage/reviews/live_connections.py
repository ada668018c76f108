"""A fixture that tracks the review connections in use, for tests that none is left open."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from studyplanner.storage.reviews.connection import ReviewConnection


@pytest.fixture
def live(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[int]]:
    """The review connections in use now (their own or the pool's), by id; 0 once used."""
    opened: set[int] = set()
    use, close = ReviewConnection._use, ReviewConnection.close

    def used(self: ReviewConnection, *args: Any) -> None:
        use(self, *args)
        opened.update((id(self), 0))

    def closed(self: ReviewConnection) -> None:
        opened.discard(id(self))
        close(self)

    monkeypatch.setattr(ReviewConnection, "_use", used)
    monkeypatch.setattr(ReviewConnection, "close", closed)
    yield opened
