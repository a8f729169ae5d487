"""From merged workshop hours to kroner, FTE and yearly totals.

An activity's hours (the totals engine's counted hours: estimate x staff x
share) cost its role's hourly rate: a year's salary plus overhead over the
role's productive hours. A workshop's kroner per case at a level are the sum
over its activities there; the figures per process, group and level are then
taken across workshops exactly as the merge takes hours: low = the lowest
workshop low, mid = the mean of the workshop midpoints, high = the highest
workshop high. Hours come straight from `summarise`'s levels table, and the
kroner, FTE, n and bootstrap are taken over the same workshops the merge
counts there (core/merge/counting.py: a level not estimated is not 0 hours, an
incomplete total is left out), so `cost` and `merge` never disagree.

Per year: cases a year x the mean midpoint per case; FTE = the hours a year of
each role over that role's productive hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workshop_tui.core.costing.loader import Costing
from workshop_tui.core.merge import LoadResult, Summary
from workshop_tui.core.merge.counting import ESTIMATED
from workshop_tui.core.municipalities import sort_key
from workshop_tui.core.process.reference import TOTAL
from workshop_tui.core.uncertainty import MIN_TRUSTED, bootstrap_many, stream

KEYS = ["process_id", "group_id", "level"]
COST_COLUMNS = (
    "process_id",
    "group_id",
    "level",
    "n_workshops",
    "hours_low",
    "hours_mid",
    "hours_high",
    "hours_ci_low",
    "hours_ci_high",
    "ci_trusted",
    "dkk_low",
    "dkk_mid",
    "dkk_high",
    "dkk_ci_low",
    "dkk_ci_high",
    "fte_per_case",
    "cases_per_year",
    "volume_basis",
    "hours_per_year",
    "fte",
    "dkk_per_year",
)
"""The columns of `workshop-tui cost --format csv`, in order."""


@dataclass
class CostResult:
    """`costs` per process, group and level; `municipalities` where volumes are given;
    `checks` the published figures against the computed ones; `workshops` each
    workshop's own hours, kroner and FTE per case per group and level."""

    costs: pd.DataFrame
    municipalities: pd.DataFrame
    checks: pd.DataFrame
    workshops: pd.DataFrame
    seed: int


def workshop_costs(result: LoadResult, costing: Costing) -> pd.DataFrame:
    """One row per workshop x group x level: hours low/high/mid, dkk low/high/mid and
    fte_per_case (FTE a year needed per case a year), from the activities' roles."""
    frame = result.frame
    columns = [*KEYS[:2], "session_id", "municipality", "level"]
    if frame.empty:
        return pd.DataFrame(columns=[*columns, "low", "high", "mid", "dkk_low", "dkk_high"])
    roles = [
        costing.role_of(p, a)
        for p, a in zip(frame["process_id"], frame["activity_id"], strict=True)
    ]
    rate = {r: costing.file.hourly_cost(r) for r in set(roles)}
    per_hour = np.array([rate[r] for r in roles])
    per_fte = np.array([1 / costing.file.productive_hours(r) for r in roles])
    parts = pd.DataFrame(
        {
            "session_id": frame["session_id"],
            "group_id": frame["group_id"],
            "level": frame["subprocess_no"].astype(str),
            "dkk_low": frame["counted_low"] * per_hour,
            "dkk_high": frame["counted_high"] * per_hour,
            "fte_per_case": frame["counted_mid"] * per_fte,
        }
    )
    keys = ["session_id", "group_id", "level"]
    by_level = parts.groupby(keys, sort=False, as_index=False).sum()
    totals = by_level.drop(columns="level").groupby(keys[:2], sort=False, as_index=False).sum()
    totals["level"] = TOTAL
    money = pd.concat([by_level, totals], ignore_index=True)
    money["dkk_mid"] = (money["dkk_low"] + money["dkk_high"]) / 2
    # hours from the totals engine's own level sums (exactly merge's), kroner beside them
    hours = result.workshops.loc[:, [*columns, "low", "high", "mid"]]
    workshops = hours.merge(money, on=keys, how="left", validate="one_to_one")
    return workshops


def compute_costs(result: LoadResult, summary: Summary, costing: Costing, seed: int) -> CostResult:
    """Every figure `workshop-tui cost` prints; deterministic under `seed`."""
    workshops = workshop_costs(result, costing)
    # both in the records' order, as result.workshops is: the merge's rule, row by row
    workshops["counted"] = summary.counted
    workshops["status"] = summary.status
    counted = workshops[workshops["counted"]]
    groups = {key: rows for key, rows in counted.groupby(KEYS, sort=False)}
    no_rows = counted.iloc[:0]
    rows = []
    for level_row in summary.levels.itertuples(index=False):
        key = (level_row.process_id, level_row.group_id, level_row.level)
        rows.append(_level_costs(level_row, groups.get(key, no_rows), costing, seed))
    costs = pd.DataFrame(rows, columns=list(COST_COLUMNS))
    return CostResult(
        costs=costs,
        municipalities=municipality_costs(workshops, costs, costing),
        checks=check_figures(costs, costing, result.lang),
        workshops=workshops,
        seed=seed,
    )


