"""The packaged app against a minimal PySide6 calendar window bundled the same way: size, start.

Run: python -m benchmarks.bench_bundle  (needs PyInstaller: pip install -e ".[package]")
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.bench_startup import make_data

ROOT = Path(__file__).resolve().parent.parent
MINIMAL_SPEC = ROOT / "benchmarks" / "minimal_bundle" / "minimal.spec"
RUNS = 15
MIB = 2**20


def build_app(dist: Path, work: Path) -> Path:
    """The app's bundle, through packaging/build.py (which also packs the Linux tarball)."""
    command = [sys.executable, str(ROOT / "packaging" / "build.py"), "--no-self-test"]
    subprocess.run([*command, "--dist", str(dist), "--work", str(work)], check=True)
    return dist / "StudyPlanner"


def build_minimal(dist: Path, work: Path) -> Path:
    """The baseline's bundle, from its spec, which shares the app's bundle rules."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN"]
    subprocess.run(
        [*command, "--distpath", str(dist), "--workpath", str(work), str(MINIMAL_SPEC)],
        check=True,
    )
    return dist / "MinimalCalendar"


def disk_mib(folder: Path) -> float:
    """The bundle's files (links not followed), in MiB."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir()) / MIB


def tarball_mib(folder: Path, out: Path) -> float:
    """The folder as .tar.gz (level 9, as the app's tarball), in MiB."""
    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        tar.add(folder, arcname=folder.name)
    return out.stat().st_size / MIB


def start(program: Path, data_dir: Path) -> dict[str, float]:
    """Seconds from launch to each line the program prints (``first paint``, ``window open``)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "STUDYPLANNER_DATA_DIR": str(data_dir),
    }
    (data_dir / "settings.ini").unlink(missing_ok=True)  # open to the Today page every time
    began = time.perf_counter()
    child = subprocess.Popen(
        [str(program), "--exit-when-open"], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    watchdog = threading.Timer(120, child.kill)
    watchdog.start()
    times = {line.strip(): time.perf_counter() - began for line in child.stdout}
    watchdog.cancel()
    if child.wait() != 0:
        raise RuntimeError(f"{program} exited with {child.returncode}")
    return times


def main() -> None:
    """Build both bundles, then print their sizes and median start times side by side."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        tmp_path = Path(tmp)
        app = build_app(tmp_path / "app", tmp_path / "app-work")
        minimal = build_minimal(tmp_path / "minimal", tmp_path / "minimal-work")
        app_tar = next((tmp_path / "app").glob("StudyPlanner-*.tar.gz"))
        sizes = {
            "app": (disk_mib(app), app_tar.stat().st_size / MIB),
            "minimal": (disk_mib(minimal), tarball_mib(minimal, tmp_path / "minimal.tar.gz")),
        }
        data = tmp_path / "data"
        data.mkdir()
        sessions = make_data(data)
        program = {"app": app / "StudyPlanner", "minimal": minimal / "MinimalCalendar"}
        start(program["app"], data)  # warm the disk cache for both
        start(program["minimal"], data)
        runs: dict[str, list[dict[str, float]]] = {"app": [], "minimal": []}
        # Alternate the two, so that a busy spell on the machine slows both alike.
        for _ in range(args.runs):
            for kind in ("minimal", "app"):
                runs[kind].append(start(program[kind], data))
    paint = {k: statistics.median(r["first paint"] for r in v) for k, v in runs.items()}
    opened = statistics.median(r["window open"] for r in runs["app"])
    (app_disk, app_gz), (min_disk, min_gz) = sizes["app"], sizes["minimal"]
    print(
        f"median of {args.runs} warm starts each, alternating, offscreen; "
        f"the app opens a plan of {sessions} sessions"
    )
    print("| measure | Study Planner | minimal calendar bundle | ratio | target |")
    print("|---|---|---|---|---|")
    print(
        f"| bundle on disk (MiB) | {app_disk:.1f} | {min_disk:.1f} "
        f"| {app_disk / min_disk:.2f}x | 1.2x |"
    )
    print(f"| tarball (MiB) | {app_gz:.1f} | {min_gz:.1f} | {app_gz / min_gz:.2f}x | |")
    print(
        f"| start to first paint (s) | {paint['app']:.3f} | {paint['minimal']:.3f} "
        f"| {paint['app'] / paint['minimal']:.2f}x | 1.5x |"
    )
    print(
        f"| start to the Today page (s) | {opened:.3f} | {paint['minimal']:.3f} "
        f"| {opened / paint['minimal']:.2f}x | |"
    )


if __name__ == "__main__":
    main()
