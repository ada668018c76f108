"""Text handed to other programs: control codes dropped, long text cut, formulas defused."""

from __future__ import annotations

import pytest

from studyplanner.interop.safe_text import elided, printable, spreadsheet_text


def test_control_codes_but_tab_and_newline_are_dropped() -> None:
    assert printable("a\x00b\x1b[31mc\x07d\x7fe\x9bf\x1fg") == "ab[31mcdefg"
    assert printable("tab\there\nnew line") == "tab\there\nnew line"


def test_carriage_returns_become_newlines() -> None:
    assert printable("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_text_is_cut_to_the_limit_with_an_ellipsis() -> None:
    assert elided("short", 5) == "short"
    assert elided("longer", 5) == "long…"
    assert len(elided("x" * 1_000_000, 300)) == 300


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_a_formula_start_gets_a_quote(first: str) -> None:
    assert spreadsheet_text(f"{first}1+1") == f"'{first}1+1"


def test_other_text_is_left_as_it_is() -> None:
    assert spreadsheet_text("Learn SQL") == "Learn SQL"
    assert spreadsheet_text("a=b") == "a=b"
    assert spreadsheet_text("") == ""
