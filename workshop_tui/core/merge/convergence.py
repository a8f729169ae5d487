"""Rounds and time logs in the merge: how the rooms moved between rounds, and the time they took.

Both tables are computed by the core's own functions (workshop.convergence.convergence,
time_spent.median_actual_minutes) from the workshops that kept rounds or a time log;
no municipality, session id or file name reaches either table.
"""

from __future__ import annotations

import pandas as pd

from workshop_tui.core.merge.records import SessionRecord
from workshop_tui.core.process.reference import TOTAL
from workshop_tui.core.workshop.agenda import actual_minutes
from workshop_tui.core.workshop.convergence import convergence
from workshop_tui.core.workshop.rounds import used_rounds
from workshop_tui.core.workshop.time_spent import median_actual_minutes

CONVERGENCE_COLUMNS = (
    "process_id",
    "group_id",
    "level",
    "mean_change",
    "mean_width_first",
    "mean_width_agreed",
    "n_figures",
    "n_workshops_rounds",
    "n_workshops_without",
)
ACTUAL_TIME_COLUMNS = ("process_id", "subprocess_no", "median_minutes", "n_workshops")


def convergence_table(records: list[SessionRecord]) -> pd.DataFrame:
    """Per process, group and level ('1', '2', ... or 'total'): the mean change from
    first to agreed midpoint and the mean widths before and after, over the workshops that
    closed a round; n_workshops_without counts the process's workshops that did not."""
    planned = [r.planned for r in records if r.planned is not None]
    rows = convergence(p for p in planned if used_rounds(p[1].rounds))
    without: dict[str, int] = {}
    for r in records:
        if r.planned is None or not used_rounds(r.planned[1].rounds):
            without[r.process_id] = without.get(r.process_id, 0) + 1
    frame = pd.DataFrame(
        [
            (
                row.process_id,
                row.group,
                TOTAL if row.level == "total" else row.key,
                row.mean_change,
                row.mean_width_first,
                row.mean_width_agreed,
                row.figures,
                row.workshops,
                without.get(row.process_id, 0),
            )
            for row in rows
            if row.level != "activity"  # merge's levels: each subprocess and the total
        ],
        columns=list(CONVERGENCE_COLUMNS),
    )
    return frame.astype({c: "int64" for c in CONVERGENCE_COLUMNS if c.startswith("n_")})


def actual_time_table(records: list[SessionRecord]) -> pd.DataFrame:
    """Per process and subprocess: the median minutes actually spent, over the workshops
    that recorded time there (n_workshops)."""
    logged = [(r.process_id, r.planned[1]) for r in records if r.planned is not None]
    counts: dict[tuple[str, int], int] = {}
    for process_id, session in logged:
        for number in actual_minutes(session):
            counts[(process_id, number)] = counts.get((process_id, number), 0) + 1
    rows = [
        (process_id, number, minutes, counts[(process_id, number)])
        for process_id, numbers in median_actual_minutes(logged).items()
        for number, minutes in numbers.items()
    ]
    frame = pd.DataFrame(rows, columns=list(ACTUAL_TIME_COLUMNS))
    return frame.astype({"subprocess_no": "int64", "n_workshops": "int64"})


__all__ = [
    "ACTUAL_TIME_COLUMNS",
    "CONVERGENCE_COLUMNS",
    "actual_time_table",
    "convergence_table",
]
