"""The Linux download: the onedir bundle, its desktop integration and install note, as .tar.gz."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.studyplanner.StudyPlanner"
TOP = "StudyPlanner"  # the folder the tarball unpacks to, the bundle itself

# (file in the source tree, path inside the unpacked folder, mode)
EXTRAS = (
    (LINUX / "install.sh", "install.sh", 0o755),
    (LINUX / f"{APP_ID}.desktop", f"share/applications/{APP_ID}.desktop", 0o644),
    (
        ROOT / "resources/icons/studyplanner.svg",
        f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        0o644,
    ),
    (LINUX / f"{APP_ID}.metainfo.xml", f"share/metainfo/{APP_ID}.metainfo.xml", 0o644),
)


def tarball_name(version: str, machine: str) -> str:
    """StudyPlanner-VERSION-linux-MACHINE.tar.gz."""
    return f"StudyPlanner-{version}-linux-{machine}.tar.gz"


def anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """No build machine user or group names in the archive."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mode: int, mtime: float) -> None:
    """One regular file from memory."""
    info = anonymous(tarfile.TarInfo(f"{TOP}/{name}"))
    info.size, info.mode, info.mtime = len(data), mode, int(mtime)
    tar.addfile(info, io.BytesIO(data))


def make_tarball(bundle: Path, out_dir: Path, version: str, machine: str) -> Path:
    """Pack ``bundle`` with the install note, install.sh and the share/ files; return the path.

    It is written under a temporary name and renamed when complete.
    """
    out = out_dir / tarball_name(version, machine)
    partial = out.with_name(f".{out.name}.partial")
    mtime = (bundle / TOP).stat().st_mtime if (bundle / TOP).exists() else bundle.stat().st_mtime
    try:
        with tarfile.open(partial, "w:gz", compresslevel=9) as tar:
            tar.add(bundle, arcname=TOP, filter=anonymous)
            note = (LINUX / "INSTALL.txt").read_text(encoding="utf-8").replace("@VERSION@", version)
            add_bytes(tar, "INSTALL.txt", note.encode(), 0o644, mtime)
            for source, name, mode in EXTRAS:
                add_bytes(tar, name, source.read_bytes(), mode, mtime)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return out
