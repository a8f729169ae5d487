"""Session files: the pydantic model of one workshop and the room's estimates.

JSON Schema for the format is generated from these models (`workshop-tui schema session`);
it is never written by hand.
"""

import re
import uuid
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import Field, field_validator

from workshop_tui.core.limits import MAX_NAME, MAX_PARTICIPANTS
from workshop_tui.core.model_base import Identifier, StrictTypes, UserText, empty_list
from workshop_tui.core.room.model import ParticipantEstimate, RoomQuestion
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.workshop.model import Agenda, Rounds, TimeLog

# 2 adds the agenda, the time log and the rounds (all optional); 3 adds not applicable
# per target group (Estimate.not_applicable); 4 adds the agenda's day and pause
# (Agenda.day, Agenda.paused_at: the room started or paused the plan); 5 adds who took
# part (staff: role and target groups), what the participants' room is asked (room) and
# the participants' own estimates (participant_estimates). Older files are
# read as they are and saved as the newest (storage.save_session): each version's
# fields are a subset.
SESSION_SCHEMA_VERSION: Literal[5] = 5
READABLE_SCHEMA_VERSIONS = (1, 2, 3, 4, 5)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class LocalActivity(StrictTypes):
    """An activity the room added to a subprocess."""

    id: Identifier
    subprocess: int = Field(ge=1, description="Number of the subprocess it belongs to.")
    name: UserText = Field(min_length=1)


class StaffMember(StrictTypes):
    """One participant as the source describes them: a role and the groups they work with.

    No name is needed; initials are optional (the room may want to tell two apart).
    """

    role: str = Field(min_length=1, max_length=MAX_NAME, description="E.g. 'sagsbehandler'.")
    groups: list[Identifier] = Field(
        default_factory=empty_list, description="Target groups this person works with."
    )
    initials: str = Field(default="", max_length=8)


class Session(StrictTypes):
    """One workshop: one municipality, one process, the room's estimates."""

    schema_version: Literal[1, 2, 3, 4, 5] = SESSION_SCHEMA_VERSION
    session_id: str = Field(
        default_factory=lambda: uuid.uuid4().hex,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Up to 64 letters, digits, '.', '-' and '_', starting with a letter or "
        "digit: never a path (a new session gets 32 hex digits).",
    )
    process_id: Identifier
    process_version: str
    municipality: UserText = Field(min_length=1, max_length=MAX_NAME)
    workshop_date: date
    facilitator: UserText = Field(default="", max_length=MAX_NAME)
    participants: int = Field(
        default=0,
        ge=0,
        le=MAX_PARTICIPANTS,
        description="How many took part; with `staff` given, the number of staff listed.",
    )
    staff: list[StaffMember] = Field(
        default_factory=empty_list,
        max_length=MAX_PARTICIPANTS,
        description="Who took part: each participant's role and target groups.",
    )
    groups: list[Identifier] = Field(min_length=1, description="Target groups covered.")
    activities: dict[str, ActivityEntry] = Field(
        default_factory=dict, description="Per activity id (defined or local)."
    )
    local_activities: list[LocalActivity] = Field(default_factory=empty_list)
    cost_driver_notes: dict[int, UserText] = Field(
        default_factory=dict, description="Per subprocess number."
    )
    notes: UserText = ""
    agenda: Agenda | None = Field(default=None, description="The time-box plan, if any.")
    time_log: TimeLog = Field(
        default_factory=TimeLog, description="Time actually spent per subprocess."
    )
    rounds: Rounds = Field(default_factory=Rounds, description="Estimate rounds.")
    room: RoomQuestion | None = Field(
        default=None, description="What the participants' room is asked now, if it is open."
    )
    participant_estimates: list[ParticipantEstimate] = Field(
        default_factory=empty_list,
        description="Each participant's own estimates, as given from their devices.",
    )
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)

    @field_validator("groups")
    @classmethod
    def _unique_groups(cls, groups: list[str]) -> list[str]:
        if len(set(groups)) != len(groups):
            raise ValueError("a target group is listed twice")
        return groups

    @field_validator("schema_version", mode="before")
    @classmethod
    def _not_a_boolean(cls, version: object) -> object:
        # Literal[1] takes `true`, since True == 1 in Python; a version is a number
        if isinstance(version, bool):
            raise ValueError("schema_version must be a number (1, 2, 3, 4 or 5), not true or false")
        return version

    @field_validator("created_at", "updated_at")
    @classmethod
    def _utc_when_naive(cls, moment: datetime) -> datetime:
        # A time without a zone is read as UTC, the zone this program writes, so
        # every timestamp compares with every other (merge sorts by them).
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment

    def entry(self, activity_id: str) -> ActivityEntry:
        return self.activities.get(activity_id) or ActivityEntry()

    def estimate(self, activity_id: str, group_id: str) -> Estimate:
        return self.entry(activity_id).estimates.get(group_id) or Estimate()

    def applies(self, activity_id: str, group_id: str) -> bool:
        """Whether the cell counts: neither the activity nor its group is marked n/a."""
        entry = self.activities.get(activity_id)
        return entry is None or entry.applies_to(group_id)


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})


def slug(text: str) -> str:
    """'Aarhus Øst' -> 'aarhus_oest': for ids and file names."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower().translate(_ASCII)).strip("_")[:40]


def local_activity_id(name: str, taken: set[str]) -> str:
    """A stable id for a room-added activity, unique within the session."""
    base = "local_" + (slug(name) or "activity")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate
