"""The Windows VERSIONINFO and the macOS Info.plist carry the package's version and app id."""

from __future__ import annotations

import plistlib
import sys

import pytest

from studyplanner import APP_ID, __version__
from tests.packaging.conftest import load_script


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc3+local.5", (2, 0, 1, 3))],
)
def test_version_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert load_script("platform_info").version_numbers(version) == numbers


def test_the_info_plist_is_valid_and_versioned() -> None:
    info = load_script("platform_info")
    plist = plistlib.loads(plistlib.dumps(info.mac_info_plist(__version__)))
    assert plist["CFBundleShortVersionString"] == __version__
    assert plist["CFBundleDisplayName"] == "Study Planner"
    assert info.BUNDLE_ID == APP_ID


@pytest.mark.skipif(sys.platform != "win32", reason="PyInstaller's versioninfo needs pywin32")
def test_the_windows_version_info_names_the_version() -> None:
    text = str(load_script("platform_info").windows_version_info("1.2.3"))
    assert "filevers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductVersion', '1.2.3')" in text
