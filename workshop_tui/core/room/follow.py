"""Follow the room file the room server writes, as the live views follow the session file.

A poll costs one `stat`; the file is read only when its signature changed. A file
that cannot be read (half-seen, damaged) keeps the last good room and says why,
so the facilitator's app never loses what it showed. Pure: no Textual.
"""

from __future__ import annotations

from pathlib import Path

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.room.model import RoomFile
from workshop_tui.core.room.storage import read_room
from workshop_tui.core.session.storage import FileSignature


class RoomFollower:
    """Polls one room file and keeps the last good room read from it."""

    def __init__(self, path: Path, lang: str = "en") -> None:
        self.path = path
        self.lang = lang
        self.room: RoomFile | None = None
        self.problem = ""  # why the file could not be read at the last try; "" when it could
        self._signature: FileSignature | None = None

    def changed(self) -> bool:
        """Whether the file looks different from the last good read (one `stat`, no read)."""
        signature = FileSignature.of_path(self.path)
        return signature is not None and signature != self._signature

    def poll(self) -> RoomFile | None:
        """The room when the file changed into a readable one since the last poll, else None."""
        signature = FileSignature.of_path(self.path)
        if signature is None or signature == self._signature:
            return None
        try:
            room = read_room(self.path, self.lang)
        except WorkshopError as error:
            self.problem = error.text()
            return None  # the signature is not kept: the next poll reads it again
        self._signature, self.problem = signature, ""
        if room is None or room == self.room:
            return None
        self.room = room
        return room
