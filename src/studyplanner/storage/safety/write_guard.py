"""No writes into a damaged database: checked once, remembered per file, stopped on damage."""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from studyplanner.storage.errors import DamagedDatabaseError
from studyplanner.storage.safety.faults import is_damage
from studyplanner.storage.safety.integrity import Checkup, Health, check_file

MEMO_NAME = ".last-check.json"


@dataclass(frozen=True)
class Signature:
    """What changes whenever anything writes the database: its file's and its log's stamps.

    The change time is among them because no program can set it back, as ``touch -r`` or a
    ``cp -p`` of a damaged copy sets the modification time.
    """

    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    log_size: int
    log_mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Signature | None:
        """The database's signature now, or None if it cannot be read."""
        try:
            main = path.stat()
        except OSError:
            return None
        try:
            log = Path(f"{path}-wal").stat()
            log_size, log_mtime = log.st_size, log.st_mtime_ns
        except OSError:
            log_size = log_mtime = 0
        if log_size == 0:
            log_mtime = 0  # an empty log holds nothing: a reader may make or remove one
        return cls(
            main.st_ino, main.st_size, main.st_mtime_ns, main.st_ctime_ns, log_size, log_mtime
        )


def remember(checkup: Checkup) -> None:
    """Keep a healthy verdict with the file's signature beside the database; forget others.

    Only health is worth remembering: a damaged file is found damaged again by the next
    check, and a circumstance (a full disk) says nothing about the file itself.
    """
    target = checkup.path.with_name(MEMO_NAME)
    signature = Signature.of(checkup.path)
    if checkup.health is not Health.HEALTHY or signature is None:
        if checkup.health is not Health.UNAVAILABLE:
            with suppress(OSError):
                target.unlink(missing_ok=True)
        return
    memo = {"health": checkup.health.value, "detail": checkup.detail, **asdict(signature)}
    temporary = target.with_name(f"{MEMO_NAME}.{os.getpid()}")
    try:
        temporary.write_text(json.dumps(memo), encoding="utf-8")
        temporary.replace(target)  # only a cache: a lost one means one more check
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)


def remembered(path: Path) -> Checkup | None:
    """The last check's verdict, if the file has not changed since it was made."""
    try:
        memo = json.loads(path.with_name(MEMO_NAME).read_text(encoding="utf-8"))
        stamps = {field: int(memo[field]) for field in Signature.__dataclass_fields__}
        health = Health(memo["health"])
        detail = str(memo.get("detail", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if Signature(**stamps) != Signature.of(path):
        return None
    return Checkup(path, health, detail)


def checked(path: Path) -> Checkup:
    """The database's health: remembered if nothing has changed it since, else checked now."""
    found = remembered(path)
    if found is None:
        found = check_file(path)
        remember(found)
    return found


class WriteGuard:
    """Stands before every write of one open store: a damaged file is never written to.

    The first write checks the file (or trusts a check remembered for it unchanged); a
    write that meets damage stops every later one and leaves the verdict for the next start.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._verified = False
        self._damage: str | None = None

    def before_write(self) -> None:
        """Raise DamagedDatabaseError if the database is known, or now found, to be damaged."""
        if self._damage is None and not self._verified:
            checkup = checked(self.path)
            if checkup.health.damaged:
                self._damage = str(checkup)
            self._verified = checkup.health in (Health.HEALTHY, Health.MISSING)
        if self._damage is not None:
            raise DamagedDatabaseError(
                f"Nothing was saved: {self._damage}. Open Study Planner to restore a backup, "
                "or run: studyplanner-cli check"
            )

    def after_failure(self, error: BaseException) -> None:
        """Note damage that a write met, so no more writes follow it."""
        if is_damage(error):
            self._damage = f"{self.path} is damaged ({error})"
            remember(Checkup(self.path, Health.DAMAGED))

    def close(self) -> None:
        """Remember the file as healthy with its final signature, when nothing went wrong."""
        if self._verified and self._damage is None and self.path.exists():
            remember(Checkup(self.path, Health.HEALTHY))
