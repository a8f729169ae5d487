"""The participants' rooms in the merge: how far each room's own participants spread.

Computed by core/room/within_room.py from the workshops whose session file kept
participants' estimates; a tidy CSV has none. No participant, municipality,
session id or file name reaches the table.
"""

from __future__ import annotations

import pandas as pd

from workshop_tui.core.merge.records import SessionRecord
from workshop_tui.core.process.reference import TOTAL
from workshop_tui.core.room.within_room import TOTAL_LEVEL, within_room

WITHIN_ROOM_COLUMNS = (
    "process_id",
    "group_id",
    "level",
    "median_relative_iqr",
    "n_cells",
    "n_rooms",
    "n_workshops_no_room",
)


def within_room_table(records: list[SessionRecord]) -> pd.DataFrame:
    """Per process, group and level ('1', '2', ... or 'total'): the median over rooms of
    the participants' relative interquartile range, the cells it is over and the rooms
    that had participants there; n_workshops_no_room counts the process's workshops
    without a participants' estimate."""
    rooms = [r.planned for r in records if r.planned and r.planned[1].participant_estimates]
    without: dict[str, int] = {}
    for r in records:
        if r.planned is None or not r.planned[1].participant_estimates:
            without[r.process_id] = without.get(r.process_id, 0) + 1
    frame = pd.DataFrame(
        [
            (
                row.process_id,
                row.group_id,
                TOTAL if row.level == TOTAL_LEVEL else row.level,
                row.median_relative_iqr,
                row.n_cells,
                row.n_rooms,
                without.get(row.process_id, 0),
            )
            for row in within_room(rooms)
        ],
        columns=list(WITHIN_ROOM_COLUMNS),
    )
    return frame.astype({c: "int64" for c in WITHIN_ROOM_COLUMNS if c.startswith("n_")})


__all__ = ["WITHIN_ROOM_COLUMNS", "within_room_table"]
