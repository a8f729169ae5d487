"""The room file and the participants' spread: what the room server and the app share."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.room.model import RoomEstimate, RoomFile, RoomParticipant, room_path
from workshop_tui.core.room.spread import cell_spread
from workshop_tui.core.room.storage import read_room, save_room

WHEN = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


def _estimate(participant: str, low: float, high: float, group: str = "a") -> RoomEstimate:
    return RoomEstimate(
        participant_id=participant,
        activity_id="act",
        group_id=group,
        low=low,
        high=high,
        submitted_at=WHEN,
    )


def test_the_room_file_is_hidden_beside_its_session_and_never_taken_for_one(tmp_path):
    path = room_path(tmp_path / "aarhus.json")
    assert path.parent == tmp_path and path.name.startswith(".")
    assert not path.name.endswith(".json")


def test_a_saved_room_reads_back_with_its_code_participants_and_estimates(tmp_path):
    room = RoomFile(
        session_id="s1",
        code="4821",
        participants=[
            RoomParticipant(id="p1", number=1, name="", token_sha256="0" * 64, joined_at=WHEN)
        ],
        estimates=[_estimate("p1", 1, 2)],
    )
    path = tmp_path / ".a.json.room"
    assert read_room(path) is None
    save_room(room, path)
    assert read_room(path) == room


def test_a_damaged_room_file_is_named_not_started_afresh(tmp_path):
    path = tmp_path / ".a.json.room"
    path.write_text('{"schema_version": 1, "session_id": "s", "code": "12"}', encoding="utf-8")
    with pytest.raises(WorkshopError) as caught:
        read_room(path)
    assert "code" in str(caught.value.problems[0])


def test_the_spread_keeps_each_participants_range_whole_and_gives_medians():
    estimates = [_estimate("p1", 1, 4), _estimate("p2", 2, 3), _estimate("p3", 0.5, 6)]
    spread = cell_spread(estimates + [_estimate("p4", 9, 9, group="b")], "act", "a")
    assert spread is not None and spread.count == 3
    assert spread.ranges == ((0.5, 6), (1, 4), (2, 3))
    assert (spread.low_min, spread.low_median, spread.low_max) == (0.5, 1, 2)
    assert (spread.high_min, spread.high_median, spread.high_max) == (3, 4, 6)
    assert cell_spread(estimates, "act", "nobody") is None
