"""Colours that tell stages apart, readable on light and dark backgrounds."""

from __future__ import annotations

from PySide6.QtGui import QColor

STAGE_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#9c755f",
)


def stage_colour(stage_index: int) -> QColor:
    """The colour of the stage at this position in its roadmap."""
    return QColor(STAGE_COLOURS[stage_index % len(STAGE_COLOURS)])
