"""The merged statistics: per process, group and level, and the summary they belong to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.typing import NAType

from workshop_tui.core.catalogue import Catalogue, load_catalogue
from workshop_tui.core.merge.arrays import Flat, Order
from workshop_tui.core.merge.convergence import actual_time_table, convergence_table
from workshop_tui.core.merge.drivers import (
    activity_drivers,
    cost_driver_notes,
    local_activities,
    subprocess_drivers,
)
from workshop_tui.core.merge.level_screening import counted_levels, level_keys
from workshop_tui.core.merge.reading import collector_paused
from workshop_tui.core.merge.records import TOTAL_LEVEL, level_name
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.merge.screening import SCREENING_COLUMNS, Finding
from workshop_tui.core.merge.workshops import WORKSHOP_COLUMNS, workshop_table
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

_FIGURES = ("low", "high", "mean", "median", "min_mid", "max_mid")


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
    findings: list[Finding] = field(default_factory=list)
    # the per-workshop table, built on first use (`merge --format csv` never needs it)
    workshop_builder: Callable[[], pd.DataFrame] | None = field(default=None, repr=False)
    lang: str = "en"
    # issue 12: rounds' convergence and median time per subprocess (merge/convergence.py)
    convergence: pd.DataFrame = field(default_factory=lambda: convergence_table([]))
    actual_time: pd.DataFrame = field(default_factory=lambda: actual_time_table([]))

    @cached_property
    def workshops(self) -> pd.DataFrame:
        """Each workshop x group x level beside the reference and its peers (workshops.py)."""
        if self.workshop_builder is None:
            return pd.DataFrame(columns=list(WORKSHOP_COLUMNS))
        return self.workshop_builder()

    @property
    def table_2_1(self) -> pd.DataFrame:
        """The source's table 2.1 laid out as it prints it: groups x processes.

        Rows: each target group's low, high and mean (`measure`) of the workshop
        totals; one column per process id, in catalogue order; NaN where no
        workshop counts.
        """
        overview = self.overview
        processes = list(dict.fromkeys(overview["process_id"]))
        cells = {(row.group_id, row.process_id): row for row in overview.itertuples(index=False)}
        rows = []
        for group_id in dict.fromkeys(overview["group_id"]):
            for measure in ("low", "high", "mean"):
                row: dict[str, Any] = {"group_id": group_id, "measure": measure}
                for process_id in processes:
                    cell = cells.get((group_id, process_id))
                    row[process_id] = getattr(cell, measure) if cell is not None else np.nan
                rows.append(row)
        return pd.DataFrame(rows, columns=["group_id", "measure", *processes])

    @property
    def screening(self) -> pd.DataFrame:
        """The screening table: one row per finding, SCREENING_COLUMNS, detail in `lang`."""
        return pd.DataFrame(
            [f.cells(self.lang) for f in self.findings], columns=list(SCREENING_COLUMNS)
        ).astype({"line": "Int64"})

    def merge_csv_frame(self) -> pd.DataFrame:
        """The levels table with exactly MERGE_CSV_COLUMNS."""
        return self.levels.loc[:, list(MERGE_CSV_COLUMNS)]


def summarise(
    result: LoadResult,
    catalogue: Catalogue | None = None,
    lang: str | None = None,
    *,
    strict: bool = False,
    include_incomplete: bool = False,
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
    findings / screening
        Every screening finding (screening.py states the rules): those made on
        loading (result.screening: refused workshops) and those at each level
        (a level not estimated, an incomplete total, an outlier). `strict`
        excludes outliers from the levels; `include_incomplete` counts the
        totals of workshops with a level they did not estimate.

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
        used, level_findings = counted_levels(flat, result.records, strict, include_incomplete)
        # the cost drivers explain the spread of the totals the levels table counts
        flat.use_cells(used[flat.level_no == TOTAL_LEVEL])
        levels = _levels_table(flat, catalogue, order, used)
        findings = [*result.screening, *level_findings]
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
            findings=findings,
            lang=lang,
            convergence=convergence_table(result.records),
            actual_time=actual_time_table(result.records),
            workshop_builder=partial(workshop_table, flat, result.records, used, levels),
        )


def _levels_table(flat: Flat, catalogue: Catalogue, order: Order, used: np.ndarray) -> pd.DataFrame:
    """Per process, group and level, from the workshop rows that count (`used`).

    A level where no workshop counts keeps its row, with n_workshops 0.
    """
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
    all_keys = level_keys(flat)
    key, mid = all_keys[used], flat.level_mid[used]
    frame = pd.DataFrame(
        {"key": key, "low": flat.level_low[used], "high": flat.level_high[used], "mid": mid}
    )
    stats = (
        frame.groupby("key", sort=True)
        .agg(
            n_workshops=("mid", "size"),
            low=("low", "min"),
            high=("high", "max"),
            mean=("mid", "mean"),
            median=("mid", "median"),
            min_mid=("mid", "min"),
            max_mid=("mid", "max"),
        )
        .reindex(np.unique(all_keys))
    )
    references = {
        (r.process_id, r.group_id, str(r.level)): r
        for process in catalogue
        for r in reference_rows(process)
    }
    labels = [
        (*flat.pairs[int(k) // 1000], level_name(int(k) % 1000)) for k in stats.index.tolist()
    ]
    refs = [references.get(label) for label in labels]
    ref_low = np.array([r.low if r else np.nan for r in refs])
    ref_high = np.array([r.high if r else np.nan for r in refs])
    position = stats.index.get_indexer(pd.Index(key))  # each counted row's line in `stats`
    below = np.bincount(position, mid < ref_low[position], len(stats)).astype(int)
    above = np.bincount(position, mid > ref_high[position], len(stats)).astype(int)
    n = stats["n_workshops"].fillna(0).astype(int).to_numpy()
    rows = []
    for line, ((process_id, group_id, level), ref) in enumerate(zip(labels, refs, strict=True)):
        counts: list[int | NAType] = [pd.NA] * 3
        if ref is not None:
            counts = [int(below[line]), int(n[line] - below[line] - above[line]), int(above[line])]
        figures = stats.iloc[line]
        rows.append(
            [
                process_id,
                group_id,
                level,
                int(n[line]),
                *(
                    figures[name]
                    for name in ("low", "high", "mean", "median", "min_mid", "max_mid")
                ),
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
