"""Export files: whole or not at all, one-line errors naming the file, nothing left behind."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from studyplanner.interop import files
from studyplanner.interop.files import (
    ExportError,
    write_atomically,
    write_bytes_atomically,
    write_text_atomically,
)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        write_text_atomically(tmp_path / "nowhere" / "plan.ics", "x")
    assert (
        str(caught.value)
        == f"cannot write plan.ics: the folder {tmp_path / 'nowhere'} does not exist"
    )


def test_a_folder_in_the_way_is_named_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "plan.csv"
    folder.mkdir()
    (folder / "kept").write_text("mine")
    with pytest.raises(ExportError) as caught:
        write_bytes_atomically(folder, b"x")
    assert str(caught.value) == f"cannot write plan.csv: {folder} is a folder; choose a file name"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]
    assert (folder / "kept").read_text() == "mine"


def test_a_failing_writer_leaves_no_temporary_file_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    target.write_text("old")

    def fail(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(ExportError, match=r"^cannot write plan.ics: Input/output error$"):
        write_atomically(target, fail)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]
    assert target.read_text() == "old"


def test_an_error_that_is_not_the_disks_passes_unchanged(tmp_path: Path) -> None:
    def broken(temporary: Path) -> None:
        raise KeyError("a bug")

    with pytest.raises(KeyError):
        write_atomically(tmp_path / "plan.ics", broken)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_export_gets_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomically(tmp_path / "plan.csv", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plan.csv").stat().st_mode) == 0o644


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_replaced_export_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_text_atomically(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_long_file_name_still_gets_a_temporary_file_beside_it(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250 + ".ics")
    write_text_atomically(target, "x")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


# A real small disk: full, then read-only


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of 1 MB at ``tmp_path / "disk"``; skipped where this process cannot mount one."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root")
    root = tmp_path / "disk"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(root)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip("this process cannot mount a tmpfs")
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root)], check=True)


def test_a_full_disk_is_named_and_leaves_no_temporary_file(small_disk: Path) -> None:
    target = small_disk / "plan.ics"
    target.write_text("old")
    with pytest.raises(ExportError) as caught:
        write_bytes_atomically(target, b"x" * 2 * 2**20)
    assert str(caught.value) == (
        f"cannot write plan.ics: the disk is full ({small_disk}); "
        "free some space or choose another folder"
    )
    assert [p.name for p in small_disk.iterdir()] == ["plan.ics"]
    assert target.read_text() == "old"


def test_a_read_only_folder_is_named(small_disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(ExportError) as caught:
            write_bytes_atomically(small_disk / "deck.apkg", b"x")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert str(caught.value) == (
        f"cannot write deck.apkg: the folder {small_disk} is read-only; choose another folder"
    )
    assert list(small_disk.iterdir()) == []


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root may write in any folder"
)
def test_a_folder_without_write_permission_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError) as caught:
            write_text_atomically(folder / "plan.csv", "x")
    finally:
        folder.chmod(0o700)
    assert str(caught.value) == (
        f"cannot write plan.csv: you may not write in the folder {folder}; choose another folder"
    )


def test_reasons_for_other_errors_stay_one_line(tmp_path: Path) -> None:
    error = files._export_error(
        tmp_path / "a.ics", OSError(errno.ENAMETOOLONG, "File name too long")
    )
    assert str(error) == "cannot write a.ics: the name is too long; choose a shorter one"
    assert error.errno == errno.ENAMETOOLONG


def test_text_is_written_as_utf8_with_its_line_ends_unchanged(tmp_path: Path) -> None:
    write_text_atomically(tmp_path / "cards.txt", "caf\u00e9\nline\r\nend")
    assert (tmp_path / "cards.txt").read_bytes() == "caf\u00e9\nline\r\nend".encode()
