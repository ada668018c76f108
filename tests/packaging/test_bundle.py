"""The PyInstaller bundle builds, passes its self-test, ships its data and leaves unused Qt out."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "build.py"
BUILD_TIMEOUT_S = 1200
# Qt modules the spec leaves out; any library or plugin of theirs in the bundle is a regression.
UNWANTED_QT = re.compile(r"Qt6?(WebEngine|Quick|Qml|Pdf|Multimedia|3D|VirtualKeyboard)")


@dataclass(frozen=True)
class Build:
    """One run of packaging/build.py and the bundle it left."""

    result: subprocess.CompletedProcess[str]
    bundle: Path

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
    return Build(result, dist / "StudyPlanner")


def test_the_build_and_the_bundled_self_test_pass(build: Build) -> None:
    assert build.result.returncode == 0, build.output
    if sys.platform != "win32":  # a windowed Windows executable has no stdout
        assert "self-test passed" in build.result.stdout, build.output


def test_the_bundle_ships_the_roadmaps_and_migrations(build: Build) -> None:
    assert build.result.returncode == 0, build.output
    internal = build.bundle / "_internal"
    roadmaps = internal / "studyplanner" / "resources" / "roadmaps"
    shipped = {p.name for p in roadmaps.glob("*.yaml")}
    assert shipped
    assert shipped == {p.name for p in (ROOT / "resources" / "roadmaps").glob("*.yaml")}
    versions = internal / "studyplanner" / "storage" / "migrations" / "versions"
    source_versions = ROOT / "src" / "studyplanner" / "storage" / "migrations" / "versions"
    assert {p.name for p in versions.glob("*.py")} == {p.name for p in source_versions.glob("*.py")}


def test_the_bundle_leaves_out_unused_qt_and_torch(build: Build) -> None:
    assert build.result.returncode == 0, build.output
    files = [p.relative_to(build.bundle).as_posix() for p in build.bundle.rglob("*")]
    assert not [f for f in files if UNWANTED_QT.search(f)]
    assert not [f for f in files if f.endswith(".qm")]
    assert not (build.bundle / "_internal" / "torch").exists()
