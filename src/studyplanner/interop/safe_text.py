"""Text made safe to hand to other programs: no control codes, bounded length, no formulas."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and C1 controls: NUL truncates text in C programs,
# ESC and CSI (U+009B) start terminal escape sequences, a lone CR ends an iCalendar line.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"\r\n?")
# What a spreadsheet takes as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ELLIPSIS = "…"


def printable(text: str) -> str:
    """``text`` with CR and CRLF as newlines, and every other control code but tab removed."""
    return _CONTROLS.sub("", _LINE_BREAK.sub("\n", text))


def elided(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the last an ellipsis when it is cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def spreadsheet_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: a formula's first character gets a quote first.

    The quote is OWASP's defence against CSV injection; spreadsheets show it, which is the
    price of never running a formula a roadmap or a learner typed.
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
