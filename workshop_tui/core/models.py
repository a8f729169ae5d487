"""Pydantic models: the single source of truth for process files and session files.

All hours are staff hours per citizen who receives the intervention
("timer pr. person der modtager indsatsen"), as in the national mapping.
JSON Schema for both file formats is generated from these models
(`workshop-tui schema process|session`); it is never written by hand.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Literal

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from workshop_tui.core.errors import Loc
from workshop_tui.core.limits import MAX_NAME, MAX_PARTICIPANTS

# Re-exported: the process files' other modules import these from here.
from workshop_tui.core.model_base import Hours as Hours
from workshop_tui.core.model_base import Identifier as Identifier
from workshop_tui.core.model_base import Strict as Strict
from workshop_tui.core.model_base import StrictTypes as StrictTypes
from workshop_tui.core.model_base import Text as Text
from workshop_tui.core.plan_models import Agenda, Rounds, TimeLog

# Re-exported: the session's cells and marks live in a module of their own.
from workshop_tui.core.session_entries import ActivityEntry as ActivityEntry
from workshop_tui.core.session_entries import Estimate as Estimate

# 2 adds the agenda, the time log and the rounds (all optional); 3 adds not applicable
# per target group (Estimate.not_applicable). Older files are read as they are and
# saved as the newest (storage.save_session): each version's fields are a subset.
SESSION_SCHEMA_VERSION: Literal[3] = 3
READABLE_SCHEMA_VERSIONS = (1, 2, 3)
DEFAULT_ROLE = "caseworker"  # the role of an activity that names none, and of local ones

# ---------------------------------------------------------------- process files


class TargetGroup(Strict):
    """A citizen target group the process serves."""

    id: Identifier
    name: Text
    description: Text | None = None


class Activity(Strict):
    """The unit that gets a low and a high estimate per target group."""

    id: Identifier
    name: Text
    time_consuming: bool = Field(
        default=False, description="The source marks this activity as time-consuming."
    )
    inferred: bool = Field(
        default=False,
        description="True where the activity is domain inference, not from the source.",
    )
    description: Text | None = None
    role: Identifier = Field(
        default=DEFAULT_ROLE,
        description="Who does the activity: a role id from the costing file, whose salary "
        "turns its hours into kroner (`workshop-tui cost`). The caseworker by default.",
    )


class Subprocess(Strict):
    """An ordered, numbered subprocess ("delproces")."""

    number: int = Field(ge=1, description="1, 2, 3 ... in the order the process runs.")
    id: Identifier
    name: Text
    activities: list[Activity] = Field(min_length=1)
    cost_drivers: list[Text] = Field(
        default_factory=list, description="What pushes time up or down ('omkostningsdrivere')."
    )
    inferred: bool = Field(
        default=False, description="True where the subprocess is domain inference."
    )


class HoursRange(Strict):
    """A published low-high range in hours."""

    low: Hours
    high: Hours

    @model_validator(mode="after")
    def _low_not_above_high(self) -> HoursRange:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self


class GroupReference(Strict):
    """The national reference figures for one target group."""

    group: Identifier
    subprocesses: dict[int, HoursRange] = Field(
        default_factory=dict,
        description="Published low-high per subprocess number, where the source gives one.",
    )
    total: HoursRange
    avg: Hours | None = Field(default=None, description="Published average of the total.")

    @model_validator(mode="after")
    def _avg_within_total(self) -> GroupReference:
        if self.avg is not None and not self.total.low <= self.avg <= self.total.high:
            raise ValueError(
                f"avg {self.avg} is outside the total range {self.total.low}-{self.total.high}"
            )
        return self


class Reference(Strict):
    """The published national reference ranges for the process."""

    source: str = Field(min_length=1, description="Publication the figures are taken from.")
    table: str = Field(min_length=1, description="Table or figure number in the source.")
    groups: list[GroupReference]


class Provenance(Strict):
    """What comes from the source and what is domain inference."""

    source: str = Field(min_length=1)
    note: Text = Field(description="What is taken from the source and what is inferred.")


class ProcessDefinition(Strict):
    """One key process ("nøgleproces") as a YAML file in processes/."""

    id: Identifier
    version: str = Field(min_length=1, description="Bumped whenever activities change.")
    name: Text
    description: Text
    starts: Text = Field(description="Where the process starts.")
    ends: Text = Field(description="Where the process ends.")
    unit: Text = Field(
        default=Text(
            da="timer pr. person der modtager indsatsen",
            en="staff hours per citizen who receives the intervention",
        )
    )
    groups: list[TargetGroup] = Field(min_length=1)
    subprocesses: list[Subprocess] = Field(min_length=1)
    reference: Reference
    provenance: Provenance

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> ProcessDefinition:
        # The catalogue loader defers these checks to report each with its own line.
        if not (info.context or {}).get("defer_consistency"):
            problems = [message for _, message in self.consistency_problems()]
            if problems:
                raise ValueError("; ".join(problems))
        return self

    def consistency_problems(self) -> list[tuple[Loc, str]]:
        """Cross-field mistakes as (location, message) pairs."""
        problems: list[tuple[Loc, str]] = []
        problems += _duplicates(("groups",), "group id", [g.id for g in self.groups])
        problems += _duplicates(
            ("subprocesses",), "subprocess id", [s.id for s in self.subprocesses]
        )
        for index, subprocess in enumerate(self.subprocesses):
            earlier = {a.id for s in self.subprocesses[:index] for a in s.activities}
            for a_index, activity in enumerate(subprocess.activities):
                if activity.id in earlier or activity.id in {
                    a.id for a in subprocess.activities[:a_index]
                }:
                    problems.append(
                        (
                            ("subprocesses", index, "activities", a_index, "id"),
                            f"duplicate activity id '{activity.id}'",
                        )
                    )
            if subprocess.number != index + 1:
                problems.append(
                    (
                        ("subprocesses", index, "number"),
                        "subprocesses must be numbered 1, 2, 3 ... in order; "
                        f"expected {index + 1}, got {subprocess.number}",
                    )
                )
        group_ids = set(self.group_ids)
        numbers = {s.number for s in self.subprocesses}
        problems += _duplicates(
            ("reference", "groups"), "reference group", [r.group for r in self.reference.groups]
        )
        for index, ref in enumerate(self.reference.groups):
            if ref.group not in group_ids:
                problems.append(
                    (
                        ("reference", "groups", index, "group"),
                        f"unknown group '{ref.group}' "
                        f"(the process has: {', '.join(self.group_ids)})",
                    )
                )
            for number in ref.subprocesses:
                if number not in numbers:
                    problems.append(
                        (
                            ("reference", "groups", index, "subprocesses", number),
                            f"unknown subprocess number {number}",
                        )
                    )
        return problems

    # -- lookups used everywhere
    def group(self, group_id: str) -> TargetGroup:
        return next(g for g in self.groups if g.id == group_id)

    def group_reference(self, group_id: str) -> GroupReference | None:
        return next((r for r in self.reference.groups if r.group == group_id), None)

    # Cached: a definition does not change once loaded, and the merge asks per file.
    @cached_property
    def group_ids(self) -> list[str]:
        return [g.id for g in self.groups]

    @cached_property
    def activity_ids(self) -> list[str]:
        return [a.id for s in self.subprocesses for a in s.activities]

    @cached_property
    def id_sets(self) -> tuple[frozenset[str], frozenset[str]]:
        """The group ids and the activity ids, as sets: a session is checked against both."""
        return frozenset(self.group_ids), frozenset(self.activity_ids)


def _duplicates(loc: Loc, what: str, values: list[str]) -> list[tuple[Loc, str]]:
    seen: set[str] = set()
    problems: list[tuple[Loc, str]] = []
    for index, value in enumerate(values):
        if value in seen:
            problems.append(((*loc, index), f"duplicate {what} '{value}'"))
        seen.add(value)
    return problems


# ---------------------------------------------------------------- session files


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class LocalActivity(StrictTypes):
    """An activity the room added to a subprocess."""

    id: Identifier
    subprocess: int = Field(ge=1, description="Number of the subprocess it belongs to.")
    name: str = Field(min_length=1)


class Session(StrictTypes):
    """One workshop: one municipality, one process, the room's estimates."""

    schema_version: Literal[1, 2, 3] = SESSION_SCHEMA_VERSION
    session_id: str = Field(
        default_factory=lambda: uuid.uuid4().hex,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Up to 64 letters, digits, '.', '-' and '_', starting with a letter or "
        "digit: never a path (a new session gets 32 hex digits).",
    )
    process_id: Identifier
    process_version: str
    municipality: str = Field(min_length=1, max_length=MAX_NAME)
    workshop_date: date
    facilitator: str = Field(default="", max_length=MAX_NAME)
    participants: int = Field(default=0, ge=0, le=MAX_PARTICIPANTS)
    groups: list[Identifier] = Field(min_length=1, description="Target groups covered.")
    activities: dict[str, ActivityEntry] = Field(
        default_factory=dict, description="Per activity id (defined or local)."
    )
    local_activities: list[LocalActivity] = Field(default_factory=list)
    cost_driver_notes: dict[int, str] = Field(
        default_factory=dict, description="Per subprocess number."
    )
    notes: str = ""
    agenda: Agenda | None = Field(default=None, description="The time-box plan, if any.")
    time_log: TimeLog = Field(
        default_factory=TimeLog, description="Time actually spent per subprocess."
    )
    rounds: Rounds = Field(default_factory=Rounds, description="Estimate rounds.")
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
            raise ValueError("schema_version must be a number (1, 2 or 3), not true or false")
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
