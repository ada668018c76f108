"""Self-test checks of the Qt parts a bundle can lose: plugins, and the SVG icons."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QPluginLoader, QSize
from PySide6.QtGui import QIcon, QImageReader

from studyplanner.selftest import SelfTestError

# Plugin folders the app's look and feel depends on; the bundle keeps these (and only these).
PLUGIN_FOLDERS = (
    "platforms",
    "platformthemes",
    "platforminputcontexts",
    "xcbglintegrations",
    "wayland-shell-integration",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "imageformats",
    "iconengines",
    "styles",
    "printsupport",
)
# A packaged Linux app must start on X11, so its bundle must hold everything the xcb plugin needs
# beyond X11's own libraries (libxcb-cursor, say, which many desktops lack).
REQUIRED_IN_LINUX_BUNDLE = ("platforms/libqxcb.so",)
# "Cannot load library …/libqwayland.so: libwayland-cursor.so.0: cannot open shared object file"
MISSING_LIBRARY = re.compile(r":\s*([^\s:/]+):\s*cannot open shared object file")


def plugins_root() -> Path:
    """Where this Qt looks for its plugins (inside the bundle when packaged)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def missing_system_library(error: str) -> str | None:
    """The system library a plugin failed to find, unless it is one of Qt's own."""
    match = MISSING_LIBRARY.search(error)
    if match is None or match.group(1).startswith("libQt"):
        return None
    return match.group(1)


def tolerated(plugin: str, error: str, required: Collection[str]) -> str | None:
    """The desktop library a plugin lacked, if that failure may pass; None if it fails."""
    return None if plugin in required else missing_system_library(error)


def check_plugins(
    report: Callable[[str], None], root: Path | None = None, required: Collection[str] = ()
) -> None:
    """Load every plugin the app may need; a plugin whose Qt libraries are missing fails.

    A plugin that needs a library of the desktop's own (Wayland's client library on an
    X11-only machine, say) is reported and passed: the learner's desktop provides it. The
    ``required`` plugins ("folder/file") must load, whatever they lack.
    """
    root = plugins_root() if root is None else root
    loaded: list[str] = []
    lacking: dict[str, list[str]] = {}  # system library -> plugins that need it
    for folder in PLUGIN_FOLDERS:
        if not (root / folder).is_dir():
            continue
        for file in sorted((root / folder).iterdir()):
            loader = QPluginLoader(str(file))
            if loader.load():
                loaded.append(f"{folder}/{file.name}")
                continue
            error = loader.errorString()
            system_library = tolerated(f"{folder}/{file.name}", error, required)
            if system_library is None:
                raise SelfTestError(f"the Qt plugin {folder}/{file.name} did not load: {error}")
            lacking.setdefault(system_library, []).append(file.name)
    for library, names in sorted(lacking.items()):
        report(f"not loaded, {library} is missing here (desktops have it): {', '.join(names)}")
    if not any(name.startswith("platforms/") for name in loaded):
        raise SelfTestError(f"no Qt platform plugin loaded from {root / 'platforms'}")
    report(f"loaded {len(loaded)} Qt plugins from {root}")


def check_icons(report: Callable[[str], None]) -> None:
    """Every bundled icon draws: the SVG image format and icon engine plugins work."""
    if b"svg" not in QImageReader.supportedImageFormats():
        raise SelfTestError("Qt cannot read SVG images (the svg image format plugin is missing)")
    folder = resources.files("studyplanner.resources").joinpath("icons")
    icons = sorted(str(p) for p in folder.iterdir() if p.name.endswith(".svg"))
    if not icons:
        raise SelfTestError("no icons were found in studyplanner/resources/icons")
    for icon in icons:
        image = QIcon(icon).pixmap(QSize(64, 64)).toImage()
        if image.isNull() or all(
            image.pixelColor(x, y).alpha() == 0 for x in range(0, 64, 4) for y in range(0, 64, 4)
        ):
            raise SelfTestError(f"the icon {Path(icon).name} did not draw")
    report(f"drew the icons {', '.join(Path(icon).name for icon in icons)}")
