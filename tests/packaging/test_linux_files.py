"""The Linux desktop entry, AppStream metainfo, tarball and install script."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from studyplanner import APP_ID, __version__
from tests.packaging.conftest import PACKAGING, load_script

LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SHARE_FILES = [
    f"share/applications/{APP_ID}.desktop",
    f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
    f"share/metainfo/{APP_ID}.metainfo.xml",
]


def desktop_entry(path: Path) -> dict[str, str]:
    """The key=value lines of a desktop file's [Desktop Entry] group."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def test_the_desktop_entry_names_the_app_and_its_icon() -> None:
    entry = desktop_entry(DESKTOP)
    assert entry["Name"] == "Study Planner"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == entry["TryExec"] == "StudyPlanner"
    assert entry["StartupWMClass"] == "StudyPlanner"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils missing")
def test_the_desktop_entry_is_valid() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_describes_this_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    releases = root.findall("releases/release")
    assert releases[0].get("version") == __version__  # newest first


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream missing")
def test_the_metainfo_is_valid() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    """A tarball made from a stand-in bundle, unpacked; returns the StudyPlanner folder."""
    bundle = tmp_path / "dist" / "StudyPlanner"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "StudyPlanner").write_text("#!/bin/sh\necho started\n")
    (bundle / "StudyPlanner").chmod(0o755)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"zip")
    tarball = load_script("linux_tarball").make_tarball(bundle, tmp_path, "1.2.3", "x86_64")
    assert tarball.name == "StudyPlanner-1.2.3-linux-x86_64.tar.gz"
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
        assert {m.uname for m in tar.getmembers()} == {""}
        tar.extractall(tmp_path / "my apps", filter="data")  # a space to quote
    for name in ["StudyPlanner", "_internal/base_library.zip", "INSTALL.txt", "install.sh"]:
        assert f"StudyPlanner/{name}" in names
    assert all(f"StudyPlanner/{name}" in names for name in SHARE_FILES)
    assert not list(tmp_path.glob(".*.partial"))
    return tmp_path / "my apps" / "StudyPlanner"


def test_the_tarball_holds_the_bundle_and_its_desktop_files(unpacked: Path) -> None:
    assert os.access(unpacked / "StudyPlanner", os.X_OK)
    assert os.access(unpacked / "install.sh", os.X_OK)
    assert "Study Planner 1.2.3 for Linux" in (unpacked / "INSTALL.txt").read_text()
    icon = unpacked / SHARE_FILES[1]
    assert icon.read_bytes() == (PACKAGING.parent / "resources/icons/studyplanner.svg").read_bytes()


def run_install(folder: Path, data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(data_home.parent),
        "XDG_DATA_HOME": str(data_home),
    }
    return subprocess.run(
        ["sh", str(folder / "install.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_install_sh_adds_the_app_to_the_menu_and_takes_it_out(
    unpacked: Path, tmp_path: Path
) -> None:
    data_home = tmp_path / "home" / "share"
    result = run_install(unpacked, data_home)
    assert result.returncode == 0, result.stderr
    installed = data_home / "applications" / f"{APP_ID}.desktop"
    entry = desktop_entry(installed)
    assert entry["Exec"] == f'"{unpacked}/StudyPlanner"'
    assert entry["TryExec"] == f"{unpacked}/StudyPlanner"
    assert (data_home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (data_home / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True)
        assert check.returncode == 0, check.stdout
    result = run_install(unpacked, data_home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not installed.exists()
    assert not list(data_home.rglob(f"{APP_ID}*"))


def test_install_sh_refuses_a_folder_without_the_app(unpacked: Path, tmp_path: Path) -> None:
    (unpacked / "StudyPlanner").unlink()
    result = run_install(unpacked, tmp_path / "home" / "share")
    assert result.returncode == 1
    assert "StudyPlanner is missing" in result.stderr
