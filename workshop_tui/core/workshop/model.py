"""The session file's parts for running the half-day: the agenda, time spent, rounds.

All optional (schema version 2): a session written before has none of them and
reads as a workshop without an agenda, without recorded time and without rounds.
The agenda's day and pause (schema version 4) are optional too: an agenda written
before runs on the workshop's date and is not paused.
"""

from datetime import UTC, date, datetime, time

from pydantic import Field, field_validator

from workshop_tui.core.limits import MAX_AGENDA_MINUTES
from workshop_tui.core.model_base import Hours, StrictTypes

DEFAULT_LENGTH_MINUTES = 210  # a half-day: 3 h 30 min
DEFAULT_PAUSE_MINUTES = 15

Minutes = int


class Agenda(StrictTypes):
    """The time-box plan: a start time, a box per subprocess and one pause."""

    start: time = Field(description="Local time of day the workshop starts, e.g. 09:00.")
    boxes: dict[int, int] = Field(
        default_factory=dict,
        description="Minutes planned per subprocess number.",
    )
    pause_after: int | None = Field(
        default=None,
        ge=1,
        description="Number of the subprocess the pause follows; none: no pause.",
    )
    pause_minutes: int = Field(default=DEFAULT_PAUSE_MINUTES, ge=0, le=MAX_AGENDA_MINUTES)
    day: date | None = Field(
        default=None,
        description="The day the plan runs, where the room started it on another day than "
        "the workshop's date ('start now'); none: the workshop's date.",
    )
    paused_at: datetime | None = Field(
        default=None,
        description="When the room paused the plan (UTC); none: it runs. Resuming moves "
        "the plan on by the time paused.",
    )

    @field_validator("paused_at")
    @classmethod
    def _paused_utc_when_naive(cls, moment: datetime | None) -> datetime | None:
        if moment is not None and moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment

    @field_validator("boxes")
    @classmethod
    def _boxes_in_range(cls, boxes: dict[int, int]) -> dict[int, int]:
        for number, minutes in boxes.items():
            if not 0 <= minutes <= MAX_AGENDA_MINUTES:
                raise ValueError(
                    f"the box of subprocess {number} is {minutes} minutes; "
                    f"it must be 0-{MAX_AGENDA_MINUTES}"
                )
        return boxes

    @property
    def pause_planned(self) -> int:
        """Minutes of pause in the plan (none without a place for it)."""
        return self.pause_minutes if self.pause_after is not None else 0

    @property
    def length_minutes(self) -> int:
        """The whole workshop: every box and the pause."""
        return sum(self.boxes.values()) + self.pause_planned


class TimeLog(StrictTypes):
    """Time actually spent per subprocess, from the moments of committed changes.

    Each change adds the time since the previous change to its own subprocess
    (the talk that led to it), unless the gap is longer than a discussion (a
    pause, lunch): see core/workshop/agenda.py.
    """

    seconds: dict[int, int] = Field(
        default_factory=dict, description="Seconds spent per subprocess number."
    )
    last_change_at: datetime | None = Field(
        default=None, description="When the latest change was committed (UTC)."
    )

    @field_validator("last_change_at")
    @classmethod
    def _utc_when_naive(cls, moment: datetime | None) -> datetime | None:
        if moment is not None and moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment


class FirstFigure(StrictTypes):
    """A cell's low and high hours as they stood when its round closed."""

    low: Hours | None = None
    high: Hours | None = None


class Rounds(StrictTypes):
    """Estimate rounds: which subprocesses closed their first round, and its figures."""

    silent: bool = Field(
        default=False,
        description="Silent first round: while a subprocess's round is open, the grid "
        "hides the other cells' figures and watch/serve show only counts.",
    )
    closed_at: dict[int, datetime] = Field(
        default_factory=dict, description="When each subprocess's first round closed."
    )
    first: dict[str, dict[str, FirstFigure]] = Field(
        default_factory=dict,
        description="First-round figures per activity id, then per target group id.",
    )

    @field_validator("closed_at")
    @classmethod
    def _utc_when_naive(cls, moments: dict[int, datetime]) -> dict[int, datetime]:
        return {
            number: moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
            for number, moment in moments.items()
        }
