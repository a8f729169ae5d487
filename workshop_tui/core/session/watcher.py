"""Follow a session file that another program is saving, without ever writing to it.

The live view polls the file a few times a second. A poll costs one `stat`; the
file is read and parsed only when its signature (mtime, size, inode) changed.
Whatever goes wrong between two good saves (the file missing for a moment,
replaced mid-read, unreadable, half-written by a careless editor, not a valid
session) leaves the last good session in place and only changes the status, so
a viewer never sees a broken or partial state.

Pure: no Textual; the clock is injectable for tests.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.files import read_regular_bytes_with_stat
from workshop_tui.core.i18n import N_
from workshop_tui.core.limits import MAX_SESSION_BYTES
from workshop_tui.core.process.catalogue import Catalogue, check_session
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.storage import FileSignature, parse_session_bytes

OK = "ok"
MISSING = "missing"
UNREADABLE = "unreadable"
INVALID = "invalid"

# A file that failed to parse is tried again after this long even when its
# signature looks unchanged (a rewrite within one mtime tick keeps the same size
# only by chance, but chance happens).
RETRY_SECONDS = 1.0

SessionCheck = Callable[[Session, Path], list[Problem]]


@dataclass(frozen=True)
class WatchState:
    """The last good session and how the file looks right now."""

    session: Session | None
    status: str  # OK, MISSING, UNREADABLE or INVALID
    problem: str  # why the file could not be used; "" when status is OK
    status_since: float  # clock time the status began
    loaded_at: float | None  # clock time the shown session was read
    version: int  # counts the good sessions read; changes when `session` does


class SessionWatcher:
    """Polls one session file and keeps the last good session read from it."""

    def __init__(
        self,
        path: Path,
        check: SessionCheck | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self._check = check
        self._clock = clock
        self._signature: FileSignature | None = None
        self._last_attempt = 0.0
        self.reads = 0  # how many times the file was actually read (for tests, benchmarks)
        self.state = WatchState(None, MISSING, "", clock(), None, 0)

    def load_first(self) -> Session:
        """The first read; a WorkshopError when the file is not a usable session."""
        self._read(raise_errors=True)
        assert self.state.session is not None
        return self.state.session

    def poll(self) -> bool:
        """Look at the file once; True when the session or the status changed."""
        before = self.state
        try:
            signature = FileSignature.of(os.stat(self.path))
        except FileNotFoundError:
            self._set_status(MISSING, "")
            return self.state != before
        except OSError as error:
            self._set_status(UNREADABLE, error.strerror or str(error))
            return self.state != before
        if signature != self._signature or self._worth_retrying():
            self._read(raise_errors=False)
        return self.state != before

    def _worth_retrying(self) -> bool:
        return self.state.status != OK and self._clock() - self._last_attempt >= RETRY_SECONDS

    def _read(self, raise_errors: bool) -> None:
        self._last_attempt = self._clock()
        try:
            data, self._signature = self._read_bytes()
            session = self._parse(data)
        except OSError as error:
            missing = isinstance(error, FileNotFoundError)
            reason = "file not found" if missing else (error.strerror or str(error))
            title = N_("File not found") if missing else N_("Unreadable session file")
            if raise_errors:
                raise WorkshopError(title, [Problem(self.path, reason)]) from None
            self._set_status(MISSING if missing else UNREADABLE, "" if missing else reason)
            return
        except WorkshopError as error:
            if raise_errors:
                raise
            self._set_status(INVALID, _short(error))
            return
        now = self._clock()
        since = self.state.status_since if self.state.status == OK else now
        self.state = WatchState(session, OK, "", since, now, self.state.version + 1)

    def _read_bytes(self) -> tuple[bytes, FileSignature]:
        """Read through one file descriptor, so the signature is that of the bytes read.

        A half-written file read here is remembered by its signature: once the
        writer finishes, its size or mtime differ and the file is read again.
        """
        data, info = read_regular_bytes_with_stat(self.path, MAX_SESSION_BYTES)
        self.reads += 1
        return data, FileSignature.of(info)

    def _parse(self, data: bytes) -> Session:
        # as every command reads a session: pydantic's one pass over a good file's bytes
        # (a 9 MB session in a fraction of the time a parse of its text takes)
        session = parse_session_bytes(data, self.path)
        problems = self._check(session, self.path) if self._check else []
        if problems:
            raise WorkshopError(N_("Invalid session file"), problems)
        return session

    def _set_status(self, status: str, problem: str) -> None:
        if status == self.state.status and problem == self.state.problem:
            return
        since = self._clock() if status != self.state.status else self.state.status_since
        if status == MISSING:
            # Whatever appears next at the path is new, even with the old signature.
            self._signature = None
        self.state = replace(self.state, status=status, problem=problem, status_since=since)


def _short(error: WorkshopError) -> str:
    """The reasons without the file's path, which the view already names."""
    reasons = []
    for problem in error.problems:
        where = f"line {problem.line}: " if problem.line else ""
        field = f"{problem.field}: " if problem.field else ""
        reasons.append(f"{where}{field}{problem.message}")
    return "; ".join(reasons) or error.text()


def catalogue_check(catalogue: Catalogue) -> SessionCheck:
    """A check that refuses sessions the catalogue cannot show (unknown process, group...)."""

    def check(session: Session, path: Path) -> list[Problem]:
        process = catalogue.processes.get(session.process_id)
        if process is None:
            known = ", ".join(sorted(catalogue.processes))
            return [
                Problem(
                    path,
                    f"unknown process '{session.process_id}' (known: {known})",
                    field="process_id",
                )
            ]
        return check_session(session, process, path)

    return check
