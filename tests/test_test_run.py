"""The test run itself: crashes print a stack, and the order is shuffled with a known seed."""

from __future__ import annotations

import faulthandler

import pytest


def test_faulthandler_is_on_so_a_crash_prints_a_stack() -> None:
    assert faulthandler.is_enabled()


def test_the_order_is_shuffled_with_a_printed_seed(pytestconfig: pytest.Config) -> None:
    if not pytestconfig.pluginmanager.has_plugin("randomly"):
        pytest.skip("run with -p no:randomly")
    assert isinstance(pytestconfig.getoption("randomly_seed"), int)
