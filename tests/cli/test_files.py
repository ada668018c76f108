"""Files the command line writes and reads: whole or not at all, and one line naming the file."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from studyplanner.cli.main import main
from tests.cli.test_input_errors import outcome
from tests.roadmaps import CATALOGUE, DATA_ENGINEER

PLAN = ("plan", DATA_ENGINEER, "--start", "2026-03-02", "--weekly", "mon=60,tue=60")
OLD = b"the calendar as it was"


def one_line(err: str) -> str:
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    return err.removesuffix("\n")


def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on every file write puts a few bytes down, then fails as on a full disk."""

    def write(self: Path, data: bytes | str, *args: object, **kwargs: object) -> int:
        put(self, b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as write() raises: no file name

    monkeypatch.setattr(Path, "write_bytes", write)
    monkeypatch.setattr(Path, "write_text", write)


def put(path: Path, data: bytes) -> None:
    """Write a file without Path's writers, which the full-disk tests replace."""
    with open(path, "wb") as stream:  # noqa: PTH123 (Path's writers are what the tests replace)
        stream.write(data)


@pytest.mark.parametrize(
    ("argv", "prefix"),
    [
        ((*PLAN, "--ics"), "studyplanner-cli plan: "),
        (("export", "--ics"), "studyplanner-cli export: "),
        (("export", "--csv"), "studyplanner-cli export: "),
        (("cards", "export", DATA_ENGINEER, "--csv"), "studyplanner-cli cards: "),
    ],
)
def test_a_full_disk_is_one_line_naming_the_file_and_keeps_the_old_one(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: tuple[str, ...],
    prefix: str,
) -> None:
    data = tmp_path / "data"
    if argv[0] == "export":
        assert main([*PLAN, "--save", "--data-dir", str(data)], CATALOGUE) == 0
        capsys.readouterr()
    target = tmp_path / "out" / "my plan.file"
    target.parent.mkdir()
    put(target, OLD)
    fill_the_disk(monkeypatch)
    data_dir = () if argv[0] == "cards" else ("--data-dir", str(data))
    code, err = outcome(capsys, *argv, str(target), *data_dir)
    assert code == 1
    line = one_line(err)
    assert line.startswith(f"{prefix}cannot write ")
    assert "my plan.file" in line
    assert "disk is full" in line
    assert target.read_bytes() == OLD  # written whole or not at all
    assert [p.name for p in target.parent.iterdir()] == ["my plan.file"]  # no temporary left


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system, filled up; skipped where mounting is not allowed."""
    folder = tmp_path / "small"
    folder.mkdir()
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs Linux")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("this user may not mount a file system")
    try:
        (folder / "calendar.ics").write_bytes(OLD)
        filler = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(filler, b"x" * 4096):
                pass
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(filler)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_really_full_disk_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], small_disk: Path
) -> None:
    target = small_disk / "calendar.ics"
    code, err = outcome(capsys, *PLAN, "--ics", str(target))
    assert code == 1
    line = one_line(err)
    assert line.startswith("studyplanner-cli plan: cannot write ")
    assert "calendar.ics" in line and "disk is full" in line
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in small_disk.iterdir()) == ["calendar.ics", "filler"]


def test_plan_ics_replaces_the_file_atomically(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "plan.ics"
    put(target, OLD)
    inode = target.stat().st_ino
    assert outcome(capsys, *PLAN, "--ics", str(target)) == (0, "")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert target.stat().st_ino != inode  # a new file renamed into place, not rewritten
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder, "is a folder: name a file inside it"),
        (lambda folder: folder / "missing" / "plan.ics", "does not exist: create it"),
        (lambda folder: Path(os.devnull), "is a device or socket: name a regular file"),
    ],
)
def test_plan_ics_refuses_a_target_it_cannot_write(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    make: Callable[[Path], Path],
    message: str,
) -> None:
    target = make(tmp_path)
    code, err = outcome(capsys, *PLAN, "--ics", str(target))
    assert code == 2
    line = one_line(err)
    assert line.startswith("studyplanner-cli plan: argument --ics: ")
    assert message in line


def run_with_deadline(argv: list[str], fifo: Path) -> int | str | None:
    """Run the command line in a thread; if it blocks on the FIFO, unblock it and fail."""
    result: list[int | str | None] = []

    def target() -> None:
        try:
            result.append(main(argv, CATALOGUE))
        except SystemExit as stop:
            result.append(stop.code)

    worker = threading.Thread(target=target)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():
        with fifo.open("w"):  # lets a reader that waits for a writer go on
            pass
        worker.join()
        pytest.fail(f"{argv[0]} blocked on a FIFO")
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "FIFO"], "studyplanner-cli validate: argument file: "),
        (
            ["cards", "import", "FIFO", "--deck", "X"],
            "studyplanner-cli cards import: argument file: ",
        ),
        (
            ["plan", "FIFO", "--start", "2026-03-02", "--weekly", "mon=60"],
            "fifo.yaml: cannot read ",
        ),
    ],
)
def test_a_fifo_as_input_is_refused_without_blocking(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    command = [str(fifo) if arg == "FIFO" else arg for arg in argv]
    if argv[0] != "validate":
        command += ["--data-dir", str(tmp_path / "data")]
    assert run_with_deadline(command, fifo) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith(message)
    assert "not a regular file" in line or "is a FIFO" in line
