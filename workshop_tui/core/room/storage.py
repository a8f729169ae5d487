"""The room file on disk: read as the session file is read, saved atomically.

Only the room server writes it (one writer per file); the facilitator's app and
`export` read it. Each estimate is saved (fsync, then rename) before the
participant is told it is in.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.files import read_regular_text
from workshop_tui.core.i18n import N_
from workshop_tui.core.json_input import load_json
from workshop_tui.core.limits import MAX_SESSION_BYTES
from workshop_tui.core.room.model import RoomFile
from workshop_tui.core.session.storage import atomic_write_text, validation_problems


def read_room(path: Path, lang: str = "en") -> RoomFile | None:
    """The room file at `path`, or None when there is none yet.

    A file that is there but cannot be read is a WorkshopError naming it and its
    fields: a room is never silently started afresh over estimates already given.
    """
    if not path.exists():
        return None
    text = read_regular_text(path, MAX_SESSION_BYTES, lang)
    load_json(text, path, N_("Invalid room file"), lang)  # duplicate keys and bounds, named
    try:
        return RoomFile.model_validate_json(text)
    except ValidationError as error:
        raise WorkshopError(N_("Invalid room file"), validation_problems(path, error)) from None


def save_room(room: RoomFile, path: Path) -> None:
    """Write the room file atomically (temp file beside it, fsync, rename)."""
    atomic_write_text(path, room.model_dump_json(indent=2) + "\n")
