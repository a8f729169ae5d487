"""One writer per session file: a lock file beside it naming who has it open.

`.NAME.json.lock` holds the holder's host, process id, user and start time as
JSON. It is created with O_EXCL, which is atomic on local disks and on network
drives (NFSv3 and later, SMB), so of two windows opening one file only one
gets it. A lock whose process is gone (same host, process id no longer
running, or running but started after the lock) can be taken over; a lock held
from another host can be taken over only when the user says so, since this
host cannot see that process. Whether a holder runs is asked without touching
it: signal 0 on Unix, OpenProcess on Windows, where os.kill would end it. A lock
that cannot be read, or is no regular file (a folder, say), means "locked, ask the
user", never "free"; and a lock that cannot be written whole (a full disk) is not
left behind.

Taking a lock over is atomic too: of several programs that find the same stale
lock at once, exactly one gets it. Each re-reads the lock inside a take-over
guard (a kernel lock on the folder, released even when its holder is killed;
where there is none, an O_EXCL breaker file) and replaces it only if it is
still the very file judged stale.

Editors in one process share one lock per file (tests and the demo open a file
again); a save still checks that the file is the one it last wrote
(see editor.SessionEditor), which catches every other writer.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import getpass
import json
import os
import socket
import stat
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.session.storage import atomic_write_text
from workshop_tui.core.text import NAME_LIMIT, printable

try:
    import fcntl
except ImportError:  # Windows: the take-over guard is a breaker file (see _take_over_guard)
    fcntl = None  # type: ignore[assignment]


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
        user = printable(self.user, limit=NAME_LIMIT) or t("someone", lang)
        host = printable(self.host, limit=NAME_LIMIT)
        since = printable(self.since.replace("T", " ")[:16])
        return t(
            "{user} on {host}, process {pid}, since {since}",
            lang,
            user=user,
            host=host,
            pid=self.pid,
            since=since,
        )


class SessionLockedError(WorkshopError):
    """Another program has the session open, or may have. `holder` says who (None when the
    lock file cannot be read, is no file, or could not be written); the app offers
    read-only.

    `can_take_over` is True when the holder is gone, on another host, or unknown
    because its lock file cannot be read: only the user can know then;
    `SessionEditor.open(..., take_over=True)` takes it.
    """

    def __init__(
        self, path: Path, holder: LockHolder | None, lang: str = "en", *, why: str = ""
    ) -> None:
        self.path = Path(path)
        self.holder = holder
        lock = lock_path(self.path).name
        if holder is not None:
            self.can_take_over = holder.is_gone or not holder.on_this_host
            key = (
                N_(
                    "{path} was left open by a program that has stopped: {holder}. "
                    "It can be taken over."
                )
                if holder.is_gone
                else N_("{path} is open in another window: {holder}. Close it there first.")
            )
            # the whole sentence, for a dialog; the CLI prints the title, then the problem
            name = printable(self.path.name, limit=NAME_LIMIT)
            self.message = t(key, lang, path=name, holder=holder.describe(lang))
        elif why:  # the lock could not be made: a full disk
            self.can_take_over = False
            self.message = t(
                "{path} could not be locked for this window: {reason}. It can be opened read-only.",
                lang,
                path=self.path.name,
                reason=why,
            )
        else:
            self.can_take_over = _is_regular(lock_path(self.path))
            key = (
                N_(
                    "{path} is locked, but its lock file {lock} cannot be read. "
                    "Another window may have it open: take over only if none has."
                )
                if self.can_take_over
                else N_(
                    "{path} is locked: {lock} is not a lock file but a folder or "
                    "other entry. Remove it if no window has the session open."
                )
            )
            self.message = t(key, lang, path=self.path.name, lock=lock)
        super().__init__(
            t("The session is open elsewhere", lang),
            [Problem(self.path, self.message, kind="locked")],
        )


class SessionLock:
    """The lock on one session file, held by this process while an editor has it open."""

    def __init__(self, session_path: Path) -> None:
        self.session_path = Path(session_path)
        self.path = lock_path(self.session_path)
        self.held = False

    def acquire(self, take_over: bool = False, lang: str = "en") -> None:
        """Take the lock; SessionLockedError when another live program holds it, or may.

        With `take_over`, a lock whose holder is on another host, or unknown (a lock
        file that cannot be read), is taken; a gone holder's always is; a holder known
        to be running on this host keeps it regardless.
        """
        if self.held:
            return
        deadline = time.monotonic() + _TAKE_OVER_SECONDS
        while not self._create(lang):
            seen = self._judge(take_over, lang)  # raises unless this process may take it
            if seen is None:
                continue  # removed meanwhile: create it afresh
            if seen.holder is not None and seen.holder.is_this_process:
                break  # editors in this process share it
            if self._take_over(seen, lang):
                break
            if time.monotonic() > deadline:  # lost to another window each time: say who
                raise SessionLockedError(self.session_path, self.holder(), lang)
            time.sleep(0.01)  # another window is taking it over now; then judge again
        self.held = True
        key = self.path.resolve()
        _held_here[key] = _held_here.get(key, 0) + 1

    def _judge(self, take_over: bool, lang: str) -> _Seen | None:
        """The lock file as found, if this process may take it; None if it is gone.

        SessionLockedError when it may not: a live holder, a holder on another host
        or a lock that cannot be read (without `take_over`), or no regular file.
        """
        seen = _Seen.read(self.path)
        for _ in range(5):  # a lock file created this instant may not be written yet
            if seen is None or not seen.regular or seen.holder is not None:
                break
            time.sleep(0.05)
            seen = _Seen.read(self.path)
        if seen is None:
            return None
        holder = seen.holder
        if not seen.regular or (holder is None and not take_over):
            raise SessionLockedError(self.session_path, None, lang)
        if holder is None or holder.is_this_process or holder.is_gone:
            return seen
        if take_over and not holder.on_this_host:
            return seen
        raise SessionLockedError(self.session_path, holder, lang)

    def _take_over(self, seen: _Seen, lang: str) -> bool:
        """Replace the lock judged stale with this process's; False if another got it first.

        Inside the guard at most one program re-reads and replaces at a time, so only
        the first finds the lock still as judged; the others find its new lock.
        """
        with _take_over_guard(self.path) as guarded:
            if not guarded or _Seen.read(self.path) != seen:
                return False
            try:
                atomic_write_text(self.path, _lock_text())
            except OSError as error:
                why = error.strerror or str(error)
                raise SessionLockedError(self.session_path, None, lang, why=why) from None
        return True

    def holder(self) -> LockHolder | None:
        """Who the lock file names; None when there is none or it cannot be read."""
        seen = _Seen.read(self.path)
        return seen.holder if seen is not None else None

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

    def _create(self, lang: str) -> bool:
        """Create the lock file, written whole; False when one exists already.

        A lock that cannot be written whole (a full disk) is removed again and
        SessionLockedError says why: an empty lock file would lock out every other
        window without saying who. OSError where no file can be made here at all
        (a folder that cannot be written to, where no save can happen either).
        """
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        try:
            fd = os.open(self.path, flags, 0o644)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno in _FOLDER_NOT_WRITABLE:
                raise
            why = error.strerror or str(error)  # a full disk, no inodes left
            raise SessionLockedError(self.session_path, None, lang, why=why) from None
        try:
            _write_whole(fd, _lock_text().encode("utf-8"))
        except OSError as error:
            self.path.unlink(missing_ok=True)  # ours: made by O_EXCL just now
            why = error.strerror or str(error)
            raise SessionLockedError(self.session_path, None, lang, why=why) from None
        finally:
            os.close(fd)
        return True


_FOLDER_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}
_TAKE_OVER_SECONDS = 5.0  # how long a window keeps trying while others take a lock over
# A take-over takes milliseconds: a breaker file this old was left by one that was killed.
_BREAKER_STALE_SECONDS = 10.0


@dataclass(frozen=True)
class _Seen:
    """A lock file as read once: what makes it this very file, and who it names."""

    regular: bool
    inode: int
    mtime_ns: int
    data: bytes
    holder: LockHolder | None

    @classmethod
    def read(cls, path: Path) -> _Seen | None:
        """The lock file now; None when there is none."""
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return None
        except OSError:  # cannot even be looked at: locked, never free
            return cls(False, 0, 0, b"", None)
        if not stat.S_ISREG(info.st_mode):
            return cls(False, info.st_ino, info.st_mtime_ns, b"", None)
        data = _read_lock_bytes(path)
        return cls(True, info.st_ino, info.st_mtime_ns, data, _parse_holder(data))


_MAX_LOCK_BYTES = 64 * 1024  # a lock file is a few hundred bytes; more is no lock


def _read_lock_bytes(path: Path) -> bytes:
    """The lock file's bytes; b"" (no holder) when it cannot be read or is far too long.

    Never follows a link nor waits on a pipe put there in the meantime, and never
    reads more than a lock can hold.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        data = os.read(fd, _MAX_LOCK_BYTES + 1)
    except OSError:
        return b""
    finally:
        os.close(fd)
    return data if len(data) <= _MAX_LOCK_BYTES else b""


