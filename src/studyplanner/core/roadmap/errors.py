"""Problems found in a roadmap file, each with where it is and a plain-English reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Loc = tuple[str | int, ...]
# A file with more problems than this is reported in part; the rest only counted.
MAX_PROBLEMS = 100


def format_loc(loc: Loc) -> str:
    """Render a path into the document, e.g. ``stages[0].topics[2].effort_hours``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a roadmap file."""

    source: str
    reason: str
    loc: Loc = ()
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        path = format_loc(self.loc)
        return f"{where}: {path}: {self.reason}" if path else f"{where}: {self.reason}"


class RoadmapError(Exception):
    """A roadmap file could not be used; ``problems`` says why, and where."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def limited(shown: Sequence[Problem], total: int, source: str) -> list[Problem]:
    """The first MAX_PROBLEMS problems, and a count of the rest."""
    if total <= MAX_PROBLEMS:
        return list(shown)
    rest = Problem(source, f"and {total - MAX_PROBLEMS} more problems not listed")
    return [*shown[:MAX_PROBLEMS], rest]
