"""Reading a file the learner named: a regular file only, and never more than a limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Opening a FIFO for reading waits for a writer; without blocking it opens at once, and the
# check below refuses it before anything is read.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class InputFileError(Exception):
    """The file cannot be read; the message is a phrase such as "it is not a regular file"."""


def read_input_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refused if it holds more than ``limit``.

    Devices, FIFOs, sockets and folders are refused without reading from them. A file that
    grows after its size is taken is read no further than one byte past the limit.
    """
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise InputFileError(_reason(exc)) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            raise InputFileError(f"it is {kind}")
        if status.st_size > limit:
            raise InputFileError(_too_large(limit))
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InputFileError(_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputFileError(_too_large(limit))
    return data


def _too_large(limit: int) -> str:
    return f"it is larger than the {limit / 2**20:g} MB limit"


def _reason(error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return "it is a folder"
    return f"it cannot be read ({error.strerror or error})"