def _parse_holder(data: bytes) -> LockHolder | None:
    try:
        fields = json.loads(data.decode("utf-8"))
        return LockHolder(
            host=str(fields["host"]),
            pid=int(fields["pid"]),
            user=str(fields.get("user", "")),
            since=str(fields.get("since", "")),
            token=str(fields["token"]),
            process_start=str(fields.get("process_start", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _write_whole(fd: int, data: bytes) -> None:
    """Write all of `data` to `fd` and make it durable; OSError if the disk will not."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


@contextlib.contextmanager
def _take_over_guard(lock: Path) -> Iterator[bool]:
    """Let one program at a time take `lock` over; yields False when another is at it.

    A kernel lock (flock) on the folder, which the kernel lets go even when its
    holder is killed; where the folder cannot be locked so (no fcntl, some network
    drives), an O_EXCL breaker file beside the lock, left alone unless it is older
    than any take-over takes.
    """
    if fcntl is not None:
        try:
            fd = os.open(lock.parent, os.O_RDONLY)
        except OSError:
            fd = -1
        if fd >= 0:
            try:
                got = _flock(fd)
                if got is not None:
                    yield got
                    return
            finally:
                os.close(fd)  # lets go of the flock too
    with _breaker(lock) as got:
        yield got


def _flock(fd: int) -> bool | None:
    """An exclusive flock on `fd` within a second: True, False if busy, None if unsupported."""
    assert fcntl is not None
    for _ in range(100):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            time.sleep(0.01)
        except OSError:
            return None
    return False


@contextlib.contextmanager
def _breaker(lock: Path) -> Iterator[bool]:
    """True while this program holds the breaker file it created (O_EXCL), then gone."""
    breaker = lock.with_name(lock.name + ".breaker")
    try:
        fd = os.open(breaker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        with contextlib.suppress(OSError):  # left by a take-over that was killed
            if time.time() - os.lstat(breaker).st_mtime > _BREAKER_STALE_SECONDS:
                breaker.unlink()
        yield False
        return
    except OSError:
        yield False
        return
    os.close(fd)
    try:
        yield True
    finally:
        breaker.unlink(missing_ok=True)


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
    import ctypes  # here, not at the top: its import costs `open FILE` 20 ms on every system

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
        import ctypes

        return ctypes.WinDLL("kernel32", use_last_error=True)
    raise OSError("kernel32 is only on Windows")


def _last_error() -> int:
    """The error of the last kernel32 call (saved by ctypes, since use_last_error)."""
    if sys.platform == "win32":
        import ctypes

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
