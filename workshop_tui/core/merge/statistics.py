"""The merged statistics: per process, group and level, and the summary they belong to."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from workshop_tui.core.i18n import N_
from workshop_tui.core.merge.arrays import Flat, Order
from workshop_tui.core.merge.level_screening import counted_levels
from workshop_tui.core.merge.level_stats import NO_FIGURES, group_figures, key_groups
from workshop_tui.core.merge.records import TOTAL_LEVEL, level_code
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.merge.screening import SCREENING_COLUMNS, Finding
from workshop_tui.core.process.catalogue import Catalogue, load_catalogue
from workshop_tui.core.process.reference import TOTAL, reference_rows

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

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


OVERVIEW_COLUMNS = (
    "group_id",
    "process_id",
    "n_workshops",
    "min_mid",
    "max_mid",
    "mean",
    "ref_low",
    "ref_high",
    "ref_avg",
    "ref_municipalities",
)
"""Table 2.1 in long form: like with like, workshop midpoints beside the published spread."""

TABLE_2_1_MEASURES = OVERVIEW_COLUMNS[2:]
"""The rows of table 2.1 per target group, in order."""

MEASURE_WORDS = {
    "n_workshops": N_("Workshops (n)"),
    "min_mid": N_("Lowest workshop midpoint"),
    "max_mid": N_("Highest workshop midpoint"),
    "mean": N_("Mean of midpoints"),
    "ref_low": N_("Published low"),
    "ref_high": N_("Published high"),
    "ref_avg": N_("Published average"),
    "ref_municipalities": N_("Published: municipalities"),
}
"""Table 2.1's measures in words, for people (translated where shown)."""

LEVEL_COLUMNS = (
    *MERGE_CSV_COLUMNS,
    "ref_low",
    "ref_high",
    "ref_avg",
    "n_below",
    "n_within",
    "n_above",
)


@dataclass(frozen=True)
class _Sources:
    """What the tables beyond the levels are built from, when first asked for."""

    flat: Flat
    result: LoadResult
    used: np.ndarray
    catalogue: Catalogue
    order: Order


