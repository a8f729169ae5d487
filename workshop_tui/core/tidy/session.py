"""The sessions a tidy CSV gives back: the session model as a CSV carries it, and its rounds.

Both readers of a tidy CSV (line by line in `reader`, column by column in
`columns`) build these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from workshop_tui.core.errors import Problem
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.model import FirstFigure, Rounds


class TidyCsvSession(Session):
    """A session read from a tidy CSV: the same model, but its date may be unknown.

    A tidy CSV may leave workshop_date out; the session then has None rather
    than a made-up date, so no table can show one. Only the merge reads these.
    """

    workshop_date: date | None = None  # type: ignore[assignment]  # unknown in a CSV without it


@dataclass(frozen=True)
class DuplicateRow:
    """A line giving a session, group and activity that an earlier line gave already."""

    line: int
    first_line: int
    group_id: str
    activity_id: str


@dataclass(frozen=True)
class TidySession:
    """One session rebuilt from a tidy CSV's rows.

    `notices` name the optional cells that could not be read and were left at
    their default (the session still counts); `duplicate_rows` the lines that
    repeat a group and activity (the merge refuses such a session).
    """

    session: TidyCsvSession
    process: ProcessDefinition
    notices: list[Problem] = field(default_factory=list)
    duplicate_rows: list[DuplicateRow] = field(default_factory=list)

    @property
    def workshop_date(self) -> date | None:
        """None where the CSV has no workshop_date column or value."""
        return self.session.workshop_date


# A tidy CSV does not say when a round closed, only its figures: this stands in for it.
_CLOSED_UNKNOWN = datetime(1970, 1, 1, tzinfo=UTC)


def closed_rounds(
    first: dict[str, dict[str, FirstFigure]], subprocess_of: dict[str, int]
) -> Rounds:
    """The first round's figures, its subprocesses closed at an unknown time."""
    closed = {subprocess_of[a] for a in first if a in subprocess_of}
    return Rounds(first=first, closed_at=dict.fromkeys(sorted(closed), _CLOSED_UNKNOWN))
