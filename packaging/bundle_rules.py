"""What the bundles hold and leave out: rules the app's spec, build.py and the benchmark share.

docs/packaging.md explains each choice. PyInstaller is imported only inside trim(), so tests can
read the lists without it.
"""

from __future__ import annotations

import importlib.util
import posixpath
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

IS_LINUX = sys.platform.startswith("linux")
Entry = tuple[str, str, str]  # a TOC entry: (destination, source, kind)


# Qt modules the app uses, now or soon. Every other PySide6 module is excluded.
APP_QT = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtSvg",
    "QtSvgWidgets",
    "QtCharts",
    "QtPrintSupport",
    "QtOpenGL",  # QtCharts links QtOpenGL/QtOpenGLWidgets
    "QtOpenGLWidgets",
    "QtDBus",  # QtGui links it on Linux (portals, accessibility, input methods)
)


def read_version(root: Path) -> str:
    """__version__ from src/studyplanner/__init__.py, without importing the package."""
    text = (root / "src" / "studyplanner" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
    if match is None:
        raise SystemExit("no __version__ in src/studyplanner/__init__.py")
    return match.group(1)


def pyside6_excludes(keep: Iterable[str]) -> list[str]:
    """Every PySide6 module outside ``keep``, listed from the installed PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = {p.name.split(".")[0] for p in folder.iterdir() if p.name.startswith("Qt")}
    found.discard("Qt")  # the folder holding the Qt libraries
    return sorted(f"PySide6.{name}" for name in found - set(keep))


PYTHON_EXCLUDES = [
    # TLS: the app never opens a connection. Without them libssl and libcrypto stay out, and
    # hashlib uses Python's own hash modules (asyncio, http.client and urllib import ssl only
    # if it is there).
    "ssl",
    "_ssl",
    "_hashlib",
    "_pydecimal",  # decimal's fallback for when _decimal is missing
    # The optional FSRS optimizer (fsrs.optimizer) needs PyTorch; the app never calls it.
    "torch",
    "torchvision",
    "pandas",
    "numpy",
    "tqdm",
    # Development tools that optional imports elsewhere (pydantic's mypy and hypothesis plugins,
    # mako's pygments plugin) would otherwise drag in.
    "mypy",
    "mypy_extensions",
    "ast_serialize",
    "librt",
    "hypothesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "pygments",
    "rich",
    "IPython",
    "PyInstaller",
    "PIL",  # packaging/make_icons.py draws the icons with it at build time
    "setuptools",
    "pkg_resources",
    "tkinter",
    "_tkinter",
    "PyQt5",
    "PyQt6",
    "PySide2",
]

# Qt libraries (any OS) that plugins drag in but the app never uses, by module-name prefix.
QT_LIB_DROP = (
    "3D",
    "Bluetooth",
    "Concurrent",
    "DataVisualization",
    "Designer",
    "EglFS",  # eglfs platform (embedded, no window system)
    "EglFsKms",
    "Graphs",
    "Help",
    "HttpServer",
    "Labs",
    "Location",
    "Multimedia",
    "Network",
    "Nfc",
    "Pdf",  # the imageformats/qpdf plugin
    "Positioning",
    "Qml",
    "Quick",
    "RemoteObjects",
    "Scxml",
    "Sensors",
    "SerialBus",
    "SerialPort",
    "ShaderTools",
    "SpatialAudio",
    "Sql",
    "StateMachine",
    "Test",
    "TextToSpeech",
    "UiTools",
    "VirtualKeyboard",  # the platforminputcontexts/qtvirtualkeyboardplugin (QML based)
    "WebChannel",
    "WebEngine",
    "WebSockets",
    "WebView",
)
QT_LIB_RE = re.compile(
    r"(?:^|/)(?:lib)?Qt6?([A-Za-z0-9]+?)(?:\.abi3)?(?:\.so|\.dll|\.pyd|\.dylib|\.framework)"
)

# Qt plugins to keep: plugin folder -> file-name stems (without "lib"); None keeps the folder.
# Folders not listed are dropped: generic (evdev/tslib input for eglfs), egldeviceintegrations,
# tls and networkinformation (QtNetwork), sqldrivers, multimedia, qmltooling, ...
QT_PLUGINS_KEEP = {
    # offscreen: self-test and headless use; xcb: X11; wayland: Wayland; windows; cocoa (macOS).
    "platforms": ("qoffscreen", "qxcb", "qwayland", "qwindows", "qcocoa", "qdirect2d"),
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
    # compose: dead keys and the Compose key on Linux; ibus: input methods (CJK and others).
    "platforminputcontexts": (
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    ),
    # xdgdesktopportal: native file dialogs on Flatpak/GNOME/KDE. gtk3 is left out: it pulls in
    # GTK's whole library stack and loads the system GTK against the bundled GLib.
    "platformthemes": ("qxdgdesktopportal",),
    "imageformats": ("qsvg",),  # PNG is built into QtGui; SVG icons need this
    "iconengines": ("qsvgicon",),
    "styles": None,  # the native look on Windows and macOS
    "printsupport": None,  # cups on Linux, for QtPrintSupport
}


# Linux libraries taken from the learner's desktop rather than bundled. X11, fontconfig and
# FreeType must match the desktop's X server and font configuration (a bundled fontconfig older
# than the system's cannot read its configuration); libdbus-1 is on every desktop, and bundling it
# drags in the build machine's libsystemd, libgcrypt, libgpg-error, liblz4 and libcap.
LINUX_DESKTOP_LIBS = (
    "libX11.so.",
    "libX11-xcb.so.",
    "libxcb.so.",
    "libfontconfig.so.",
    "libfreetype.so.",
    "libdbus-1.so.",
    "libsystemd.so.",
    "libgcrypt.so.",
    "libgpg-error.so.",
    "liblz4.so.",
    "libcap.so.",
)


def from_desktop(dest: str) -> bool:
    """A top-level library the desktop provides (see LINUX_DESKTOP_LIBS)."""
    dest = posix(dest)
    return "/" not in dest and dest.startswith(LINUX_DESKTOP_LIBS)


def qt_lib_module(dest: str) -> str | None:
    """The Qt module a bundled Qt library (or PySide6 extension) belongs to, e.g. "Quick"."""
    match = QT_LIB_RE.search(dest)
    return match.group(1) if match else None


def keep_qt_file(dest: str) -> bool:
    """False for the Qt plugins, libraries and translations the bundle leaves out."""
    parts = dest.replace("\\", "/").split("/")
    if "translations" in parts and dest.endswith(".qm"):
        # Qt's own go: the app is in English and installs no QTranslator for Qt. The app's own
        # (under studyplanner/resources/, once it has any) stay.
        return parts[0] != "PySide6"
    if "plugins" in parts and parts.index("plugins") + 2 < len(parts):
        i = parts.index("plugins")
        folder, file = parts[i + 1], parts[-1]
        if folder not in QT_PLUGINS_KEEP:
            return False
        stems = QT_PLUGINS_KEEP[folder]
        stem = file.split(".")[0]
        stem = stem[3:] if stem.startswith("lib") else stem
        return stems is None or stem in stems
    module = qt_lib_module("/".join(parts))
    return module is None or not module.startswith(QT_LIB_DROP)


LOADED = {"BINARY", "EXTENSION"}


def posix(dest: str) -> str:
    """A TOC destination with forward slashes."""
    return dest.replace("\\", "/")


def is_link_dependency(dest: str) -> bool:
    """A library PyInstaller collected because something links it (top level or Qt's lib/)."""
    dest = posix(dest)
    top_level = "/" not in dest and not dest.startswith("libpython")
    return top_level or dest.startswith("PySide6/Qt/lib/")


def prune_orphans(entries: list[Entry], dropped_names: set[str]) -> list[Entry]:
    """Leave out the libraries that nothing kept links any more (Linux).

    Leaving plugins out leaves behind what only they linked: GTK's stack for the gtk3 theme,
    QtQuick and QtQml for the virtual keyboard, Kerberos for QtNetwork. Everything loaded by
    name (extension modules, Qt plugins, libpython) is kept, unless it links a Qt library left
    out above; link-time dependencies are kept while something kept links them.
    """
    from PyInstaller.depend.bindepend import get_imports

    loaded = [(posix(dest), src, kind) for dest, src, kind in entries if kind in LOADED]
    # ldd lists the whole dependency closure, so one pass over each root is enough.
    links = {dest: {Path(name).name for name, _ in get_imports(src)} for dest, src, _ in loaded}
    by_name = {Path(dest).name: dest for dest, _, kind in loaded if is_link_dependency(dest)}
    roots = [
        dest
        for dest, _, kind in loaded
        if not (kind == "BINARY" and is_link_dependency(dest)) and not links[dest] & dropped_names
    ]
    keep = set(roots)
    for root in roots:
        keep.update(by_name[name] for name in links[root] if name in by_name)
    result = []
    for dest, src, kind in entries:
        if kind in LOADED and posix(dest) not in keep:
            print(f"bundle_rules: left out {dest}")
        else:
            result.append((dest, src, kind))
    return result


def trim(analysis: Any) -> None:
    """Leave the unused Qt plugins, libraries, translations and their links out of an Analysis."""
    kept = [entry for entry in analysis.binaries if keep_qt_file(entry[0])]
    kept_datas = [entry for entry in analysis.datas if keep_qt_file(entry[0])]
    print(
        f"bundle_rules: left out {len(analysis.binaries) - len(kept)} Qt libraries and plugins, "
        f"{len(analysis.datas) - len(kept_datas)} Qt translations and links"
    )
    if IS_LINUX:
        dropped = {Path(d).name for d, _, k in analysis.binaries if k in LOADED} - {
            Path(d).name for d, _, k in kept if k in LOADED
        }
        kept = prune_orphans(kept, dropped)
        desktop = [entry for entry in kept if from_desktop(entry[0])]
        print(f"bundle_rules: left to the desktop {', '.join(sorted(e[0] for e in desktop))}")
        kept = [entry for entry in kept if not from_desktop(entry[0])]
    # PyInstaller lists links such as libQt6Quick.so.6 -> PySide6/Qt/lib/libQt6Quick.so.6 as
    # SYMLINK entries (target relative to the link's folder), mostly among the data files: drop
    # the links whose target was left out.
    removed = {posix(e[0]) for e in analysis.binaries + analysis.datas} - {
        posix(e[0]) for e in kept + kept_datas
    }
    analysis.binaries = [e for e in kept if link_target_kept(e, removed)]
    analysis.datas = [e for e in kept_datas if link_target_kept(e, removed)]


def link_target_kept(entry: Entry, removed: set[str]) -> bool:
    """False for a SYMLINK entry pointing at a file left out."""
    dest, src, kind = entry
    if kind != "SYMLINK":
        return True
    target = posixpath.normpath(posixpath.join(posixpath.dirname(posix(dest)), posix(src)))
    return target not in removed