@dataclass
class Summary:
    """The merged tables as DataFrames; `summarise` documents their columns.

    The levels table's rows and the findings are computed by `summarise` with numpy
    alone; each DataFrame is built on first use, so `merge --format csv` never
    imports pandas.
    """

    level_rows: list[list[Any]]
    findings: list[Finding] = field(default_factory=list)
    lang: str = "en"
    sources: _Sources | None = field(default=None, repr=False)

    @cached_property
    def levels(self) -> pd.DataFrame:
        import pandas as pd

        table = pd.DataFrame(self.level_rows, columns=list(LEVEL_COLUMNS))
        if not self.level_rows:
            return table
        for name in ("n_below", "n_within", "n_above"):
            table[name] = table[name].astype("Int64")
        return table

    @cached_property
    def overview(self) -> pd.DataFrame:
        """OVERVIEW_COLUMNS: the total's workshop midpoints (lowest, highest, mean, n)
        beside the published range, average and its number of municipalities."""
        import pandas as pd

        levels = self.levels
        totals = levels.loc[levels["level"] == TOTAL].reset_index(drop=True)
        municipalities = {
            (r.process_id, r.group_id): r.municipalities
            for process in self._sources.catalogue
            for r in reference_rows(process)
            if r.level == TOTAL
        }
        totals["ref_municipalities"] = pd.array(
            [
                municipalities.get(pair)
                for pair in zip(totals["process_id"], totals["group_id"], strict=True)
            ],
            dtype="Int64",
        )
        return totals.loc[:, list(OVERVIEW_COLUMNS)]

    @cached_property
    def subprocess_drivers(self) -> pd.DataFrame:
        from workshop_tui.core.merge.drivers import subprocess_drivers

        s = self._sources
        return subprocess_drivers(s.flat, s.catalogue, s.order, self.lang)

    @cached_property
    def activity_drivers(self) -> pd.DataFrame:
        from workshop_tui.core.merge.drivers import activity_drivers

        s = self._sources
        return activity_drivers(s.flat, s.order, s.result.lang)

    @cached_property
    def local_activities(self) -> pd.DataFrame:
        from workshop_tui.core.merge.drivers import local_activities

        return local_activities(self._sources.result.records, self._sources.order)

    @cached_property
    def cost_driver_notes(self) -> pd.DataFrame:
        from workshop_tui.core.merge.drivers import cost_driver_notes

        s = self._sources
        return cost_driver_notes(s.result.records, s.catalogue, s.order, self.lang)

    @cached_property
    def sessions(self) -> pd.DataFrame:
        return self._sources.result.sessions

    @cached_property
    def convergence(self) -> pd.DataFrame:
        """How the rooms' figures moved between rounds (merge/convergence.py)."""
        from workshop_tui.core.merge.convergence import convergence_table

        return convergence_table(self._sources.result.records)

    @cached_property
    def actual_time(self) -> pd.DataFrame:
        """The median time the rooms spent per subprocess (merge/convergence.py)."""
        from workshop_tui.core.merge.convergence import actual_time_table

        return actual_time_table(self._sources.result.records)

    @cached_property
    def within_room(self) -> pd.DataFrame:
        """How far each room's participants spread (merge/within_room.py)."""
        from workshop_tui.core.merge.within_room import within_room_table

        return within_room_table(self._sources.result.records)

    @cached_property
    def workshops(self) -> pd.DataFrame:
        """Each workshop x group x level beside the reference and its peers (workshops.py)."""
        from workshop_tui.core.merge.workshops import workshop_table

        s = self._sources
        return workshop_table(s.flat, s.result.records, s.used, self.levels)

    @property
    def counted(self) -> np.ndarray:
        """Per workshop x group x level, in the order of LoadResult.workshops: whether
        it counts in the levels table (counting.py's rule, then --strict's outliers)."""
        return self._sources.used

    @property
    def status(self) -> np.ndarray:
        """Per workshop x group x level, in the order of LoadResult.workshops:
        'estimated', 'not_estimated' or 'incomplete' (counting.py)."""
        return self._sources.flat.level_status

    @property
    def _sources(self) -> _Sources:
        if self.sources is None:  # a Summary of nothing: the tables are empty
            catalogue = load_catalogue()
            empty = LoadResult([], [], [])
            flat = Flat([])
            self.sources = _Sources(
                flat, empty, np.zeros(0, dtype=bool), catalogue, Order(catalogue)
            )
        return self.sources

    @property
    def table_2_1(self) -> pd.DataFrame:
        """The source's table 2.1 laid out as it prints it: groups x processes.

        Rows: each target group's TABLE_2_1_MEASURES (`measure`): the number of
        workshops, the lowest and highest workshop midpoint of the total and
        their mean (the source's low, high and average are the spread between
        municipalities), then the published range, average and number of
        municipalities; one column per process id, in catalogue order; NaN where
        no workshop counts or nothing is published.
        """
        import pandas as pd

        overview = self.overview
        processes = list(dict.fromkeys(overview["process_id"]))
        cells = {(row.group_id, row.process_id): row for row in overview.itertuples(index=False)}
        rows = []
        for group_id in dict.fromkeys(overview["group_id"]):
            for measure in TABLE_2_1_MEASURES:
                row: dict[str, Any] = {"group_id": group_id, "measure": measure}
                for process_id in processes:
                    cell = cells.get((group_id, process_id))
                    value = getattr(cell, measure) if cell is not None else np.nan
                    row[process_id] = np.nan if value is pd.NA else value
                rows.append(row)
        return pd.DataFrame(rows, columns=["group_id", "measure", *processes])

    @property
    def screening(self) -> pd.DataFrame:
        """The screening table: one row per finding, SCREENING_COLUMNS, detail in `lang`."""
        import pandas as pd

        return pd.DataFrame(
            [f.cells(self.lang) for f in self.findings], columns=list(SCREENING_COLUMNS)
        ).astype({"line": "Int64"})

    def merge_csv_frame(self) -> pd.DataFrame:
        """The levels table with exactly MERGE_CSV_COLUMNS."""
        return self.levels.loc[:, list(MERGE_CSV_COLUMNS)]

    def merge_csv_rows(self) -> list[list[Any]]:
        """The levels table's rows with exactly MERGE_CSV_COLUMNS (no pandas)."""
        width = len(MERGE_CSV_COLUMNS)
        return [row[:width] for row in self.level_rows]


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
        and high (the rooms' range: the lowest room low and the highest room
        high, the rooms' own uncertainty, not the source's kind of range), mean and
        median of the workshop midpoints ((low + high) / 2), min_mid, max_mid;
        then the published reference ref_low, ref_high, ref_avg (NaN where none is
        published) and n_below, n_within, n_above: how many workshop midpoints
        fall below, within or above the published range (NA without one).
    overview
        The source's table 2.1 in long form (OVERVIEW_COLUMNS): group_id,
        process_id, n_workshops, min_mid and max_mid (the lowest and highest
        workshop midpoint of the process total), mean (of those midpoints),
        then the published ref_low, ref_high, ref_avg and ref_municipalities:
        like with like, as the source's range is the spread between
        municipalities, each giving one estimate.
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
    flat = Flat(result.records)
    used, level_findings = counted_levels(flat, result.records, strict, include_incomplete)
    # the cost drivers explain the spread of the totals the levels table counts
    flat.use_cells(used[flat.level_no == TOTAL_LEVEL])
    return Summary(
        level_rows=_level_rows(flat, catalogue, order, used),
        findings=[*result.screening, *level_findings],
        lang=lang,
        sources=_Sources(flat, result, used, catalogue, order),
    )


