"""The catalogue of roadmaps offered to plan from: the bundled ones, or a folder's."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from studyplanner.core.roadmap.model import Roadmap


class RoadmapCatalogue:
    """Roadmaps found by id, in the order of their file names; read once, when first needed."""

    def __init__(self, read: Callable[[], Iterable[Roadmap]]) -> None:
        self._read = read
        self._roadmaps: tuple[Roadmap, ...] | None = None

    @classmethod
    def bundled(cls) -> RoadmapCatalogue:
        """The roadmaps shipped with the app."""
        return _BUNDLED

    @classmethod
    def folder(cls, folder: Path) -> RoadmapCatalogue:
        """Every ``.yaml`` roadmap file in a folder; a bad file raises RoadmapError when read."""

        def read() -> tuple[Roadmap, ...]:
            from studyplanner.core.roadmap.loader import load_roadmap_file

            return tuple(load_roadmap_file(path) for path in sorted(folder.glob("*.yaml")))

        return cls(read)

    def roadmaps(self) -> tuple[Roadmap, ...]:
        """Every roadmap of the catalogue."""
        if self._roadmaps is None:
            self._roadmaps = tuple(self._read())
        return self._roadmaps

    def ids(self) -> list[str]:
        """The roadmaps' ids, in order."""
        return [roadmap.id for roadmap in self.roadmaps()]

    def get(self, roadmap_id: str) -> Roadmap | None:
        """The roadmap with this id, if the catalogue has one."""
        return next((r for r in self.roadmaps() if r.id == roadmap_id), None)


def _read_bundled() -> tuple[Roadmap, ...]:
    # The YAML loader (and the files) load when first needed, not when the app opens.
    from studyplanner.core.roadmap.loader import bundled_roadmaps

    return bundled_roadmaps()


_BUNDLED = RoadmapCatalogue(_read_bundled)
