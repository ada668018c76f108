"""The core uses only what the fsrs package exports at top level, and never reads the clock."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import fsrs
import pytest
from fsrs import Card, Rating, ReviewLog, Scheduler

import studyplanner.core

CORE = Path(studyplanner.core.__file__).parent
MODULES = sorted(CORE.rglob("*.py"))
PUBLIC = set(fsrs.__all__)
WHEN = datetime(2026, 3, 2, tzinfo=UTC)
# The private attributes of the package's objects: the core using a name like these is taken
# for a reach past the public API.
PRIVATE = {
    name
    for thing in (Scheduler(), Card(1, due=WHEN), ReviewLog(1, Rating.Good, WHEN, None))
    for name in dir(thing)
    if name.startswith("_") and not name.endswith("__")
}
CARD_FIELDS = ("card_id", "state", "step", "stability", "difficulty", "due", "last_review")
# The package reads the clock when one of these is called without the time.
NEEDS_TIME = {
    "review_card": (2, "review_datetime"),
    "get_card_retrievability": (1, "current_datetime"),
}


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def fsrs_reaches(module: ast.Module) -> list[str]:
    """Each place the module goes past what ``fsrs`` exports at top level."""
    found: list[str] = []
    aliases: set[str] = set()  # local names bound to the fsrs module itself
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "fsrs":
                    aliases.add(alias.asname or "fsrs")
                elif alias.name.startswith("fsrs."):
                    found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("fsrs."):
                found.append(f"line {node.lineno}: from {node.module} import ...")
            elif node.module == "fsrs":
                found += [
                    f"line {node.lineno}: from fsrs import {alias.name}"
                    for alias in node.names
                    if alias.name not in PUBLIC
                ]
    for node in ast.walk(module):
        if not isinstance(node, ast.Attribute):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in aliases:
            if node.attr not in PUBLIC:
                found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
        elif node.attr in PRIVATE:
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def clock_reads(module: ast.Module) -> list[str]:
    """Each place the module reads the time itself, or lets the ``fsrs`` package read it."""
    found: list[str] = []
    for node in ast.walk(module):
        if isinstance(node, ast.Import) and any(a.name == "time" for a in node.names):
            found.append(f"line {node.lineno}: import time")
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found.append(f"line {node.lineno}: from time import ...")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        keywords = {keyword.arg for keyword in node.keywords}
        if isinstance(func, ast.Attribute) and name in {"now", "today", "utcnow"}:
            found.append(f"line {node.lineno}: .{name}()")
        elif name in NEEDS_TIME:
            position, keyword = NEEDS_TIME[name]
            if len(node.args) <= position and keyword not in keywords:
                found.append(f"line {node.lineno}: {name} without the time")
        elif name == "Card":
            given = set(CARD_FIELDS[: len(node.args)]) | keywords
            if not {"card_id", "due"} <= given:  # else the package makes them from the clock
                found.append(f"line {node.lineno}: Card without its id and due time")
    return found


def test_the_scan_sees_the_core() -> None:
    assert CORE / "cards" / "scheduling.py" in MODULES
    assert {"Card", "Rating", "ReviewLog", "Scheduler", "State"} <= PUBLIC
    assert PRIVATE, "the package's objects have private parts to look for"


@pytest.mark.parametrize(
    "source",
    [
        "from fsrs.scheduler import FUZZ_RANGES",
        "import fsrs.scheduler",
        "import fsrs as f\nf.scheduler.FUZZ_RANGES",
        "from fsrs import DEFAULT_PARAMETERS",
    ],
)
def test_the_scan_catches_a_reach_past_the_public_api(source: str) -> None:
    assert fsrs_reaches(ast.parse(source))


def test_the_scan_catches_every_private_part_of_the_packages_objects() -> None:
    assert all(fsrs_reaches(ast.parse(f"scheduler.{name}")) for name in PRIVATE)


@pytest.mark.parametrize(
    "source",
    [
        "datetime.now(UTC)",
        "date.today()",
        "import time",
        "s.review_card(card, rating)",
        "s.get_card_retrievability(card)",
        "Card(state=s)",
        "Card(1, State.Review)",
    ],
)
def test_the_scan_catches_a_clock_read(source: str) -> None:
    assert clock_reads(ast.parse(source))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CORE)))
def test_no_core_module_imports_past_fsrss_top_level(path: Path) -> None:
    assert fsrs_reaches(tree(path)) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CORE)))
def test_no_core_module_reads_the_clock(path: Path) -> None:
    assert clock_reads(tree(path)) == []
