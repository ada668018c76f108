"""The About box: version, purpose and the licences of what the app is built with."""

from __future__ import annotations

from studyplanner import APP_NAME, __version__

LICENCES = (
    ("Qt and Qt for Python (PySide6)", "LGPL v3"),
    ("SQLAlchemy, SQLModel and Alembic", "MIT"),
    ("pydantic, PyYAML, platformdirs", "MIT"),
    ("FSRS (the fsrs package)", "MIT"),
    ("icalendar", "BSD 2-Clause"),
    ("genanki", "MIT"),
)


def about_html() -> str:
    """The About box's text."""
    rows = "".join(f"<li>{name}: {licence}</li>" for name, licence in LICENCES)
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Turns learning roadmaps into a dated study calendar.</p>"
        "<p>Study Planner is free software under the GNU GPL, version 3 or later.</p>"
        f"<p>It is built with:</p><ul>{rows}</ul>"
    )
