"""The participants' room as the estimate screen runs it: its server, its file followed.

One writer per file: the room server writes the room file, this window the session.
The screen polls the room file on a timer (one `stat` a poll, a read only when it
changed), never on a keystroke, and copies new estimates into the session. While the
facilitator types, the copy waits for a pause (see `RoomControl.poll`).
The server is created in one place, `start_room_server` (tests replace it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.room.follow import RoomFollower
from workshop_tui.core.room.model import room_path
from workshop_tui.core.room.session import answer_counts
from workshop_tui.core.room.spread import CellSpread, cell_spread
from workshop_tui.core.session.editor import SessionEditor

# this computer only, or every address it has: the meeting network reaches it there
HOSTS = {"local": "127.0.0.1", "network": "0.0.0.0"}
# A key this recently (seconds) means the facilitator is typing: the room's new estimates
# wait for the pause after it, at most CATCH_UP_SECONDS. Taking them in (read the room
# file, save the session, draw the counts: 5-7 ms of CPU) then never competes with a key,
# and a burst of answers is one read, one save and one draw. Nothing waits but the copy:
# each estimate is in the room file (the server saved it) before the participant is told.
TYPING_SECONDS = 0.5
CATCH_UP_SECONDS = 2.0


@dataclass(frozen=True)
class RoomState:
    """What the room's dialog shows of an open room (none while no room is open)."""

    address: str
    code: str
    asked: str  # what the room is asked now, in words ("" when nothing is)
    answered: str  # "5 of 8 answered every cell asked", or ""


class RoomServerHandle(Protocol):
    """What the app uses of the room's server (workshop_tui/web/room_server.py)."""

    @property
    def address(self) -> str: ...

    @property
    def code(self) -> str: ...

    def stop(self) -> None: ...


def start_room_server(session_path: Path, host: str, lang: str) -> RoomServerHandle:
    """Start the room's server for this session and return it once it listens: on the
    room's usual port, or any free one where another program holds it.

    A WorkshopError a user can read when it cannot start (unreadable room file, no
    such address).
    """
    # imported here: the HTTP stack loads when a room opens, never at the app's start
    from workshop_tui.web import ROOM_PORT
    from workshop_tui.web.room_server import RoomServer

    server = RoomServer(session_path, host=host, port=ROOM_PORT, lang=lang)
    try:
        server.start()  # returns once it listens
    except WorkshopError:
        server = RoomServer(session_path, host=host, port=0, lang=lang)
        server.start()
    return server


class RoomControl:
    """The open room of one estimate screen: its server, and its file followed."""

    def __init__(self, editor: SessionEditor) -> None:
        self.editor = editor
        self.server: RoomServerHandle | None = None
        self.follower: RoomFollower | None = None
        self.counts: dict[tuple[str, str], int] = {}
        self._counted: object = None  # the estimates `counts` were made from
        self._waiting_since: float | None = None  # when a change to the room file was seen
        self.count_answers()

    @property
    def is_open(self) -> bool:
        return self.server is not None

    def open(self, where: str) -> None:
        """Start the server ('local' or 'network'); WorkshopError when it cannot."""
        path = self.editor.path
        self.server = start_room_server(path, HOSTS[where], self.editor.lang)
        self.follower = RoomFollower(room_path(path), self.editor.lang)

    def close(self) -> bool:
        """Stop the server, then take in what the room file gained since the last poll
        (an estimate may wait for a pause in the typing); True when that changed the session.

        The room is closed even when that save fails: SaveError and NotSavedError reach
        the caller, as a poll's do, and the room file keeps every estimate.
        """
        server, self.server = self.server, None
        if server is not None:
            server.stop()
        try:
            return self.take_in()
        finally:
            self.follower, self._waiting_since = None, None

    def poll(self, last_key: float, now: float) -> bool:
        """Copy what the room file gained into the session (saved); True when it did
        (`count_answers` then says which activities' counts changed).

        `last_key` and `now` are monotonic seconds: a change seen while the facilitator
        types waits until TYPING_SECONDS after the last key, or CATCH_UP_SECONDS at most.
        SaveError and NotSavedError reach the caller, as any change's do.
        """
        follower = self.follower
        if follower is None or not follower.changed():
            self._waiting_since = None
            return False
        if self._waiting_since is None:
            self._waiting_since = now
        typing = now - last_key < TYPING_SECONDS
        if typing and now - self._waiting_since < CATCH_UP_SECONDS:
            return False
        self._waiting_since = None
        return self.take_in()

    def take_in(self) -> bool:
        """Copy what the room file gained into the session now; True when it did."""
        room = self.follower.poll() if self.follower is not None else None
        return room is not None and self.editor.take_room_estimates(room)

    def count_answers(self) -> set[str]:
        """The answers per cell, counted again only when the session's estimates changed;
        the activities whose counts changed."""
        estimates = self.editor.session.participant_estimates
        if estimates is self._counted:
            return set()
        self._counted = estimates
        before, self.counts = self.counts, answer_counts(estimates)
        return {cell[0] for cell in before.keys() ^ self.counts.keys()} | {
            cell[0]
            for cell in self.counts.keys() & before.keys()
            if self.counts[cell] != before[cell]
        }

    def spread(self, activity_id: str, group_id: str) -> CellSpread | None:
        return cell_spread(self.editor.session.participant_estimates, activity_id, group_id)

    def state(self, lang: str) -> RoomState | None:
        """What the room dialog shows; None while no room is open."""
        if self.server is None:
            return None
        return RoomState(
            self.server.address, self.server.code, self.asked_text(lang), self.answered(lang)
        )

    def asked_text(self, lang: str) -> str:
        question = self.editor.session.room
        if question is None or not question.asked:
            return ""
        names = {line.id: line.label(lang) for line in self.editor.lines()}
        activities = list(dict.fromkeys(cell.activity_id for cell in question.asked))
        shown = ", ".join(names.get(a, a) for a in activities[:3])
        more = len(activities) - 3
        if more > 0:
            shown += " " + nt("and {n} more", "and {n} more", more, lang, n=more)
        revealed = t("revealed", lang) if question.revealed else t("not revealed", lang)
        return t("Asked: {what} ({revealed})", lang, what=shown, revealed=revealed)

    def answered(self, lang: str) -> str:
        """'5 of 8 answered every cell asked', counting the participants who gave any."""
        question = self.editor.session.room
        if question is None or not question.asked:
            return ""
        asked = {(cell.activity_id, cell.group_id) for cell in question.asked}
        given: dict[str, int] = {}
        for estimate in self.editor.session.participant_estimates:
            if (estimate.activity_id, estimate.group_id) in asked:
                given[estimate.participant_id] = given.get(estimate.participant_id, 0) + 1
        everyone = {e.participant_id for e in self.editor.session.participant_estimates}
        room = self.follower.room if self.follower is not None else None
        if room is not None:  # who joined, whether they gave anything yet or not
            everyone |= {participant.id for participant in room.participants}
        done = sum(1 for count in given.values() if count == len(asked))
        return t(
            "{done} of {joined} answered every cell asked", lang, done=done, joined=len(everyone)
        )
