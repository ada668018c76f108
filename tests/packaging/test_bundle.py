"""The PyInstaller bundle builds, passes its self-test, ships its data and leaves unused Qt out."""

from __future__ import annotations

import importlib.util
import os
import platform
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from studyplanner import __version__
from tests.packaging.conftest import load_script

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "build.py"
BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 300
IS_LINUX = sys.platform.startswith("linux")


@dataclass(frozen=True)
class Build:
    """One run of packaging/build.py and the bundle it left."""

    result: subprocess.CompletedProcess[str]
    dist: Path

    @property
    def bundle(self) -> Path:
        """The onedir bundle."""
        return self.dist / "StudyPlanner"

    @property
    def program(self) -> Path:
        """The app's executable."""
        return self.bundle / ("StudyPlanner.exe" if sys.platform == "win32" else "StudyPlanner")

    @property
    def output(self) -> str:
        """Everything the build printed, for failure messages."""
        return f"--- stdout ---\n{self.result.stdout}\n--- stderr ---\n{self.result.stderr}"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the bundle once for this module, into temporary dist and work folders."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip('PyInstaller is not installed: pip install -e ".[package]"')
    tmp = tmp_path_factory.mktemp("bundle")
    dist, work = tmp / "dist", tmp / "work"
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--dist", str(dist), "--work", str(work)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    built = Build(result, dist)
    assert result.returncode == 0, built.output
    return built


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``folder`` with its size and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def run_fresh(build: Build, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the bundled app as a learner would, with a new, empty home folder."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "USERPROFILE": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [str(build.program), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


@pytest.fixture
def untouched(build: Build) -> Iterator[None]:
    """Fail the test if anything in the bundle folder was added, changed or removed."""
    before = snapshot(build.bundle)
    yield
    after = snapshot(build.bundle)
    changed = sorted(set(before.items()) ^ set(after.items()))
    assert not changed, f"the bundle folder changed: {changed[:10]}"


def test_the_build_and_the_bundled_self_test_pass(build: Build) -> None:
    if sys.platform != "win32":  # a windowed Windows executable has no stdout
        assert "self-test passed" in build.result.stdout, build.output


def test_the_bundle_ships_the_resources_and_migrations(build: Build) -> None:
    internal = build.bundle / "_internal"
    resources = internal / "studyplanner" / "resources"
    source = ROOT / "resources"
    wanted = {
        p.relative_to(source).as_posix()
        for p in source.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"}
    }
    shipped = {p.relative_to(resources).as_posix() for p in resources.rglob("*") if p.is_file()}
    assert wanted
    assert shipped == wanted
    versions = internal / "studyplanner" / "storage" / "schema" / "migrations" / "versions"
    source_versions = (
        ROOT / "src" / "studyplanner" / "storage" / "schema" / "migrations" / "versions"
    )
    assert {p.name for p in versions.glob("*.py")} == {p.name for p in source_versions.glob("*.py")}


def test_the_bundle_holds_none_of_the_excluded_qt_modules(build: Build) -> None:
    rules = load_script("bundle_rules")
    files = [p.relative_to(build.bundle).as_posix() for p in build.bundle.rglob("*")]
    qt_modules = {module for f in files if (module := rules.qt_lib_module(f)) is not None}
    assert qt_modules
    assert not [m for m in qt_modules if m.startswith(rules.QT_LIB_DROP)]
    pyside = build.bundle / "_internal" / "PySide6"
    bindings = {p.name.split(".")[0] for p in pyside.glob("Qt*.*") if p.suffix in {".so", ".pyd"}}
    assert "QtWidgets" in bindings
    assert bindings <= set(rules.APP_QT)
    assert not [f for f in files if f.endswith(".qm") and "/PySide6/" in f]


def test_the_bundle_leaves_out_torch_and_tls(build: Build) -> None:
    internal = build.bundle / "_internal"
    assert not (internal / "torch").exists()
    assert not (internal / "PIL").exists()
    assert not list(internal.rglob("*ssl*"))
    assert not list(internal.rglob("libcrypto*"))


def test_the_self_test_in_a_fresh_home_writes_nothing_in_the_bundle(
    build: Build, tmp_path: Path, untouched: None
) -> None:
    result = run_fresh(build, tmp_path / "home", "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    data = tmp_path / "home" / ".local" / "share" / "StudyPlanner"
    if IS_LINUX:
        assert f"ok: the data folder {data} can be written to" in result.stdout.splitlines()
        assert data.is_dir()
        assert list(data.iterdir()) == []


@pytest.mark.skipif(not IS_LINUX, reason="the platform folder checked is Linux's")
def test_the_app_keeps_its_data_in_the_platform_folder(
    build: Build, tmp_path: Path, untouched: None
) -> None:
    home = tmp_path / "home"
    result = run_fresh(build, home, "--exit-when-open")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["first paint", "window open"]
    data = home / ".local" / "share" / "StudyPlanner"
    assert (data / "studyplanner.sqlite3").is_file()
    assert (data / "settings.ini").is_file()
    assert {p.relative_to(home).parts[0] for p in home.rglob("*")} == {".local"}


def test_a_portable_marker_keeps_the_data_beside_the_app(build: Build, tmp_path: Path) -> None:
    marker, data = build.bundle / "portable", build.bundle / "data"
    before = snapshot(build.bundle)
    marker.write_text("")
    try:
        home = tmp_path / "home"
        result = run_fresh(build, home, "--exit-when-open")
        assert result.returncode == 0, result.stderr
        assert (data / "studyplanner.sqlite3").is_file()
        assert list(home.iterdir()) == []
        added = set(snapshot(build.bundle)) - set(before)
        assert {path.split("/")[0] for path in added} == {"portable", "data"}
    finally:
        marker.unlink()
        for path in sorted(data.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        data.rmdir()


@pytest.mark.skipif(not IS_LINUX, reason="the tarball is the Linux download")
def test_the_linux_tarball_unpacks_to_a_working_app(build: Build, tmp_path: Path) -> None:
    tarball = build.dist / f"StudyPlanner-{__version__}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path, filter="data")
    unpacked = tmp_path / "StudyPlanner"
    assert (unpacked / "INSTALL.txt").is_file()
    result = subprocess.run(
        [str(unpacked / "StudyPlanner"), "--version"],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, f"studyplanner {__version__}")
