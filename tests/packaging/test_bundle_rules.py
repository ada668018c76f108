"""Which collected files the bundle keeps."""

from __future__ import annotations

import pytest

from tests.packaging.conftest import load_script


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("libQt6Network.so.6", False),
        ("PySide6/QtCharts.abi3.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("studyplanner/resources/translations/studyplanner_de.qm", True),
        ("studyplanner/resources/roadmaps/ai-engineering-architect.yaml", True),
    ],
)
def test_keep_qt_file(dest: str, kept: bool) -> None:
    assert load_script("bundle_rules").keep_qt_file(dest) is kept


@pytest.mark.parametrize(
    ("dest", "desktop"),
    [
        ("libX11.so.6", True),
        ("libfontconfig.so.1", True),
        ("libdbus-1.so.3", True),
        ("libxcb-cursor.so.0", False),  # many desktops lack it: it stays in the bundle
        ("libxkbcommon-x11.so.0", False),
        ("PySide6/Qt/lib/libX11.so.6", False),  # only top-level link dependencies
    ],
)
def test_libraries_left_to_the_desktop(dest: str, desktop: bool) -> None:
    assert load_script("bundle_rules").from_desktop(dest) is desktop
