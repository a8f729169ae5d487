"""The merged statistics: per process, group and level, and the summary they belong to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd
from pandas.api.typing import NAType

from workshop_tui.core.catalogue import Catalogue, load_catalogue
from workshop_tui.core.merge.arrays import Flat, Order
from workshop_tui.core.merge.drivers import (
    activity_drivers,
    cost_driver_notes,
    local_activities,
    subprocess_drivers,
)
from workshop_tui.core.merge.reading import collector_paused
from workshop_tui.core.merge.records import level_name
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.reference import TOTAL, reference_rows

MERGE_CSV_COLUMNS = (
    "process_id",
    "group_id",
    "level",
    "n_workshops",
    "low",
    "high",
    "mean",
    "median",
    "min_mid",
    "max_mid",
)


@dataclass
class Summary:
    """The merged tables as DataFrames; `summarise` documents their columns."""

    levels: pd.DataFrame
    overview: pd.DataFrame
    subprocess_drivers: pd.DataFrame
    activity_drivers: pd.DataFrame
    local_activities: pd.DataFrame
    cost_driver_notes: pd.DataFrame
    sessions: pd.DataFrame

    def merge_csv_frame(self) -> pd.DataFrame:
        """The levels table with exactly MERGE_CSV_COLUMNS."""
        return self.levels.loc[:, list(MERGE_CSV_COLUMNS)]


def summarise(
    result: LoadResult, catalogue: Catalogue | None = None, lang: str | None = None
) -> Summary:
    """The tables the source publishes and the cost-driver summary, from loaded exports.

    Returns a Summary of DataFrames ordered by process (catalogue order), target
    group (the process's order) and level (subprocesses 1, 2, ..., then 'total'):

    levels
        process_id, group_id, level ('1', '2', ... or 'total'), n_workshops, low
        (the lowest workshop low), high (the highest workshop high), mean and
        median of the workshop midpoints ((low + high) / 2), min_mid, max_mid;
        then the published reference ref_low, ref_high, ref_avg (NaN where none is
        published) and n_below, n_within, n_above: how many workshop midpoints
        fall below, within or above the published range (NA without one).
    overview
        The source's table 2.1 in long form: group_id, process_id, n_workshops,
        low, high, mean of the workshops' process totals.
    subprocess_drivers
        process_id, group_id, subprocess_no, subprocess_name, mean_mid,
        share_of_mean (mean subprocess midpoint / mean total midpoint),
        spread_share, rank (1 = explains most of the spread).
    activity_drivers
        process_id, group_id, subprocess_no, activity_id, activity_name, local,
        n_workshops (covering the group), n_with (workshops with the activity:
        all of them, except for local ones), mean_mid (counted hours, 0 where
        absent or not applicable), share_of_mean, spread_share,
        n_time_consuming (the room's mark, else the definition's flag),
        n_not_applicable, rank.
    local_activities
        process_id, subprocess_no, activity_id, activity_name, n_workshops,
        municipalities: the activities the rooms added.
    cost_driver_notes
        process_id, subprocess_no, subprocess_name, municipality, session_id, text.
    sessions
        result.sessions.

    spread_share says which parts explain the differences between workshops.
    For one process and group, with T the workshops' total midpoints and X a
    part's midpoints (a subprocess, or an activity's counted hours),
    spread_share = cov(X, T) / var(T) over the workshops (population moments).
    T is the sum of its parts, so the subprocesses' shares add up to 1, as do
    the activities': each part's contribution to the variance of the total. A
    negative share means the part tends to be smaller where the total is larger.
    It is NaN with fewer than two workshops or when all totals are equal.
    Ranking sorts by spread_share, then share_of_mean (both rounded to 9
    decimals, missing last), then subprocess number and id: the same exports give
    the same ranking every run.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    lang = lang or result.lang
    order = Order(catalogue)
    with collector_paused():
        flat = Flat(result.records)
        levels = _levels_table(flat, catalogue, order)
        return Summary(
            levels=levels,
            overview=levels.loc[
                levels["level"] == TOTAL,
                ["group_id", "process_id", "n_workshops", "low", "high", "mean"],
            ].reset_index(drop=True),
            subprocess_drivers=subprocess_drivers(flat, catalogue, order, lang),
            activity_drivers=activity_drivers(flat, order, result.lang),
            local_activities=local_activities(result.records, order),
            cost_driver_notes=cost_driver_notes(result.records, catalogue, order, lang),
            sessions=result.sessions,
        )


def _levels_table(flat: Flat, catalogue: Catalogue, order: Order) -> pd.DataFrame:
    columns = [
        *MERGE_CSV_COLUMNS,
        "ref_low",
        "ref_high",
        "ref_avg",
        "n_below",
        "n_within",
        "n_above",
    ]
    if not flat.pairs:
        return pd.DataFrame(columns=columns)
    mid = (flat.level_low + flat.level_high) / 2
    key = flat.cell_pair[flat.level_cell] * 1000 + flat.level_no
    frame = pd.DataFrame({"key": key, "low": flat.level_low, "high": flat.level_high, "mid": mid})
    stats = frame.groupby("key", sort=True).agg(
        n_workshops=("mid", "size"),
        low=("low", "min"),
        high=("high", "max"),
        mean=("mid", "mean"),
        median=("mid", "median"),
        min_mid=("mid", "min"),
        max_mid=("mid", "max"),
    )
    references = {
        (r.process_id, r.group_id, str(r.level)): r
        for process in catalogue
        for r in reference_rows(process)
    }
    position = stats.index.get_indexer(pd.Index(key))  # each workshop row's line in `stats`
    rows = []
    for line, (index_value, level_stats) in enumerate(stats.iterrows()):
        key_value = int(cast(int, index_value))  # the groupby key: pair x 1000 + level
        process_id, group_id = flat.pairs[key_value // 1000]
        level = level_name(key_value % 1000)
        ref = references.get((process_id, group_id, level))
        counts: list[int | NAType] = [pd.NA] * 3
        if ref is not None:
            mids = mid[position == line]
            below, above = int((mids < ref.low).sum()), int((mids > ref.high).sum())
            counts = [below, len(mids) - below - above, above]
        figures = [
            level_stats[name] for name in ("low", "high", "mean", "median", "min_mid", "max_mid")
        ]
        rows.append(
            [
                process_id,
                group_id,
                level,
                int(level_stats["n_workshops"]),
                *figures,
                ref.low if ref else np.nan,
                ref.high if ref else np.nan,
                ref.avg if ref is not None and ref.avg is not None else np.nan,
                *counts,
            ]
        )
    rows.sort(
        key=lambda row: (*order.key(row[0], row[1]), 10**6 if row[2] == TOTAL else int(row[2]))
    )
    table = pd.DataFrame(rows, columns=columns)
    for name in ("n_below", "n_within", "n_above"):
        table[name] = table[name].astype("Int64")
    return table


__all__ = ["MERGE_CSV_COLUMNS", "Summary", "summarise"]
