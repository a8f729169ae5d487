"""The per-workshop table: each workshop's own figures beside the reference and its peers.

What a municipality looks at first: for each workshop, group and level its low,
high and midpoint; the national reference range; the median midpoint of the
workshops counted there (its peers, itself included) and where it sits against
both. `counted` says whether the workshop counts at that level (see screening);
`status` whether it estimated it (counting.py): a level not estimated has no
hours (not 0) and an incomplete total is a sum with a part missing, so neither
is set against the reference or the peers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workshop_tui.core.merge.arrays import Flat
from workshop_tui.core.merge.counting import ESTIMATED, NOT_ESTIMATED
from workshop_tui.core.merge.records import SessionRecord, level_code

WORKSHOP_COLUMNS = (
    "session_id",
    "municipality",
    "workshop_date",
    "process_id",
    "group_id",
    "level",
    "low",
    "high",
    "mid",
    "counted",
    "status",
    "ref_low",
    "ref_high",
    "vs_reference",
    "peer_median",
    "vs_peers",
)


def workshop_table(
    flat: Flat, records: list[SessionRecord], used: np.ndarray, levels: pd.DataFrame
) -> pd.DataFrame:
    """One row per workshop x group x level, in the records' canonical order."""
    if not len(flat.level_no):
        return pd.DataFrame(columns=list(WORKSHOP_COLUMNS))
    cells = flat.level_cell
    record_of_row = np.asarray(flat.cell_record, dtype=np.int64)[cells]

    def per_record(name: str) -> np.ndarray:
        values = np.empty(len(records), dtype=object)
        values[:] = [getattr(r, name) for r in records]
        return values[record_of_row]

    groups = np.empty(len(flat.cell_group), dtype=object)
    groups[:] = flat.cell_group
    level_names = np.array(
        [level_code(n) for n in range(int(flat.level_no.max()) + 1)], dtype=object
    )
    frame = pd.DataFrame(
        {
            "session_id": per_record("session_id"),
            "municipality": per_record("municipality"),
            "workshop_date": per_record("workshop_date"),
            "process_id": per_record("process_id"),
            "group_id": groups[cells],
            "level": level_names[flat.level_no],
            "low": flat.level_low,
            "high": flat.level_high,
            "mid": flat.level_mid,
            "counted": used,
            "status": flat.level_status,
        }
    )
    not_estimated = flat.level_status == NOT_ESTIMATED
    frame.loc[not_estimated, ["low", "high", "mid"]] = np.nan
    peers = levels[["process_id", "group_id", "level", "ref_low", "ref_high", "median"]]
    frame = frame.merge(peers, on=["process_id", "group_id", "level"], how="left", sort=False)
    frame = frame.rename(columns={"median": "peer_median"})
    frame["vs_reference"] = _where(frame["mid"], frame["ref_low"], frame["ref_high"])
    frame["vs_peers"] = _where(frame["mid"], frame["peer_median"], frame["peer_median"])
    partial = flat.level_status != ESTIMATED
    frame.loc[partial, ["vs_reference", "vs_peers"]] = None
    return frame[list(WORKSHOP_COLUMNS)]


def _where(value: pd.Series, low: pd.Series, high: pd.Series) -> np.ndarray:
    """'below', 'within' or 'above' (None where there is nothing to compare with)."""
    v, lo, hi = value.to_numpy(float), low.to_numpy(float), high.to_numpy(float)
    out = np.full(len(v), "within", dtype=object)
    out[v < lo - 1e-9] = "below"
    out[v > hi + 1e-9] = "above"
    out[np.isnan(lo) | np.isnan(hi)] = None
    return out


__all__ = ["WORKSHOP_COLUMNS", "workshop_table"]
