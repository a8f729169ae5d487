"""One writer per session file: a lock file beside it naming who has it open.

`.NAME.json.lock` holds the holder's host, process id, user and start time as
JSON. It is created with O_EXCL, which is atomic on local disks and on network
drives (NFSv3 and later, SMB), so of two windows opening one file only one
gets it. A lock whose process is gone (same host, process id no longer
running, or running but started after the lock) can be taken over; a lock held
from another host can be taken over only when the user says so, since this
host cannot see that process. Whether a holder runs is asked without touching
it: signal 0 on Unix, OpenProcess on Windows, where os.kill would end it.

Editors in one process share one lock per file (tests and the demo open a file
again); a save still checks that the file is the one it last wrote
(see editor.SessionEditor), which catches every other writer.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import getpass
import json
import os
import socket
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import register, t
from workshop_tui.core.session.storage import atomic_write_text
from workshop_tui.core.text import NAME_LIMIT, printable

register(
    {
        "lock.held": {
            "en": "{path} is open in another window: {holder}. Close it there first.",
            "da": "{path} er åben i et andet vindue: {holder}. Luk den der først.",
        },
        "lock.gone": {
            "en": "{path} was left open by a program that has stopped: {holder}. It can be "
            "taken over.",
            "da": "{path} blev efterladt åben af et program, der er stoppet: {holder}. Den "
            "kan overtages.",
        },
        "lock.holder": {
            "en": "{user} on {host}, process {pid}, since {since}",
            "da": "{user} på {host}, proces {pid}, siden {since}",
        },
        "lock.unknown_user": {"en": "someone", "da": "nogen"},
        "lock.title": {
            "en": "The session is open elsewhere",
            "da": "Sessionen er åben et andet sted",
        },
    }
)

_APP = "workshop-tui"
# One token per process: editors in this process share the lock (see the module text).
_PROCESS_TOKEN = uuid.uuid4().hex
_held_here: dict[Path, int] = {}


def lock_path(session_path: Path) -> Path:
    session_path = Path(session_path)
    return session_path.with_name(f".{session_path.name}.lock")


@dataclass(frozen=True)
class LockHolder:
    """Who holds a session's lock, as its lock file says."""

    host: str
    pid: int
    user: str
    since: str  # ISO time, UTC
    token: str
    process_start: str = ""  # the holder's start time where /proc tells; "" elsewhere

    @property
    def on_this_host(self) -> bool:
        return self.host == socket.gethostname()

    @property
    def is_this_process(self) -> bool:
        return self.token == _PROCESS_TOKEN

    @property
    def is_gone(self) -> bool:
        """True when the holder's process has certainly stopped (only knowable here)."""
        if not self.on_this_host:
            return False
        return not _running(self.pid, self.process_start)

    def describe(self, lang: str = "en") -> str:
        """'ane on pc-7, process 4242, since 2024-03-01 09:00': each part as a lock file
        may hold anything, escaped and capped (a 10 MB user name stays a name)."""
        user = printable(self.user, limit=NAME_LIMIT) or t("lock.unknown_user", lang)
        host = printable(self.host, limit=NAME_LIMIT)
        since = printable(self.since.replace("T", " ")[:16])
        return t("lock.holder", lang, user=user, host=host, pid=self.pid, since=since)


class SessionLockedError(WorkshopError):
    """Another program has the session open. `holder` says who; the app offers read-only.

    `can_take_over` is True when the holder is gone, or on another host, where
    only the user can know; `SessionEditor.open(..., take_over=True)` then takes it.
    """

    def __init__(self, path: Path, holder: LockHolder, lang: str = "en") -> None:
        self.path = Path(path)
        self.holder = holder
        self.can_take_over = holder.is_gone or not holder.on_this_host
        key = "lock.gone" if holder.is_gone else "lock.held"
        # the whole sentence, for a dialog; the CLI prints the title, then the problem
        name = printable(self.path.name, limit=NAME_LIMIT)
        self.message = t(key, lang, path=name, holder=holder.describe(lang))
        super().__init__(t("lock.title", lang), [Problem(self.path, self.message, kind="locked")])


