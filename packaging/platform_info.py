"""The executable's metadata on Windows (VERSIONINFO) and macOS (Info.plist), from the version."""

from __future__ import annotations

import re
from typing import Any

APP_NAME = "StudyPlanner"
DISPLAY_NAME = "Study Planner"
BUNDLE_ID = "org.studyplanner.StudyPlanner"  # the app id: desktop entry, AppStream, Wayland
LICENCE = "GPL-3.0-or-later"


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows wants: "0.1.0" -> (0, 1, 0, 0); "1.2rc1" -> (1, 2, 1, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def windows_version_info(version: str) -> Any:
    """VERSIONINFO for the Windows executable (PyInstaller's versioninfo imports pywin32)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = version_numbers(version)
    strings = [
        vi.StringStruct("CompanyName", "Study Planner developers"),
        vi.StringStruct("FileDescription", DISPLAY_NAME),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", APP_NAME),
        vi.StringStruct("LegalCopyright", LICENCE),
        vi.StringStruct("OriginalFilename", f"{APP_NAME}.exe"),
        vi.StringStruct("ProductName", DISPLAY_NAME),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )


def mac_info_plist(version: str) -> dict[str, Any]:
    """Info.plist entries for StudyPlanner.app, beyond those PyInstaller writes."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow the system's dark mode
        "LSApplicationCategoryType": "public.app-category.education",
        "NSHumanReadableCopyright": LICENCE,
    }
