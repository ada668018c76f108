"""The newest-versions check: what is newer than the lock, and which tests a report names."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytest_plugins = ["pytester"]


@cache
def tool() -> ModuleType:
    name = "newest_versions_tool"
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / "newest_versions.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_freeze_lines_become_normalised_names() -> None:
    text = "PyYAML==6.0.4\n-e file:///somewhere/app\ntyping_extensions==4.16.0\n"
    assert tool().parse_freeze(text) == {"pyyaml": "6.0.4", "typing-extensions": "4.16.0"}


def test_changes_are_the_packages_at_another_version_and_the_new_ones() -> None:
    newest = tool()
    locked = {"pyyaml": "6.0.2", "fsrs": "6.3.2"}
    found = newest.changes(locked, {"pyyaml": "6.0.4", "fsrs": "6.3.2", "newdep": "1.0"})
    assert [str(c) for c in found] == [
        "newdep 1.0 (not in the lock)",
        "pyyaml 6.0.4 (locked 6.0.2)",
    ]


def test_a_junit_report_names_the_failed_and_erroring_tests(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    pytester.makepyfile(
        test_sample="""
        import pytest

        def test_ok():
            pass

        def test_bad():
            assert 1 == 2

        @pytest.fixture
        def broken():
            raise RuntimeError

        def test_error(broken):
            pass

        class TestGroup:
            def test_inside(self):
                assert False
        """
    )
    report = tmp_path / "report.xml"
    pytester.runpytest_subprocess("-p", "no:randomly", f"--junitxml={report}")
    assert tool().failed_tests(report.read_text(encoding="utf-8")) == [
        "test_sample.py::test_bad",
        "test_sample.py::test_error",
        "test_sample.py::TestGroup::test_inside",
    ]


def test_a_crash_is_pinned_to_the_test_that_was_running() -> None:
    output = (
        "tests/a.py::test_one PASSED [ 50%]\n"
        "tests/b.py::test_two Fatal Python error: Segmentation fault\n\n"
        "Current thread 0x1 (most recent call first):\n"
        '  File "x.py", line 1 in y\n'
    )
    assert tool().crashed_test(output) == "tests/b.py::test_two"
    failed = "tests/c.py::test_three FAILED [ 10%]\ntests/c.py::test_four ERROR [ 20%]\n"
    assert tool().failed_before(failed + output) == [
        "tests/c.py::test_three",
        "tests/c.py::test_four",
    ]
    assert tool().crashed_test("tests/a.py::test_one PASSED\n") is None
