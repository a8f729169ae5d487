"""How far one room's participants disagree: what merge's `within_room` table shows.

For each cell two or more participants estimated, the spread is the interquartile
range of their midpoints relative to the median midpoint (0.5: the middle half of
the room lies within half the room's own figure). A subprocess's (and the total's)
spread in one room is the median over its cells; over rooms, the median of the
rooms' spreads. Anonymous: no participant, municipality or session reaches a row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median, quantiles

from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.agenda import activity_subprocesses

TOTAL_LEVEL = "total"


@dataclass(frozen=True)
class WithinRoom:
    """One process, group and level: the median over rooms of the participants' spread."""

    process_id: str
    group_id: str
    level: str  # subprocess number, or "total"
    median_relative_iqr: float
    n_cells: int  # cells with two or more participants' estimates, over all rooms
    n_rooms: int  # rooms (sessions) with such a cell at this level


def cell_relative_iqr(midpoints: list[float]) -> float | None:
    """The interquartile range of the midpoints over their median; None below two or at 0."""
    if len(midpoints) < 2:
        return None
    middle = median(midpoints)
    if middle <= 0:
        return None
    first, _, third = quantiles(midpoints, n=4, method="inclusive")
    return (third - first) / middle


def room_spreads(
    process: ProcessDefinition, session: Session
) -> dict[tuple[str, str], list[float]]:
    """(group, level) -> each counted cell's relative spread, in one room."""
    midpoints: dict[tuple[str, str], list[float]] = {}
    for estimate in session.participant_estimates:
        if estimate.group_id in session.groups and session.applies(
            estimate.activity_id, estimate.group_id
        ):
            cell = (estimate.activity_id, estimate.group_id)
            midpoints.setdefault(cell, []).append((estimate.low + estimate.high) / 2)
    subprocess_of = activity_subprocesses(process, session)
    found: dict[tuple[str, str], list[float]] = {}
    for (activity_id, group), mids in midpoints.items():
        spread = cell_relative_iqr(mids)
        number = subprocess_of.get(activity_id)
        if spread is None or number is None:
            continue
        for level in (str(number), TOTAL_LEVEL):
            found.setdefault((group, level), []).append(spread)
    return found


def within_room(sessions: Iterable[tuple[ProcessDefinition, Session]]) -> list[WithinRoom]:
    """Every (process, group, level) where at least one room's participants spread."""
    per_room: dict[tuple[str, str, str], list[float]] = {}
    cells: dict[tuple[str, str, str], int] = {}
    for process, session in sessions:
        for (group, level), spreads in room_spreads(process, session).items():
            key = (process.id, group, level)
            per_room.setdefault(key, []).append(median(spreads))
            cells[key] = cells.get(key, 0) + len(spreads)
    return [
        WithinRoom(*key, float(median(values)), cells[key], len(values))
        for key, values in sorted(per_room.items(), key=lambda item: _order(item[0]))
    ]


def _order(key: tuple[str, str, str]) -> tuple[str, str, int]:
    process_id, group, level = key
    return process_id, group, int(level) if level.isdigit() else 10_000
