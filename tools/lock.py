"""Refresh the lock file (uv.lock) and the pinned uv that installs it, or check both are current."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "uv.lock"
BOOTSTRAP = ROOT / "requirements-uv.txt"
HEADER = """\
# The uv that installs the project from uv.lock, pinned with the lock's own hashes.
# Written by tools/lock.py from uv.lock: do not edit by hand.
"""


def bootstrap_requirements(lock_text: str) -> str:
    """requirements-uv.txt for a lock: uv at its locked version, with every file's hash."""
    packages = tomllib.loads(lock_text)["package"]
    uv = next(p for p in packages if p["name"] == "uv")
    files = [uv["sdist"], *uv["wheels"]] if "sdist" in uv else uv["wheels"]
    hashes = sorted(f["hash"] for f in files)
    lines = [f"uv=={uv['version']}", *(f"    --hash={h}" for h in hashes)]
    return HEADER + " \\\n".join(lines) + "\n"


def uv_command() -> str:
    """The uv executable of the uv package installed beside this Python."""
    try:
        from uv import find_uv_bin  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        sys.exit(
            "error: uv is not installed for this Python; run this script with the Python of "
            "the environment made from requirements-uv.txt (see docs/dependencies.md)"
        )
    return str(find_uv_bin())


def main(argv: Sequence[str] | None = None) -> int:
    """Refresh (default) or check the lock; extra arguments go to ``uv lock``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if uv.lock or requirements-uv.txt is out of date",
    )
    parser.add_argument(
        "--upgrade-package",
        metavar="NAME",
        action="append",
        default=[],
        help="move only this package (and what it needs) to its newest allowed version",
    )
    args = parser.parse_args(argv)
    uv = uv_command()
    if args.check:
        if subprocess.run([uv, "lock", "--check"], cwd=ROOT, check=False).returncode != 0:
            print("error: uv.lock does not match pyproject.toml; run: python tools/lock.py")
            return 1
        if BOOTSTRAP.read_text(encoding="utf-8") != bootstrap_requirements(LOCK.read_text()):
            print("error: requirements-uv.txt does not match uv.lock; run: python tools/lock.py")
            return 1
        print("uv.lock and requirements-uv.txt are up to date")
        return 0
    upgrade = [f"--upgrade-package={name}" for name in args.upgrade_package] or ["--upgrade"]
    if subprocess.run([uv, "lock", *upgrade], cwd=ROOT, check=False).returncode != 0:
        return 1
    BOOTSTRAP.write_text(bootstrap_requirements(LOCK.read_text(encoding="utf-8")), "utf-8")
    print(f"wrote {LOCK.name} and {BOOTSTRAP.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
