"""Saving and loading session files, atomically, so nothing is ever half-written.

A session file is the canonical JSON export of one workshop (see
`workshop-tui schema session`). Every save writes a temporary file in the same
folder, flushes and fsyncs it, and renames it over the old file: a reader or a
crash sees the old file or the new one, never a mix.
"""

from __future__ import annotations

import glob
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jiter
from pydantic import ValidationError

from workshop_tui.core.errors import Problem, WorkshopError, field_path
from workshop_tui.core.files import decode_text, read_regular_file_with_stat
from workshop_tui.core.i18n import N_
from workshop_tui.core.json_input import bounds_problem, load_json
from workshop_tui.core.limits import MAX_NUMBER_CHARS, MAX_SESSION_BYTES
from workshop_tui.core.session.model import (
    READABLE_SCHEMA_VERSIONS,
    SESSION_SCHEMA_VERSION,
    Session,
    slug,
)

DEFAULT_EXPORT_DIR = Path("exports")


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any threads.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_read_umask()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` is always either old or new, whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        _give_plain_mode(fd, temp_name, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


TEMP_SUFFIX = ".tmp"


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_leftover_temp_files(path: Path) -> list[Path]:
    """Delete the temp files a save of `path` left when it was killed; returns them.

    Only this file's own temp files ('.NAME.*.tmp'), so call it while holding the
    session's lock: then no save of it can be running.
    """
    path = Path(path)
    removed = []
    for leftover in path.parent.glob(f"{glob.escape(_temp_prefix(path))}*{TEMP_SUFFIX}"):
        try:
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue  # not ours to fight over; the next open tries again
    return removed


def _give_plain_mode(fd: int, temp_name: str, mode: int) -> None:
    """mkstemp makes the file private (0600); give it the mode a plain write would.

    Windows has no os.fchmod before Python 3.13; there os.chmod by name sets only the
    read-only flag, which a writable mode leaves off, as a plain write would.
    """
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(temp_name, mode)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return _NEW_FILE_MODE


def write_file(path: Path, data: bytes) -> None:
    """atomic_write_bytes, with a folder that cannot be written to told as a user error."""
    try:
        atomic_write_bytes(Path(path), data)
    except OSError as error:
        raise WorkshopError(
            N_("Cannot write the file"), [Problem(Path(path), error.strerror or str(error))]
        ) from None


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def session_json(session: Session) -> str:
    """The session file's text, always in today's format (an older file's fields are a
    subset of it, so it says the version it is written in, not the one it was read in)."""
    if session.schema_version != SESSION_SCHEMA_VERSION:
        session = session.model_copy(update={"schema_version": SESSION_SCHEMA_VERSION})
    return session.model_dump_json(indent=2) + "\n"


def save_session(session: Session, path: Path, touch: bool = True) -> Session:
    """Save atomically; returns the session with its new updated_at."""
    # A file read in an older format is written in today's (its fields are a subset).
    update: dict[str, object] = {"schema_version": SESSION_SCHEMA_VERSION}
    if touch:
        update["updated_at"] = datetime.now(UTC).replace(microsecond=0)
    session = session.model_copy(update=update)
    atomic_write_text(path, session_json(session))
    return session


def parse_session(text: str, path: Path, lang: str = "en") -> Session:
    """A session from JSON text, or a WorkshopError naming the file and fields.

    Strict: a number must be a JSON number (not `true`, not "0.5"), a date a
    date string, and no key may appear twice. Timestamps without a time zone
    are read as UTC (the models say so), as files written before did.
    """
    data = load_json(text, path, N_("Invalid session file"), lang)
    if not isinstance(data, dict):
        raise WorkshopError(N_("Invalid session file"), [Problem(path, "expected a JSON object")])
    version = data.get("schema_version")
    # type(), not ==: True == 1 in Python, and `"schema_version": true` is no version
    if type(version) is not int or version not in READABLE_SCHEMA_VERSIONS:
        raise WorkshopError(
            N_("Unsupported session file"),
            [
                Problem(
                    path,
                    f"schema_version {version!r} is not supported "
                    f"(this version reads {_versions_read()})",
                    field="schema_version",
                )
            ],
        )
    try:
        return Session.model_validate_json(text)
    except ValidationError as error:
        raise WorkshopError(N_("Invalid session file"), validation_problems(path, error)) from None


def _versions_read() -> str:
    """'1, 2, 3 and 4': the schema versions this program reads."""
    *older, newest = map(str, READABLE_SCHEMA_VERSIONS)
    return f"{', '.join(older)} and {newest}" if older else newest


def parse_session_bytes(data: bytes, path: Path, lang: str = "en") -> Session:
    """`parse_session` of a file's bytes: the same sessions accepted, the same problems named.

    A good file, the common case, takes a fast path: pydantic validates it in one
    pass of its own JSON parser, and a count rules out a key given twice (see
    `_no_key_twice`); where the count cannot, jiter (pydantic's parser,
    standalone) parses the file again to look. Both are bounded: a session that
    validates is nested no deeper than its model (it has no free-form field), and
    a number longer than MAX_NUMBER_CHARS holds a run of digits that a byte scan
    finds first (`_may_hold_long_number`), and then the bounded scan of the text
    that `parse_session` makes looks closer. Anything else - a bad file, or a
    number too long - goes to `parse_session`, which bounds the text before
    parsing it and names the problem.
    """
    # one copy of the bytes, digits as 0 and without white space, serves both scans
    squeezed = data.translate(_DIGITS_AS_ZERO, _WHITE_SPACE)
    if _may_hold_long_number(squeezed):  # bounded first: too long a number is slow to parse
        text = decode_text(data, path, lang)
        if bounds_problem(text, lang):
            return parse_session(text, path, lang)
    try:
        session = Session.model_validate_json(data)
        if not _no_key_twice(squeezed, session):
            jiter.from_json(data, catch_duplicate_keys=True, cache_mode="keys")
    except ValueError:  # ValidationError too: every doubt is settled by the slow path
        return parse_session(decode_text(data, path, lang), path, lang)
    return session


# A JSON number is at most three runs of digits and four other characters
# ('-', '.', 'e', '+'), so one longer than MAX_NUMBER_CHARS has a run of this many.
_LONG_RUN = b"0" * ((MAX_NUMBER_CHARS + 1 - 4 + 2) // 3)
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_WHITE_SPACE = b" \t\r\n"  # all JSON allows between tokens
# Once white space is gone, a number's run of digits (its digits, fraction or exponent)
# follows the start of the file or one of these.
_BEFORE_DIGITS = frozenset(b"-+.:,[eE")


def _may_hold_long_number(squeezed: bytes) -> bool:
    """Whether `squeezed` may hold a number longer than MAX_NUMBER_CHARS.

    A long run of digits after any other character is in a text (2 % of session
    ids hold one): it needs no bounded scan of the whole text, which costs three
    times the fast path's whole parse.
    """
    at = squeezed.find(_LONG_RUN)
    while at != -1:
        if at == 0 or squeezed[at - 1] in _BEFORE_DIGITS:
            return True
        at = squeezed.find(_LONG_RUN, at + len(_LONG_RUN))  # past this run's start
    return False


def _no_key_twice(squeezed: bytes, session: Session) -> bool:
    """Whether a file that validated as `session` surely has no key twice in one object.

    Every key in the file is a string followed by ':' - once white space is
    gone, by '":' - so the file has at most as many keys as `squeezed` has '":'
    (a '\\":' inside a text counts too). The model holds at most one of each
    distinct key: its fields given, the entries of its dicts (two keys that
    read as one, "1" and "01" for an int, count once). Equal counts leave no
    room for a key given twice; any doubt (a text with '":' in it, a key
    pydantic merged) falls back to parsing the file again.
    """
    return squeezed.count(b'":') == _keys_held(session)


def _keys_held(session: Session) -> int:
    """The keys `session` holds, in every object of the file it was read from.

    Counts only what came from the file (the fields set, not defaults) and
    never more than the file's distinct keys: a key missed here only sends the
    file to the slower check. `__pydantic_fields_set__` is what the
    `model_fields_set` property returns, read without a call: 50 models a file.
    """
    count = len(session.__pydantic_fields_set__) + len(session.activities)
    count += len(session.cost_driver_notes)
    for entry in session.activities.values():
        count += len(entry.__pydantic_fields_set__) + len(entry.estimates)
        for estimate in entry.estimates.values():
            count += len(estimate.__pydantic_fields_set__)
    for local in session.local_activities:
        count += len(local.__pydantic_fields_set__)
    if session.agenda is not None:
        count += len(session.agenda.__pydantic_fields_set__) + len(session.agenda.boxes)
    time_log, rounds = session.time_log, session.rounds
    count += len(time_log.__pydantic_fields_set__) + len(time_log.seconds)
    count += len(rounds.__pydantic_fields_set__) + len(rounds.closed_at) + len(rounds.first)
    for figures in rounds.first.values():
        count += len(figures)
        for figure in figures.values():
            count += len(figure.__pydantic_fields_set__)
    return count


_SESSION_ID_RULE = (
    "session_id must be 1-64 letters, digits, '.', '-' or '_', starting with a letter or digit"
)


def validation_problems(path: Path, error: ValidationError) -> list[Problem]:
    """Pydantic's findings as problems naming the field."""
    problems = []
    for item in error.errors(include_url=False):
        message = item["msg"].removeprefix("Value error, ")
        if tuple(item["loc"]) == ("session_id",) and item["type"] == "string_pattern_mismatch":
            message = _SESSION_ID_RULE
        problems.append(Problem(path, message, field=field_path(tuple(item["loc"]))))
    return problems


def load_session(path: Path, lang: str = "en") -> Session:
    """The session in a file; a WorkshopError naming the file if it is not one."""
    return load_session_with_signature(path, lang)[0]


def load_session_with_signature(path: Path, lang: str = "en") -> tuple[Session, FileSignature]:
    """The session in a file, and the signature of the very bytes it was read from."""
    path = Path(path)
    data, info = read_regular_file_with_stat(path, MAX_SESSION_BYTES, lang)
    return parse_session_bytes(data, path, lang), FileSignature.of(info)


@dataclass(frozen=True)
class FileSignature:
    """What changes whenever a file is saved: os.replace gives it a new inode."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, result: os.stat_result) -> FileSignature:
        return cls(result.st_mtime_ns, result.st_size, result.st_ino)

    @classmethod
    def of_path(cls, path: Path) -> FileSignature | None:
        """The file's signature now; None when there is no file (or it cannot be seen)."""
        try:
            return cls.of(os.stat(path))
        except OSError:
            return None


def session_filename(session: Session) -> str:
    """'2024-03-01_aarhus_jobsamtaler_1a2b3c4d.json': sortable, readable, unique."""
    place = slug(session.municipality) or "workshop"
    day, short_id = session.workshop_date.isoformat(), session.session_id[:8]
    return f"{day}_{place}_{session.process_id}_{short_id}.json"


def list_sessions(folder: Path) -> list[tuple[Path, Session]]:
    """The readable session files in a folder, newest change first; others are skipped."""
    found: list[tuple[Path, Session]] = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            found.append((path, load_session(path)))
        except WorkshopError:
            continue
    return sorted(found, key=lambda item: item[1].updated_at, reverse=True)
