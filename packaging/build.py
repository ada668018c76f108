"""Build the StudyPlanner onedir bundle from the lock with PyInstaller, self-test it, pack it."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bundle_rules import read_version
from linux_tarball import make_tarball

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "studyplanner.spec"
APP_NAME = "StudyPlanner"
SELF_TEST_TIMEOUT_S = 300
PASSED = "self-test passed"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", metavar="DIR", help="output (default: dist/)"
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build", metavar="DIR", help="scratch (default: build/)"
    )
    parser.add_argument("--no-self-test", action="store_true", help="build, but do not run it")
    return parser.parse_args(argv)


def uv_command() -> str | None:
    """uv, from the package extra beside this Python or else from the PATH."""
    try:
        from uv import find_uv_bin
    except ImportError:
        return shutil.which("uv")
    return str(find_uv_bin())


def build_environment(work: Path) -> Path | None:
    """A Python environment holding exactly the locked dependencies; its interpreter.

    The app's own code is read from src/ by the spec, so only the dependencies are installed:
    the bundle holds what the lock says, whatever the environment running this script holds.
    """
    uv = uv_command()
    if uv is None:
        print("error: uv is needed to install the lock: pip install -r requirements-uv.txt")
        return None
    venv = work / "env"
    command = [uv, "sync", "--frozen", "--no-install-project", "--extra", "package"]
    command += ["--python", sys.executable]
    print("$", " ".join(command), flush=True)
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv)}
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
        print("error: the locked dependencies could not be installed", file=sys.stderr)
        return None
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def run_pyinstaller(python: Path, dist: Path, work: Path) -> int:
    """Run PyInstaller on the spec; return its exit status."""
    command = [
        str(python),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def executable(bundle: Path) -> Path:
    """The app's executable inside the onedir bundle."""
    return bundle / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)


def run_self_test(program: Path) -> bool:
    """Run ``StudyPlanner --self-test`` offscreen, with a throwaway data folder."""
    with tempfile.TemporaryDirectory(prefix="studyplanner-build-") as data_dir:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDYPLANNER_DATA_DIR": data_dir}
        print(f"$ {program} --self-test", flush=True)
        try:
            result = subprocess.run(
                [str(program), "--self-test"],
                env=env,
                capture_output=True,
                text=True,
                timeout=SELF_TEST_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"error: the self-test did not run: {exc}", file=sys.stderr)
            return False
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    if result.returncode != 0:
        print(f"error: the self-test exited with {result.returncode}", file=sys.stderr)
        return False
    # A windowed Windows executable has no stdout, so there only the exit status tells.
    if PASSED not in result.stdout and sys.platform != "win32":
        print(f"error: the self-test did not print {PASSED!r}", file=sys.stderr)
        return False
    return True


def size_mb(folder: Path) -> float:
    """Total size of the files under ``folder`` (symlinks not followed), in MiB."""
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return total / 2**20


def main(argv: Sequence[str] | None = None) -> int:
    """Build, check and measure the bundle; return 0 when all went well."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    python = build_environment(work)
    if python is None:
        return 1
    started = time.monotonic()
    status = run_pyinstaller(python, dist, work)
    elapsed = time.monotonic() - started
    if status != 0:
        print(f"error: PyInstaller failed with exit status {status}", file=sys.stderr)
        return 1
    bundle = dist / APP_NAME
    program = executable(bundle)
    if not program.is_file():
        print(f"error: {program} was not built", file=sys.stderr)
        return 1
    print(f"built {bundle} in {elapsed:.0f} s")
    if not args.no_self_test and not run_self_test(program):
        return 1
    print(f"bundle size: {size_mb(bundle):.1f} MiB ({bundle})")
    if sys.platform.startswith("linux"):
        tarball = make_tarball(bundle, dist, read_version(ROOT), platform.machine())
        print(f"tarball size: {tarball.stat().st_size / 2**20:.1f} MiB ({tarball})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
