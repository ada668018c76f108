"""The self-test's Qt checks: plugins that load, and icons that draw."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from studyplanner.selftest import SelfTestError
from studyplanner.ui.launch.selftest_qt import (
    check_icons,
    check_plugins,
    missing_system_library,
    plugins_root,
    tolerated,
)

WAYLAND_ERROR = (
    "Cannot load library /opt/StudyPlanner/_internal/PySide6/Qt/plugins/platforms/libqwayland.so:"
    " libwayland-cursor.so.0: cannot open shared object file: No such file or directory"
)
QUICK_ERROR = (
    "Cannot load library /opt/StudyPlanner/_internal/PySide6/Qt/plugins/platforminputcontexts/"
    "libqtvirtualkeyboardplugin.so: libQt6Quick.so.6: cannot open shared object file: "
    "No such file or directory"
)


def test_a_missing_desktop_library_is_named() -> None:
    assert missing_system_library(WAYLAND_ERROR) == "libwayland-cursor.so.0"


def test_a_missing_qt_library_is_not_the_desktops_to_provide() -> None:
    assert missing_system_library(QUICK_ERROR) is None
    assert missing_system_library("The file is not a valid Qt plugin.") is None


def test_the_installed_qt_plugins_pass(qapp: QApplication) -> None:
    lines: list[str] = []
    check_plugins(lines.append)
    assert lines[-1].startswith("loaded ")
    assert lines[-1].endswith(f"Qt plugins from {plugins_root()}")


def test_a_broken_plugin_fails_the_check(qapp: QApplication, tmp_path: Path) -> None:
    (tmp_path / "platforms").mkdir()
    (tmp_path / "platforms" / "libqbroken.so").write_bytes(b"not a library")
    with pytest.raises(SelfTestError, match=r"platforms/libqbroken\.so did not load"):
        check_plugins(lambda _: None, tmp_path)


def test_no_platform_plugin_fails_the_check(qapp: QApplication, tmp_path: Path) -> None:
    with pytest.raises(SelfTestError, match="no Qt platform plugin loaded"):
        check_plugins(lambda _: None, tmp_path)


def test_the_bundled_icons_draw(qapp: QApplication) -> None:
    lines: list[str] = []
    check_icons(lines.append)
    assert lines == ["drew the icons studyplanner.svg"]


def test_a_required_plugin_may_not_lack_even_a_desktop_library() -> None:
    wayland = "platforms/libqwayland.so"
    assert tolerated(wayland, WAYLAND_ERROR, ()) == "libwayland-cursor.so.0"
    assert tolerated(wayland, WAYLAND_ERROR, ("platforms/libqxcb.so",)) == "libwayland-cursor.so.0"
    assert tolerated(wayland, WAYLAND_ERROR, (wayland,)) is None