class SessionLock:
    """The lock on one session file, held by this process while an editor has it open."""

    def __init__(self, session_path: Path) -> None:
        self.session_path = Path(session_path)
        self.path = lock_path(self.session_path)
        self.held = False

    def acquire(self, take_over: bool = False, lang: str = "en") -> None:
        """Take the lock; SessionLockedError when another live program holds it.

        With `take_over`, a lock whose holder is gone or on another host is taken;
        a holder known to be running on this host keeps it regardless.
        """
        if self.held:
            return
        if not self._create():
            holder = self._wait_for_holder()
            if holder is not None and not holder.is_this_process:
                usable = holder.is_gone or (take_over and not holder.on_this_host)
                if not usable:
                    raise SessionLockedError(self.session_path, holder, lang)
            atomic_write_text(self.path, _lock_text())
            holder = self.holder()  # two taking over at once: the last writer wins
            if holder is None or not holder.is_this_process:
                raise SessionLockedError(self.session_path, holder or _me(), lang)
        self.held = True
        key = self.path.resolve()
        _held_here[key] = _held_here.get(key, 0) + 1

    def holder(self) -> LockHolder | None:
        """Who the lock file names; None when there is none or it cannot be read."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(
                host=str(data["host"]),
                pid=int(data["pid"]),
                user=str(data.get("user", "")),
                since=str(data.get("since", "")),
                token=str(data["token"]),
                process_start=str(data.get("process_start", "")),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _wait_for_holder(self) -> LockHolder | None:
        """The holder; a lock file created this instant may not be written yet."""
        for _ in range(5):
            holder = self.holder()
            if holder is not None:
                return holder
            time.sleep(0.05)
        return None  # unreadable for a quarter second: a broken file, taken over

    def still_held(self) -> bool:
        """True while the lock file is still this process's (nobody took it over)."""
        holder = self.holder()
        return self.held and holder is not None and holder.is_this_process

    def release(self) -> None:
        """Give the lock back once the last editor in this process lets go of it."""
        if not self.held:
            return
        self.held = False
        key = self.path.resolve()
        _held_here[key] = _held_here.get(key, 1) - 1
        if _held_here[key] <= 0:
            del _held_here[key]
            _remove_if_ours(self.path)

    def _create(self) -> bool:
        """Create the lock file; False when one exists already."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        try:
            fd = os.open(self.path, flags, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(_lock_text())
            handle.flush()
            os.fsync(handle.fileno())
        return True


def _me() -> LockHolder:
    return LockHolder(**json.loads(_lock_text()))


def _lock_text() -> str:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    holder = LockHolder(
        host=socket.gethostname(),
        pid=os.getpid(),
        user=user,
        since=datetime.now(UTC).replace(microsecond=0).isoformat(),
        token=_PROCESS_TOKEN,
        process_start=_process_start(os.getpid()),
    )
    return json.dumps({"app": _APP, **asdict(holder)}, indent=2) + "\n"


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), so a reused pid shows."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[-1].split()
    # after the name: state is field 3, starttime field 22 of the whole line
    return fields[19] if len(fields) > 19 else ""


def _running(pid: int, process_start: str) -> bool:
    if _on_windows():
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, alive
    except OSError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True  # no /proc: the signal said it runs
    if state.rsplit(")", 1)[-1].split()[:1] == ["Z"]:
        return False  # a zombie: ended, only not yet reaped
    return not process_start or _process_start(pid) == process_start


def _on_windows() -> bool:
    return os.name == "nt"


# Windows's names for what _running_on_windows asks and hears.
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_ERROR_INVALID_PARAMETER = 87  # OpenProcess's answer for a pid no process has
_STILL_ACTIVE = 259


def _running_on_windows(pid: int, kernel32: Any = None) -> bool:
    """Whether process `pid` runs, asked without touching it.

    os.kill(pid, 0) would end it on Windows (any signal there is TerminateProcess),
    so the process is opened for a query and its exit code read instead. A process
    that cannot be opened for another reason than its absence (another user's:
    access denied) is alive. A reused pid reads as running, so such a lock waits
    for a take-over by hand, as a lock from another host does.
    """
    kernel32 = kernel32 if kernel32 is not None else _kernel32()
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return _last_error() != _ERROR_INVALID_PARAMETER
    try:
        exit_code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(exit_code)):
            return True  # could not ask: assume it runs, never take a live lock
        return exit_code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _kernel32() -> Any:
    if sys.platform == "win32":
        return ctypes.WinDLL("kernel32", use_last_error=True)
    raise OSError("kernel32 is only on Windows")


def _last_error() -> int:
    """The error of the last kernel32 call (saved by ctypes, since use_last_error)."""
    if sys.platform == "win32":
        return ctypes.get_last_error()
    return 0


def _remove_if_ours(path: Path) -> None:
    with contextlib.suppress(OSError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("token") == _PROCESS_TOKEN:
            path.unlink()


@atexit.register
def _release_all() -> None:
    """An app that ends without closing its editor still leaves no lock behind."""
    for key in list(_held_here):
        _remove_if_ours(key)
    _held_here.clear()
