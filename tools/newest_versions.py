"""Run the fast tests on the newest releases the metadata allows, and name what breaks."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAST = ["-m", "not slow"]


@dataclass(frozen=True)
class Change:
    """A package whose newest allowed release differs from the locked one."""

    name: str
    locked: str | None
    newest: str

    def __str__(self) -> str:
        was = f"locked {self.locked}" if self.locked else "not in the lock"
        return f"{self.name} {self.newest} ({was})"


def parse_freeze(text: str) -> dict[str, str]:
    """``name==version`` lines as a mapping; names normalised, editable lines skipped."""
    found = {}
    for line in text.splitlines():
        name, sep, version = line.strip().partition("==")
        if sep:
            found[name.lower().replace("_", "-")] = version
    return found


def changes(locked: Mapping[str, str], newest: Mapping[str, str]) -> list[Change]:
    """The packages the newest install holds at another version than the lock, by name."""
    return [
        Change(name, locked.get(name), version)
        for name, version in sorted(newest.items())
        if locked.get(name) != version
    ]


def failed_tests(junit_xml: str) -> list[str]:
    """The node ids of the failed or erroring tests in a pytest JUnit XML report."""
    failed = []
    for case in ET.fromstring(junit_xml).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "")
            parts = module.split(".")
            # pytest writes "tests.ui.test_x" for a module, "tests.ui.test_x.TestY" for a class.
            split = next(i for i in range(len(parts), 0, -1) if parts[i - 1].startswith("test"))
            path = "/".join(parts[:split]) + ".py"
            failed.append("::".join([path, *parts[split:], case.get("name", "")]))
    return failed


class Environments:
    """Throwaway virtual environments made with uv, for the lock and for newer releases."""

    def __init__(self, uv: str, python: str, scratch: Path) -> None:
        self.uv = uv
        self.python = python
        self.scratch = scratch

    def _run(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        result = subprocess.run(
            [self.uv, *args],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"uv {' '.join(args)} failed:\n{result.stderr.strip()}")
        return result.stdout

    def interpreter(self, venv: Path) -> str:
        """The Python of a virtual environment."""
        inside = "Scripts/python.exe" if sys.platform == "win32" else "bin/python"
        return str(venv / inside)

    def locked(self, name: str) -> Path:
        """An environment holding exactly the lock, with the test extra."""
        venv = self.scratch / name
        self._run(
            "sync",
            "--frozen",
            "--extra",
            "test",
            "--python",
            self.python,
            env={"UV_PROJECT_ENVIRONMENT": str(venv)},
        )
        return venv

    def newest(self) -> Path:
        """An environment with the newest releases the project's metadata allows."""
        venv = self.scratch / "newest"
        self._run("venv", "--quiet", "--python", self.python, str(venv))
        target = self.interpreter(venv)
        self._run("pip", "install", "--quiet", "--python", target, "--upgrade", "-e", ".[test]")
        return venv

    def upgrade(self, venv: Path, change: Change) -> None:
        """Move one package of an environment to its newest release."""
        requirement = f"{change.name}=={change.newest}"
        self._run("pip", "install", "--quiet", "--python", self.interpreter(venv), requirement)

    def versions(self, venv: Path) -> dict[str, str]:
        """What an environment holds."""
        return parse_freeze(self._run("pip", "freeze", "--python", self.interpreter(venv)))


def crashed_test(output: str) -> str | None:
    """The test a verbose pytest run was in when the process died, if it died in one."""
    if "Fatal Python error" not in output:
        return None
    before = output[: output.index("Fatal Python error")].splitlines()
    started = [line.split(" ", 1)[0] for line in before if "::" in line]
    return started[-1] if started else None


def failed_before(output: str) -> list[str]:
    """The tests a verbose pytest run reported as failed or erroring, in its output."""
    found = []
    for line in output.splitlines():
        node, _, rest = line.partition(" ")
        if "::" in node and rest.startswith(("FAILED", "ERROR")) and node not in found:
            found.append(node)
    return found


def run_tests(python: str, selection: Sequence[str], scratch: Path, name: str) -> list[str]:
    """Run pytest; the failed tests, or the test it crashed in (the output goes to a log)."""
    report, log = scratch / f"{name}.xml", scratch / f"{name}.log"
    command = [python, "-X", "faulthandler", "-m", "pytest", "-v", "-p", "no:randomly"]
    command += [f"--junitxml={report}", *selection]
    with log.open("w", encoding="utf-8") as out:
        run = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)
    code = run.returncode
    output = log.read_text(encoding="utf-8", errors="replace")
    if code < 0 or "Fatal Python error" in output:
        crash = f"{crashed_test(output) or 'the run'} (the process crashed, exit {code})"
        return [*failed_before(output), crash]
    failed = failed_tests(report.read_text(encoding="utf-8")) if report.exists() else []
    if code != 0 and not failed:
        return [f"the run (pytest ended with {code} and named no failed test)"]
    return failed


def blame(envs: Environments, found: list[Change], failed: list[str]) -> dict[str, list[str]]:
    """For each newer package alone on top of the lock, which of the failed tests it breaks."""
    # A crash may need the tests before it, so a crashed run is repeated whole.
    crashed = any("crashed" in f for f in failed)
    again = FAST if crashed else sorted({f.split(" ", 1)[0] for f in failed if "::" in f})
    broken: dict[str, list[str]] = {}
    for change in found:
        venv = envs.locked(f"one-{change.name}")
        try:
            envs.upgrade(venv, change)
            still = run_tests(envs.interpreter(venv), again, envs.scratch, change.name)
            if still:
                broken[str(change)] = still
        finally:
            shutil.rmtree(venv, ignore_errors=True)
    return broken


def check(envs: Environments) -> list[str]:
    """The report's lines: what is newer, and which package breaks which test."""
    locked = envs.versions(envs.locked("locked"))
    newest_env = envs.newest()
    found = changes(locked, envs.versions(newest_env))
    if not found:
        return ["newest versions: every dependency is at its locked version; nothing to try"]
    lines = ["newest versions: " + ", ".join(str(c) for c in found)]
    failed = run_tests(envs.interpreter(newest_env), FAST, envs.scratch, "newest")
    if not failed:
        return [*lines, "newest versions: the fast tests pass"]
    lines.append(f"newest versions: the fast tests fail: {len(failed)}")
    broken = blame(envs, found, failed)
    for package, tests in broken.items():
        lines += [f"BROKEN by {package}: {test}" for test in tests]
    if not broken:
        lines += [f"FAILS only with several upgrades together: {t}" for t in failed]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; the exit code is 0 unless --strict and something broke."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a test breaks")
    parser.add_argument("--python", default=sys.executable, help="the Python to test with")
    args = parser.parse_args(argv)
    try:
        from uv import find_uv_bin  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        print("newest versions: not checked; run this with a Python that has uv installed")
        return 0
    with tempfile.TemporaryDirectory(prefix="newest-versions-") as scratch:
        try:
            lines = check(Environments(str(find_uv_bin()), args.python, Path(scratch)))
        except RuntimeError as exc:
            lines = [f"newest versions: not checked: {exc}"]
    print("\n".join(lines), flush=True)
    broke = any(line.startswith(("BROKEN", "FAILS")) for line in lines)
    return 1 if broke and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
