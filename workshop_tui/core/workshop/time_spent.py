"""The time a workshop took against its plan, and over workshops: for the export's
plan-against-actual table and the merge's medians.

Apart from core/workshop/agenda.py, which the estimate screen imports on every start:
nothing here is drawn while the room works.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.agenda import actual_minutes


def median_actual_minutes(
    sessions: Iterable[tuple[str, Session]],
) -> dict[str, dict[int, float]]:
    """Per process id, the median minutes per subprocess over the workshops that recorded it.

    For planning the next workshops: a workshop without time for a subprocess
    (kept no log, or never touched it) does not pull its median to zero.
    """
    spent: dict[str, dict[int, list[float]]] = {}
    for process_id, session in sessions:
        for number, minutes in actual_minutes(session).items():
            spent.setdefault(process_id, {}).setdefault(number, []).append(minutes)
    return {
        process_id: {number: median(values) for number, values in sorted(numbers.items())}
        for process_id, numbers in sorted(spent.items())
    }


@dataclass(frozen=True)
class PlanActual:
    """One subprocess's planned box against the time actually spent, in minutes."""

    subprocess: int
    planned: int | None
    actual: float | None


def plan_against_actual(process: ProcessDefinition, session: Session) -> list[PlanActual]:
    """Every subprocess with its box (if there is an agenda) and its recorded time."""
    boxes = session.agenda.boxes if session.agenda else {}
    actual = actual_minutes(session)
    return [
        PlanActual(s.number, boxes.get(s.number), actual.get(s.number))
        for s in process.subprocesses
    ]
