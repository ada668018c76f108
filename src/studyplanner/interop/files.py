"""Writing export files whole or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

# Room for the temporary name's dot, random part and suffix within a 255-byte file name.
_NAME_CHARS = 200
_TRIES = 100


class ExportError(OSError):
    """An export file could not be written; the one-line message names the file and why."""


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Let ``write`` fill a temporary file, flush it to disk, then put it in ``path``'s place.

    The temporary file sits in the target's folder and is removed whatever goes wrong. It is
    made with the permissions any new file gets (or those of the file it replaces), so a
    learner who shares an export shares it as they would any other file. An OSError from the
    disk becomes an ExportError naming the file and the reason.
    """
    if path.is_dir():
        raise ExportError(f"cannot write {path.name}: {path} is a folder; choose a file name")
    try:
        temporary = _new_temporary(path)
    except OSError as exc:
        raise _export_error(path, exc) from None
    try:
        write(temporary)
        with temporary.open("rb") as done:
            os.fsync(done.fileno())
        temporary.replace(path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, ExportError):
            raise _export_error(path, exc) from None
        raise
    _sync_folder(path.parent)


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text whole or not at all, its line ends as they are on every system."""
    write_atomically(
        path, lambda temporary: temporary.write_text(text, encoding="utf-8", newline="")
    )


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write bytes whole or not at all."""
    write_atomically(path, lambda temporary: temporary.write_bytes(data))


def _new_temporary(path: Path) -> Path:
    """An empty new file beside ``path``: mode 0666 less the umask, as for any new file."""
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = None
    for _ in range(_TRIES):
        name = f".{path.name[:_NAME_CHARS]}.{os.urandom(4).hex()}.tmp"
        temporary = path.with_name(name)
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(handle)
        if mode is not None:
            temporary.chmod(mode)  # the file it replaces keeps its permissions
        return temporary
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path.parent))


def _export_error(path: Path, error: OSError) -> ExportError:
    folder = path.parent
    if error.errno == errno.ENOENT and not folder.is_dir():
        reason = f"the folder {folder} does not exist"
    elif error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = f"the disk is full ({folder}); free some space or choose another folder"
    elif error.errno == errno.EROFS:
        reason = f"the folder {folder} is read-only; choose another folder"
    elif error.errno in (errno.EACCES, errno.EPERM):
        reason = f"you may not write in the folder {folder}; choose another folder"
    elif error.errno == errno.EISDIR or path.is_dir():
        reason = f"{path} is a folder; choose a file name"
    elif error.errno == errno.ENAMETOOLONG:
        reason = "the name is too long; choose a shorter one"
    else:
        reason = f"{error.strerror or error}"
    failure = ExportError(f"cannot write {path.name}: {reason}")
    failure.errno = error.errno
    return failure


def _sync_folder(folder: Path) -> None:
    """Flush the rename itself to disk, where the system allows opening a folder."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is then as safe as it gets
    finally:
        os.close(handle)