def _level_rows(
    flat: Flat, catalogue: Catalogue, order: Order, used: np.ndarray
) -> list[list[Any]]:
    """Per process, group and level (LEVEL_COLUMNS), from the workshop rows that count.

    A level where no workshop counts keeps its row, with n_workshops 0 and NaN figures;
    n_below, n_within and n_above are None (NA) where no reference is published.
    """
    if not flat.pairs:
        return []
    all_keys = flat.level_key
    every_key = np.flatnonzero(np.bincount(all_keys))  # ascending, each once
    key, mid = all_keys[used], flat.level_mid[used]
    found = group_figures(key_groups(key), flat.level_low[used], flat.level_high[used], mid)
    figures = [found.get(k, NO_FIGURES) for k in every_key.tolist()]
    references = {
        (r.process_id, r.group_id, str(r.level)): r
        for process in catalogue
        for r in reference_rows(process)
    }
    labels = [(*flat.pairs[k // 1000], level_code(k % 1000)) for k in every_key.tolist()]
    refs = [references.get(label) for label in labels]
    ref_low = np.array([r.low if r else np.nan for r in refs])
    ref_high = np.array([r.high if r else np.nan for r in refs])
    line_of_key = np.zeros(len(every_key) and int(every_key[-1]) + 1, dtype=np.int64)
    line_of_key[every_key] = np.arange(len(every_key))
    position = line_of_key[key]  # each counted row's line in `every_key`
    below = np.bincount(position, mid < ref_low[position], len(every_key)).astype(int)
    above = np.bincount(position, mid > ref_high[position], len(every_key)).astype(int)
    rows: list[list[Any]] = []
    for line, ((process_id, group_id, level), ref, figure) in enumerate(
        zip(labels, refs, figures, strict=True)
    ):
        counts: list[int | None] = [None] * 3
        n = figure.n
        if ref is not None:
            counts = [int(below[line]), int(n - below[line] - above[line]), int(above[line])]
        rows.append(
            [
                process_id,
                group_id,
                level,
                n,
                figure.low,
                figure.high,
                figure.mean,
                figure.median,
                figure.min_mid,
                figure.max_mid,
                ref.low if ref else np.nan,
                ref.high if ref else np.nan,
                ref.avg if ref is not None and ref.avg is not None else np.nan,
                *counts,
            ]
        )
    rows.sort(
        key=lambda row: (*order.key(row[0], row[1]), 10**6 if row[2] == TOTAL else int(row[2]))
    )
    return rows


__all__ = [
    "LEVEL_COLUMNS",
    "MEASURE_WORDS",
    "MERGE_CSV_COLUMNS",
    "OVERVIEW_COLUMNS",
    "TABLE_2_1_MEASURES",
    "Summary",
    "summarise",
]
