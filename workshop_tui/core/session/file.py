"""The session file an editor owns: its lock, and saves that never overwrite others.

Opening takes the file's lock (session_lock.py) and removes the temp files a
killed save left. Every save first checks that this editor may write: not
opened read-only, the lock still its own, and the file on disk still the one it
last read or wrote (same inode, size and mtime). If another program wrote the
file in between, nothing is written and SessionChangedError says so: its work
stays, and the editor turns read-only.
"""

from __future__ import annotations

from pathlib import Path

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import t
from workshop_tui.core.session.lock import SessionLock, SessionLockedError
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.storage import (
    FileSignature,
    load_session_with_signature,
    remove_leftover_temp_files,
    save_session,
)


class SaveError(WorkshopError):
    """The session file could not be written. `reason` is why, in the system's words."""

    reason = ""


class NotSavedError(SaveError):
    """The file could not be written (a full disk, a folder that cannot be written to),
    but the change was made: the editor keeps it in memory, unsaved, and writes it
    with the next save that works (see SessionEditor.unsaved). `change` is the one made."""

    change: object = None


class SessionChangedError(SaveError):
    """Another program wrote the file (or took its lock) since this editor saved it.

    Nothing was written: the other program's work is kept. The file is now
    read-only for this editor; the app should say so and offer to open it again.
    """


class SessionReadOnlyError(SaveError):
    """The session was opened read-only (another window holds it); nothing is saved."""


class SessionFile:
    """Where one editor saves: the path, its lock, and the file as last seen."""

    def __init__(
        self,
        path: Path,
        lang: str = "en",
        *,
        read_only: bool = False,
        lock: SessionLock | None = None,
        signature: FileSignature | None = None,
    ) -> None:
        self.path = Path(path)
        self.lang = lang
        self.read_only = read_only
        self.lock = lock
        # The file as last read or written here; a save refuses any other.
        self.signature = signature
        # Why saving stopped when another program wrote the file or took its lock.
        self.conflict = ""

    @classmethod
    def for_new(cls, path: Path, lang: str = "en") -> SessionFile:
        """A file about to be written for the first time, locked."""
        return cls(path, lang, lock=take_lock(path, take_over=False, lang=lang))

    @classmethod
    def open(
        cls, path: Path, lang: str = "en", *, read_only: bool = False, take_over: bool = False
    ) -> tuple[Session, SessionFile]:
        """The session in `path` and the file, locked unless `read_only`.

        SessionLockedError (saying who) when another window holds the lock;
        `take_over` takes a lock whose holder is gone or on another host.
        """
        path = Path(path)
        lock = None if read_only else take_lock(path, take_over, lang)
        try:
            if lock is not None:  # no save of this file can be running now
                remove_leftover_temp_files(path)
            session, signature = load_session_with_signature(path, lang)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return session, cls(path, lang, read_only=read_only, lock=lock, signature=signature)

    def close(self) -> None:
        """Let go of the lock; nothing is written."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def save(self, session: Session) -> Session:
        """Save atomically, unless another program wrote the file since; see the module."""
        self._check_may_write()
        try:
            saved = save_session(session, self.path)
        except OSError as error:
            reason = error.strerror or str(error)
            failed = SaveError(
                t(
                    "Could not save {path}: {reason}. The change was not made.",
                    self.lang,
                    path=self.path,
                    reason=reason,
                ),
                [Problem(self.path, reason)],
            )
            failed.reason = reason
            raise failed from None
        self.signature = FileSignature.of_path(self.path)
        return saved

    def _check_may_write(self) -> None:
        if self.conflict:
            raise SessionChangedError(self.conflict, [Problem(self.path, self.conflict)])
        if self.read_only:
            message = t(
                "{path} is open read-only: the change was not made.", self.lang, path=self.path.name
            )
            raise SessionReadOnlyError(message, [Problem(self.path, message, kind="read_only")])
        if self.lock is not None and not self.lock.still_held():
            holder = self.lock.holder()
            who = holder.describe(self.lang) if holder else "?"
            self._refuse(
                t(
                    "{path} was taken over by another window: {holder}. The change "
                    "was not made: this window is now read-only.",
                    self.lang,
                    path=self.path.name,
                    holder=who,
                )
            )
        now = FileSignature.of_path(self.path)
        # A file deleted meanwhile is written again: that overwrites nobody's work.
        if self.signature is not None and now is not None and now != self.signature:
            self._refuse(
                t(
                    "{path} was changed by another program since this window saved "
                    "it, so it was not overwritten. The change was not made: open "
                    "the file again to see it.",
                    self.lang,
                    path=self.path.name,
                )
            )

    def _refuse(self, message: str) -> None:
        # every later save would overwrite the other program's work: none is made
        self.read_only, self.conflict = True, message
        raise SessionChangedError(message, [Problem(self.path, message, kind="conflict")])


def take_lock(path: Path, take_over: bool, lang: str) -> SessionLock | None:
    """The session's lock, taken; None where no lock file can be made (a read-only
    folder, where no save can happen either). SessionLockedError when another has it."""
    lock = SessionLock(path)
    try:
        lock.acquire(take_over=take_over, lang=lang)
    except SessionLockedError:
        raise
    except OSError:
        return None
    return lock
