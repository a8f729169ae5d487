"""What carries the hours and the spread: cost drivers, local activities and the rooms' notes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from workshop_tui.core.merge.arrays import Flat, Order
from workshop_tui.core.merge.records import TOTAL_LEVEL, SessionRecord
from workshop_tui.core.municipalities import sort_key, sorted_names
from workshop_tui.core.process.catalogue import Catalogue


def _ranked(rows: list[dict[str, Any]], order: Order, id_key: str) -> list[dict[str, Any]]:
    """Rank parts within each process and group; ties break the same way every run."""

    def rounded(value: float) -> float:
        return -np.inf if np.isnan(value) else round(float(value), 9)

    rows.sort(
        key=lambda row: (
            *order.key(row["process_id"], row["group_id"]),
            -rounded(row["spread_share"]),
            -rounded(row["share_of_mean"]),
            row["subprocess_no"],
            str(row[id_key]),
        )
    )
    rank, previous = 0, None
    for row in rows:
        pair = (row["process_id"], row["group_id"])
        rank = rank + 1 if pair == previous else 1
        row["rank"], previous = rank, pair
    return rows


def subprocess_drivers(flat: Flat, catalogue: Catalogue, order: Order, lang: str) -> pd.DataFrame:
    columns = [
        "process_id",
        "group_id",
        "subprocess_no",
        "subprocess_name",
        "mean_mid",
        "share_of_mean",
        "spread_share",
        "rank",
    ]
    parts = flat.level_no != TOTAL_LEVEL
    cells = flat.level_cell[parts]
    mids = ((flat.level_low + flat.level_high) / 2)[parts]
    keys, inverse = np.unique(
        flat.cell_pair[cells] * 1000 + flat.level_no[parts], return_inverse=True
    )
    value_sum = np.bincount(inverse, mids * flat.cell_weight[cells], len(keys))
    weighted = np.bincount(inverse, mids * flat.total_centred[cells], len(keys))
    pair = keys // 1000
    mean, share, spread = flat.shares(pair, value_sum, weighted)
    names = {(p.id, s.number): s.name.in_lang(lang) for p in catalogue for s in p.subprocesses}
    rows = []
    for i, key in enumerate(keys):
        if not flat.n_workshops[pair[i]]:  # every workshop of the pair was left out
            continue
        process_id, group_id = flat.pairs[pair[i]]
        number = int(key % 1000)
        rows.append(
            {
                "process_id": process_id,
                "group_id": group_id,
                "subprocess_no": number,
                "subprocess_name": names.get((process_id, number), ""),
                "mean_mid": mean[i],
                "share_of_mean": share[i],
                "spread_share": spread[i],
            }
        )
    return pd.DataFrame(_ranked(rows, order, "subprocess_no"), columns=columns)


def activity_drivers(flat: Flat, order: Order, lang: str) -> pd.DataFrame:
    columns = [
        "process_id",
        "group_id",
        "subprocess_no",
        "activity_id",
        "activity_name",
        "local",
        "n_workshops",
        "n_with",
        "mean_mid",
        "share_of_mean",
        "spread_share",
        "n_time_consuming",
        "n_not_applicable",
        "rank",
    ]
    if not flat.pairs:
        return pd.DataFrame(columns=columns)
    activities = flat.activities
    # a local activity is known by its id and name: rooms reuse ids for different things
    ids = np.array(
        [
            f"{line.id}\x00{line.label(lang).casefold()}" if line.local else line.id
            for line in activities.lines
        ],
        dtype=object,
    )
    line_code, activity_ids = pd.factorize(ids)
    activity_code = line_code[activities.line]
    pair_of_row = flat.cell_pair[activities.cell]
    keys, first, inverse = np.unique(
        pair_of_row * len(activity_ids) + activity_code, return_index=True, return_inverse=True
    )
    size = len(keys)
    weight = flat.cell_weight[activities.cell]  # 0 for a workshop left out of the group
    value_sum = np.bincount(inverse, activities.mid * weight, size)
    weighted = np.bincount(inverse, activities.mid * flat.total_centred[activities.cell], size)
    n_with = np.bincount(inverse, weight, size).astype(np.int64)
    marked = np.bincount(inverse, activities.time_consuming * weight, size)
    not_applicable = np.bincount(inverse, ~activities.applicable * weight, size)
    pair = keys // len(activity_ids)
    mean, share, spread = flat.shares(pair, value_sum, weighted)
    rows = []
    for i, row in enumerate(first):  # name, subprocess, local flag: from the first row seen
        if not n_with[i]:  # only in workshops left out
            continue
        process_id, group_id = flat.pairs[pair[i]]
        line = activities.lines[activities.line[row]]
        rows.append(
            {
                "process_id": process_id,
                "group_id": group_id,
                "subprocess_no": line.subprocess,
                "activity_id": line.id,
                "activity_name": line.label(lang),
                "local": line.local,
                "n_workshops": int(flat.n_workshops[pair[i]]),
                "n_with": int(n_with[i]),
                "mean_mid": mean[i],
                "share_of_mean": share[i],
                "spread_share": spread[i],
                "n_time_consuming": int(marked[i]),
                "n_not_applicable": int(not_applicable[i]),
            }
        )
    return pd.DataFrame(_ranked(rows, order, "activity_id"), columns=columns)


def local_activities(records: list[SessionRecord], order: Order) -> pd.DataFrame:
    columns = [
        "process_id",
        "subprocess_no",
        "activity_id",
        "activity_name",
        "n_workshops",
        "municipalities",
    ]
    # by id and name: rooms that gave one id to different activities are kept apart
    found: dict[tuple[str, int, str, str], dict[str, Any]] = {}
    for r in records:
        for activity_id, number, name in r.local_activities:
            item = found.setdefault(
                (r.process_id, number, activity_id, name.casefold()),
                {"name": name, "sessions": set(), "municipalities": set()},
            )
            item["sessions"].add(r.session_id)
            item["municipalities"].add(r.municipality)
    rows = [
        [
            process_id,
            number,
            activity_id,
            item["name"],
            len(item["sessions"]),
            ", ".join(sorted_names(item["municipalities"])),
        ]
        for (process_id, number, activity_id, _), item in found.items()
    ]
    rows.sort(key=lambda row: (*order.key(row[0]), row[1], row[2], row[3]))
    return pd.DataFrame(rows, columns=columns)


def cost_driver_notes(
    records: list[SessionRecord], catalogue: Catalogue, order: Order, lang: str
) -> pd.DataFrame:
    names = {(p.id, s.number): s.name.in_lang(lang) for p in catalogue for s in p.subprocesses}
    rows = [
        [
            r.process_id,
            number,
            names.get((r.process_id, number), ""),
            r.municipality,
            r.session_id,
            text,
        ]
        for r in records
        for number, text in r.cost_driver_notes.items()
    ]
    rows.sort(key=lambda row: (*order.key(str(row[0])), row[1], sort_key(str(row[3])), row[4]))
    return pd.DataFrame(
        rows,
        columns=[
            "process_id",
            "subprocess_no",
            "subprocess_name",
            "municipality",
            "session_id",
            "text",
        ],
    )


__all__ = ["activity_drivers", "cost_driver_notes", "local_activities", "subprocess_drivers"]
