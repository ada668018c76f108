"""The test run itself: crashes print a stack, the order has a known seed, examples repeat."""

from __future__ import annotations

import faulthandler
import os

import pytest
from hypothesis import settings


def test_faulthandler_is_on_so_a_crash_prints_a_stack() -> None:
    assert faulthandler.is_enabled()


def test_the_order_is_shuffled_with_a_printed_seed(pytestconfig: pytest.Config) -> None:
    if not pytestconfig.pluginmanager.has_plugin("randomly"):
        pytest.skip("run with -p no:randomly")
    assert isinstance(pytestconfig.getoption("randomly_seed"), int)


def test_hypothesis_tries_the_same_examples_in_every_run() -> None:
    if os.environ.get("HYPOTHESIS_PROFILE", "repeatable") != "repeatable":
        pytest.skip("another Hypothesis profile was asked for")
    assert settings().derandomize
    assert settings().database is None
