"""The participants' room in files: what the room is asked, and what each participant gave.

Two files, one writer each. The session file (written by the facilitator's app) says
what the room is asked now and whether it was revealed (`RoomQuestion`), and keeps
the participants' estimates the app has taken in (`ParticipantEstimate`, schema
version 5). The room file (`room_path`, written only by the room server) holds the
room's code, who joined and every estimate given, each on disk before the
participant is told it is in; a restarted server reads it and goes on.
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from workshop_tui.core.limits import MAX_NAME
from workshop_tui.core.model_base import Hours, Identifier, StrictTypes, empty_list

ROOM_SCHEMA_VERSION: Literal[1] = 1


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


# A moment without a zone is read as UTC, the zone this program writes.
Moment = Annotated[datetime, AfterValidator(_utc)]


def room_path(session_path: Path) -> Path:
    """The room file beside a session: hidden like its lock, and not `*.json`, so a
    folder given to merge or validate never takes it for a session."""
    return session_path.with_name(f".{session_path.name}.room")


class AskedCell(StrictTypes):
    """One cell the room is asked to estimate: an activity for one target group."""

    activity_id: str = Field(min_length=1)
    group_id: Identifier


class RoomQuestion(StrictTypes):
    """What the facilitator asks the room now (in the session file)."""

    asked: list[AskedCell] = Field(
        default_factory=empty_list, description="The cells asked now; empty: nothing asked."
    )
    asked_at: Moment = Field(description="When this question was put (UTC).")
    revealed: bool = Field(
        default=False, description="Whether the room's spread is shown to the participants."
    )


class RoomParticipant(StrictTypes):
    """Someone who joined the room (in the room file)."""

    id: str = Field(min_length=1, max_length=64, description="'p1', 'p2', …: never reused.")
    number: int = Field(ge=1, description="3 in 'Deltager 3'.")
    name: str = Field(default="", max_length=MAX_NAME, description="As typed; may be empty.")
    token_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the token; the token is never stored."
    )
    joined_at: Moment


class RoomEstimate(StrictTypes):
    """A participant's latest low and high for one cell (in the room file)."""

    participant_id: str = Field(min_length=1, max_length=64)
    activity_id: str = Field(min_length=1)
    group_id: Identifier
    low: Hours
    high: Hours
    submitted_at: Moment


class ParticipantEstimate(RoomEstimate):
    """One participant's own low and high for one cell, as the session file keeps it:
    the room file's estimate with the participant's name."""

    participant: str = Field(
        min_length=1,
        max_length=MAX_NAME,
        description="The participant as the room knows them: a display name or "
        "'Deltager 3'. Exports show it; merge never does.",
    )


class RoomFile(StrictTypes):
    """The room server's own file: its code, who joined, every estimate given."""

    schema_version: Literal[1] = ROOM_SCHEMA_VERSION
    session_id: str
    code: str = Field(min_length=4, max_length=32)
    participants: list[RoomParticipant] = Field(default_factory=empty_list)
    estimates: list[RoomEstimate] = Field(
        default_factory=empty_list,
        description="The latest estimate per participant and cell; a change replaces it.",
    )
