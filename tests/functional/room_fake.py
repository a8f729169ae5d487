"""A stand-in for the room's server: it writes the room file as the server does.

The app only reads the room file and writes the session file, so its tests need
no HTTP: `FakeRoom` takes the place of `start_room_server` (one place creates the
server) and `give` saves estimates the way the server saves them (core/room/storage.py).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from workshop_tui.core.room.model import RoomEstimate, RoomFile, RoomParticipant, room_path
from workshop_tui.core.room.storage import read_room, save_room
from workshop_tui.tui.screens.estimate import room as room_module

WHEN = datetime(2025, 3, 12, 9, 30, tzinfo=UTC)
CODE = "4821"


class FakeRoom:
    """What the app sees of a running room: its address, its code; stop() is remembered."""

    def __init__(self, session_path: Path, host: str) -> None:
        self.session_path = session_path
        self.host = host
        self.stopped = False

    @property
    def address(self) -> str:
        return "http://192.168.1.20:8765/" if self.host == "0.0.0.0" else "http://127.0.0.1:8765/"

    @property
    def code(self) -> str:
        return CODE

    def stop(self) -> None:
        self.stopped = True


def fake_rooms(monkeypatch) -> list[FakeRoom]:
    """Every room the app opens from now on is a FakeRoom; the list holds them."""
    started: list[FakeRoom] = []

    def start(session_path: Path, host: str, lang: str) -> FakeRoom:
        started.append(FakeRoom(session_path, host))
        return started[-1]

    monkeypatch.setattr(room_module, "start_room_server", start)
    return started


def give(
    session_path: Path,
    session_id: str,
    figures: dict[str, tuple[float, float]],
    activity_id: str,
    group_id: str,
    names: dict[str, str] | None = None,
) -> None:
    """Participants ('p1', ...) give a low and a high for one cell, saved as the server saves
    them: joined first where new, the latest estimate per participant and cell kept."""
    path = room_path(session_path)
    room = read_room(path) or RoomFile(session_id=session_id, code=CODE)
    participants = list(room.participants)
    known = {p.id for p in participants}
    for participant_id in figures:
        if participant_id not in known:
            number = len(participants) + 1
            participants.append(
                RoomParticipant(
                    id=participant_id,
                    number=number,
                    name=(names or {}).get(participant_id, ""),
                    token_sha256=hashlib.sha256(participant_id.encode()).hexdigest(),
                    joined_at=WHEN,
                )
            )
    estimates = [
        e
        for e in room.estimates
        if not (
            e.participant_id in figures and (e.activity_id, e.group_id) == (activity_id, group_id)
        )
    ]
    estimates += [
        RoomEstimate(
            participant_id=participant_id,
            activity_id=activity_id,
            group_id=group_id,
            low=low,
            high=high,
            submitted_at=WHEN,
        )
        for participant_id, (low, high) in figures.items()
    ]
    save_room(room.model_copy(update={"participants": participants, "estimates": estimates}), path)


def leave(session_path: Path, participant_id: str) -> None:
    """A participant who leaves: gone from the room file with every estimate they gave."""
    path = room_path(session_path)
    room = read_room(path)
    assert room is not None
    save_room(
        room.model_copy(
            update={
                "participants": [p for p in room.participants if p.id != participant_id],
                "estimates": [e for e in room.estimates if e.participant_id != participant_id],
            }
        ),
        path,
    )