def _level_costs(level_row: Any, rows: pd.DataFrame, costing: Costing, seed: int) -> list[Any]:
    """One COST_COLUMNS row from the workshops that count at this level (NaN where none)."""
    process_id, group_id, level = level_row.process_id, level_row.group_id, level_row.level
    n = len(rows)
    rng = stream(seed, f"{process_id}/{group_id}/{level}")
    (h_lo, h_hi), (d_lo, d_hi) = bootstrap_many(
        [rows["mid"].to_numpy(), rows["dkk_mid"].to_numpy()], rng
    )
    volume = costing.file.volume(process_id, group_id)
    cases = volume.cases_per_year if volume else np.nan
    hours_mid = float(level_row.mean)
    dkk_mid = float(rows["dkk_mid"].mean())
    fte_per_case = float(rows["fte_per_case"].mean()) if n else np.nan
    if not n:
        dkk_mid = np.nan
    return [
        process_id,
        group_id,
        level,
        n,
        float(level_row.low),
        hours_mid,
        float(level_row.high),
        h_lo,
        h_hi,
        n >= MIN_TRUSTED,
        float(rows["dkk_low"].min()) if n else np.nan,
        dkk_mid,
        float(rows["dkk_high"].max()) if n else np.nan,
        d_lo,
        d_hi,
        fte_per_case,
        cases,
        volume.basis if volume else "",
        cases * hours_mid,
        cases * fte_per_case,
        cases * dkk_mid,
    ]


MUNICIPALITY_COST_COLUMNS = (
    "municipality",
    "process_id",
    "group_id",
    "cases_per_year",
    "figures_from",
    "n_workshops",
    "hours_per_case",
    "dkk_per_case",
    "hours_per_year",
    "fte",
    "dkk_per_year",
)


def volumes_in_order(costing: Costing) -> list[tuple[tuple[str, str, str], float]]:
    """The costing file's municipal volumes, the municipalities in Danish order."""
    return sorted(
        costing.municipality_volumes.items(),
        key=lambda item: (sort_key(item[0][0]), item[0][1], item[0][2]),
    )


def municipality_costs(
    workshops: pd.DataFrame, costs: pd.DataFrame, costing: Costing
) -> pd.DataFrame:
    """A municipality's year from its own workshops where it held one for the process
    and group and estimated every level ('own'), else from the national mean ('national')."""
    totals = workshops[(workshops["level"] == TOTAL) & (workshops["status"] == ESTIMATED)]
    national = costs[costs["level"] == TOTAL].set_index(["process_id", "group_id"])
    rows = []
    for (municipality, process_id, group_id), cases in volumes_in_order(costing):
        own = totals[
            (totals["municipality"] == municipality)
            & (totals["process_id"] == process_id)
            & (totals["group_id"] == group_id)
        ]
        figures: tuple[str, int, float, float]
        if len(own):
            figures = ("own", len(own), float(own["mid"].mean()), float(own["dkk_mid"].mean()))
            fte_per_case = float(own["fte_per_case"].mean())
        elif (process_id, group_id) in national.index:
            line: Any = national.loc[(process_id, group_id)]
            figures = ("national", 0, float(line["hours_mid"]), float(line["dkk_mid"]))
            fte_per_case = float(line["fte_per_case"])
        else:
            continue  # no workshop anywhere for this process and group
        source, n, hours, dkk = figures
        rows.append(
            [municipality, process_id, group_id, cases, source, n, float(hours), float(dkk)]
            + [cases * float(hours), cases * float(fte_per_case), cases * float(dkk)]
        )
    return pd.DataFrame(rows, columns=list(MUNICIPALITY_COST_COLUMNS))


CHECK_COLUMNS = (
    "id",
    "process_id",
    "text",
    "published_dkk",
    "cases",
    "published_dkk_per_case",
    "computed_dkk_per_case",
    "computed_hours_per_case",
    "computed_dkk",
    "ratio",
    "implied_dkk_per_hour",
    "costing_dkk_per_hour",
    "weighting",
)


def check_figures(costs: pd.DataFrame, costing: Costing, lang: str = "en") -> pd.DataFrame:
    """Each published figure beside the one computed from these workshops.

    A process's cost per case is its groups' mean midpoints weighted by their
    yearly volumes where every group with workshops has one, else their plain
    mean. ratio = computed / published; the implied hourly cost is the published
    cost per case over the computed hours per case.
    """
    totals = costs[costs["level"] == TOTAL]
    rows = []
    for check in costing.file.checks:
        lines = totals[totals["process_id"] == check.process]
        if lines.empty:
            continue
        weights = lines["cases_per_year"].to_numpy(dtype=float)
        weighted = bool(np.all(np.isfinite(weights)) and weights.sum() > 0)
        if not weighted:
            weights = np.ones(len(lines))
        dkk = float(np.average(lines["dkk_mid"], weights=weights))
        hours = float(np.average(lines["hours_mid"], weights=weights))
        published = check.dkk_per_case
        rows.append(
            [
                check.id,
                check.process,
                check.text.in_lang(lang),
                check.published_dkk,
                check.cases if check.cases else np.nan,
                published,
                dkk,
                hours,
                dkk * check.cases if check.cases else dkk,
                dkk / published,
                published / hours if hours > 0 else np.nan,
                costing.file.hourly_cost("caseworker"),
                "volumes" if weighted else "plain mean of groups",
            ]
        )
    return pd.DataFrame(rows, columns=list(CHECK_COLUMNS))
