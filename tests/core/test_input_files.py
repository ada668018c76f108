"""Tests for reading the files the learner names."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from studyplanner.core.input_files import InputFileError, read_input_file


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "cards.txt"
    path.write_bytes(b"front\tback\n")
    assert read_input_file(path, 100) == b"front\tback\n"


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputFileError, match="larger than"):
        read_input_file(path, 100)
    path.write_bytes(b"x" * 100)
    assert len(read_input_file(path, 100)) == 100


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs or /dev/zero")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputFileError, match="not a regular file"):
        read_input_file(fifo, 100)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_unread() -> None:
    with pytest.raises(InputFileError, match="not a regular file"):
        read_input_file(Path("/dev/zero"), 100)


def test_a_folder_and_a_missing_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="folder"):
        read_input_file(tmp_path, 100)
    with pytest.raises(InputFileError, match="cannot be read"):
        read_input_file(tmp_path / "missing.txt", 100)
