"""What the merge keeps of each workshop: a SessionRecord, from the totals engine.

No pandas here, and numpy only where records are stacked for the tables: a record is
flat arrays of floats and the engine's activity lines, cheap enough to hold 10,000 of
them. `validate` imports this module (through the screening's rules) on every start,
and needs numpy only once a session is read.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.staff import roles_summary
from workshop_tui.core.tidy.table import VALUE_FIELDS
from workshop_tui.core.totals import ActivityLine, GroupTotals, completeness, session_totals
from workshop_tui.core.workshop.rounds import used_rounds

if TYPE_CHECKING:  # pragma: no cover - typing only
    import numpy as np

TOTAL_LEVEL = 0  # how records number the total level; subprocesses are 1, 2, ...


LEVEL_FIELDS = ("low", "high", "filled", "expected")


def level_code(level_no: int) -> str:
    """'1', '2', ... or 'total', as levels are written in every table and file."""
    return TOTAL if level_no == TOTAL_LEVEL else str(level_no)


@dataclass(slots=True)  # no __dict__ per record: 10,000 of them add up
class SessionRecord:
    """What the merge keeps of one workshop: its figures, not the Session object.

    10,000 Session objects would cost hundreds of MB; these hold what the tables
    need. `lines` are the activities in process order as the totals engine
    gives them (the same for every group), `activity_notes` the rooms' notes on
    them by activity id; `level_nos` the levels of every group (its
    subprocess numbers, then TOTAL_LEVEL). `values` and `levels` are flat arrays
    of floats running group by group in the session's group order: `values`
    holds VALUE_FIELDS for each group x line (NaN where nothing was entered),
    `levels` LEVEL_FIELDS for each group x level. Flat arrays cost little memory
    and numpy reads them without a Python loop.
    """

    session_id: str
    municipality: str
    workshop_date: date | str | None  # "YYYY-MM" once anonymised
    process_id: str
    process_version: str
    groups: tuple[str, ...]
    participants: int | None
    completeness: float
    source: str
    kind: str  # "json" or "csv"
    updated_at: datetime | None
    notes: str
    level_nos: tuple[int, ...]
    levels: array[float]
    lines: list[ActivityLine]
    activity_notes: dict[str, str]
    values: array[float]
    local_activities: list[tuple[str, int, str]]  # id, subprocess number, name
    cost_driver_notes: dict[int, str]
    # kept only for a workshop that closed a round, logged time or had a participants'
    # room (few): the rounds' convergence, the median time per subprocess and the
    # spread within rooms are computed from it (core/workshop/rounds.py,
    # core/workshop/agenda.py, core/room/within_room.py) rather than copied here
    planned: tuple[ProcessDefinition, Session] | None = None
    roles: str = ""  # the participants' count per role, where they are listed


def session_record(
    session: Session,
    process: ProcessDefinition,
    source: str,
    kind: str,
    lang: str = "en",
    workshop_date: date | None = None,
) -> SessionRecord:
    """Everything the tables need from one session, computed by the totals engine.

    `workshop_date` is used for a tidy CSV (None where it has none); a JSON
    session's own date otherwise.
    """
    totals = session_totals(process, session)
    levels: list[float] = []
    flat: list[float] = []
    for group_total in totals.values():
        levels += _level_figures(group_total)
        flat += group_total.cells  # VALUE_FIELDS per activity: the engine's CELL_FIELDS
    first = next(iter(totals.values()))  # the same activities and levels in every group
    is_json = kind == "json"
    return SessionRecord(
        session_id=session.session_id,
        municipality=session.municipality,
        workshop_date=session.workshop_date if is_json else workshop_date,
        process_id=session.process_id,
        process_version=session.process_version,
        groups=tuple(session.groups),
        participants=session.participants if is_json else None,
        completeness=completeness(totals),
        source=source,
        kind=kind,
        updated_at=session.updated_at if is_json else None,
        notes=session.notes,
        level_nos=(*(sub.number for sub in first.subprocesses), TOTAL_LEVEL),
        levels=_doubles(levels),
        lines=first.lines,
        activity_notes={id_: entry.note for id_, entry in session.activities.items() if entry.note},
        values=_doubles(flat),
        local_activities=[(a.id, a.subprocess, a.name) for a in session.local_activities],
        cost_driver_notes={n: text for n, text in session.cost_driver_notes.items() if text},
        planned=(process, session) if _ran_plan(session) else None,
        roles=roles_summary(session.staff),
    )


def _doubles(figures: list[float]) -> array[float]:
    """`figures` as an array of doubles, the same bytes as array("d", figures).

    struct packs them in one C call, where array("d", ...) parses each item as an
    argument: 200 floats (a record holds about 290) in 3.0 µs instead of 5.1 µs.
    """
    return array("d", struct.pack(f"{len(figures)}d", *figures))


def _ran_plan(session: Session) -> bool:
    return (
        used_rounds(session.rounds)
        or bool(session.time_log.seconds)
        or bool(session.participant_estimates)
    )


def _level_figures(group_total: GroupTotals) -> list[float]:
    """LEVEL_FIELDS for each subprocess of one group, then for its total."""
    figures: list[float] = []
    for sub in group_total.subprocesses:
        figures += (sub.span.low, sub.span.high, sub.filled, sub.expected)
    total = group_total.total
    figures += (total.low, total.high, group_total.filled, group_total.expected)
    return figures


def stacked(records: list[SessionRecord], attribute: str, fields: tuple[str, ...]) -> np.ndarray:
    """Every record's `values` or `levels` array as one (rows x fields) array."""
    import numpy as np  # here, not above: see the module's docstring

    joined = b"".join(getattr(r, attribute) for r in records)  # one copy of all the bytes
    return np.frombuffer(joined, dtype=np.float64).reshape(-1, len(fields))


__all__ = [
    "LEVEL_FIELDS",
    "TOTAL_LEVEL",
    "VALUE_FIELDS",
    "SessionRecord",
    "level_code",
    "session_record",
    "stacked",
]
