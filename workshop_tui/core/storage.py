"""Saving and loading session files, atomically, so nothing is ever half-written.

A session file is the canonical JSON export of one workshop (see
`workshop-tui schema session`). Every save writes a temporary file in the same
folder, flushes and fsyncs it, and renames it over the old file: a reader or a
crash sees the old file or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from workshop_tui.core.errors import Problem, WorkshopError, field_path
from workshop_tui.core.models import SESSION_SCHEMA_VERSION, Session, slug

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
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return _NEW_FILE_MODE


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
    return session.model_dump_json(indent=2) + "\n"


def save_session(session: Session, path: Path, touch: bool = True) -> Session:
    """Save atomically; returns the session with its new updated_at."""
    if touch:
        session = session.model_copy(
            update={"updated_at": datetime.now(UTC).replace(microsecond=0)}
        )
    atomic_write_text(path, session_json(session))
    return session


def parse_session(text: str, path: Path) -> Session:
    """A session from JSON text, or a WorkshopError naming the file and fields."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise WorkshopError(
            "Invalid session file", [Problem(path, f"not valid JSON: {error.msg}", error.lineno)]
        ) from None
    if not isinstance(data, dict):
        raise WorkshopError("Invalid session file", [Problem(path, "expected a JSON object")])
    version = data.get("schema_version")
    if version != SESSION_SCHEMA_VERSION:
        raise WorkshopError(
            "Unsupported session file",
            [
                Problem(
                    path,
                    f"schema_version {version!r} is not supported "
                    f"(this version reads {SESSION_SCHEMA_VERSION})",
                    field="schema_version",
                )
            ],
        )
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(
                path,
                item["msg"].removeprefix("Value error, "),
                field=field_path(tuple(item["loc"])),
            )
            for item in error.errors(include_url=False)
        ]
        raise WorkshopError("Invalid session file", problems) from None


def load_session(path: Path) -> Session:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorkshopError("File not found", [Problem(path, "file not found")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise WorkshopError("Unreadable session file", [Problem(path, str(error))]) from None
    return parse_session(text, path)


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
