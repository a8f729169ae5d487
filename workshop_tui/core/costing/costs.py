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

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from workshop_tui.core.costing.loader import Costing
from workshop_tui.core.merge import LoadResult, Summary
from workshop_tui.core.merge.counting import ESTIMATED
from workshop_tui.core.municipalities import sort_key
from workshop_tui.core.process.model import DEFAULT_ROLE
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


FUNCTION_COLUMNS = (
    "process_id",
    "group_id",
    "level",
    "function",
    "hours_mid",
    "dkk_mid",
    "dkk_per_hour",
    "fte_per_case",
    "hours_per_year",
    "dkk_per_year",
)
"""Hours and kroner per case of each function: the mean over the level's workshops."""


@dataclass
class CostResult:
    """`costs` per process, group and level; `municipalities` where volumes are given;
    `checks` the published figures against the computed ones; `workshops` each
    workshop's own hours, kroner and FTE per case per group and level; `functions`
    the hours and kroner of each function per process, group and level."""

    costs: pd.DataFrame
    municipalities: pd.DataFrame
    checks: pd.DataFrame
    workshops: pd.DataFrame
    seed: int
    functions: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(FUNCTION_COLUMNS))
    )


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


def workshop_function_costs(result: LoadResult, costing: Costing) -> pd.DataFrame:
    """One row per workshop x group x level x function: the function's counted hours
    (mid) and their kroner at the function's (or the role's) rate."""
    frame = result.frame
    columns = ["session_id", "group_id", "level", "function", "hours_mid", "dkk_mid", "fte"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    pairs = list(zip(frame["process_id"], frame["activity_id"], strict=True))
    roles = [costing.role_of(p, a) for p, a in pairs]
    file = costing.file
    parts = pd.DataFrame(
        {
            "session_id": frame["session_id"],
            "group_id": frame["group_id"],
            "level": frame["subprocess_no"].astype(str),
            "function": [file.function_of(r) for r in roles],
            "hours_mid": frame["counted_mid"],
            "dkk_mid": frame["counted_mid"] * [file.hourly_cost(r) for r in roles],
            "fte": frame["counted_mid"] * [1 / file.productive_hours(r) for r in roles],
        }
    )
    keys = ["session_id", "group_id", "level", "function"]
    by_level = parts.groupby(keys, sort=False, as_index=False).sum()
    totals = (
        by_level.drop(columns="level")
        .groupby(["session_id", "group_id", "function"], sort=False, as_index=False)
        .sum()
    )
    totals["level"] = TOTAL
    return pd.concat([by_level, totals], ignore_index=True).loc[:, columns]


def function_costs(
    by_function: pd.DataFrame, used: pd.DataFrame, costs: pd.DataFrame, costing: Costing
) -> pd.DataFrame:
    """Each function's mean hours and kroner per case over the workshops a level counts
    (`used`: process, group, level and session of every counted workshop level), and
    its share of the year where the level has a volume. The functions of a level add
    up to the level's mid (a mean is linear)."""
    if used.empty or by_function.empty:
        return pd.DataFrame(columns=list(FUNCTION_COLUMNS))
    counted = used.merge(by_function, on=["session_id", "group_id", "level"], how="inner")
    n = used.groupby(KEYS, sort=False).size().rename("n").reset_index()
    sums = counted.groupby([*KEYS, "function"], sort=False, as_index=False)[
        ["hours_mid", "dkk_mid", "fte"]
    ].sum()
    sums = sums.merge(n, on=KEYS).merge(
        costs.loc[:, [*KEYS, "cases_per_year"]], on=KEYS, how="left"
    )
    for column in ("hours_mid", "dkk_mid", "fte"):
        sums[column] = sums[column] / sums["n"]
    order = {f: i for i, f in enumerate(costing.file.cost_ids())}
    sums["order"] = sums["function"].map(lambda f: order.get(f, len(order)))
    sums = sums.sort_values([*KEYS, "order"], kind="stable").reset_index(drop=True)
    return function_rows(sums)


def function_rows(sums: pd.DataFrame) -> pd.DataFrame:
    """FUNCTION_COLUMNS from each function's hours_mid, dkk_mid and fte per case at a
    level (with its cases_per_year): the kroner per hour and the year beside them."""
    hours = sums["hours_mid"].where(sums["hours_mid"] > 0)
    return pd.DataFrame(
        {
            **{key: sums[key] for key in KEYS},
            "function": sums["function"],
            "hours_mid": sums["hours_mid"],
            "dkk_mid": sums["dkk_mid"],
            "dkk_per_hour": sums["dkk_mid"] / hours,
            "fte_per_case": sums["fte"],
            "hours_per_year": sums["cases_per_year"] * sums["hours_mid"],
            "dkk_per_year": sums["cases_per_year"] * sums["dkk_mid"],
        }
    ).loc[:, list(FUNCTION_COLUMNS)]


def compute_costs(result: LoadResult, summary: Summary, costing: Costing, seed: int) -> CostResult:
    """Every figure `workshop-tui cost` prints; deterministic under `seed`."""
    workshops = workshop_costs(result, costing)
    # both in the records' order, as result.workshops is: the merge's rule, row by row
    workshops["counted"] = summary.counted
    workshops["status"] = summary.status
    counted = workshops[workshops["counted"]]
    groups = {key: rows for key, rows in counted.groupby(KEYS, sort=False)}
    no_rows = counted.iloc[:0]
    rows, used = [], []
    for level_row in summary.levels.itertuples(index=False):
        key = (level_row.process_id, level_row.group_id, level_row.level)
        level_rows = groups.get(key, no_rows)
        rows.append(_level_costs(level_row, level_rows, costing, seed))
        used.append(level_rows.loc[:, [*KEYS, "session_id"]])
    costs = pd.DataFrame(rows, columns=list(COST_COLUMNS))
    counted = pd.concat(used, ignore_index=True) if used else pd.DataFrame()
    return CostResult(
        costs=costs,
        municipalities=municipality_costs(workshops, costs, costing),
        checks=check_figures(costs, costing, result.lang),
        workshops=workshops,
        seed=seed,
        functions=function_costs(workshop_function_costs(result, costing), counted, costs, costing),
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
    "average_hours_per_case",
    "average_dkk",
    "average_ratio",
)


def check_figures(costs: pd.DataFrame, costing: Costing, lang: str = "en") -> pd.DataFrame:
    """Each published figure beside the one computed from these workshops.

    A process's cost per case is its groups' mean midpoints weighted by their
    yearly volumes where every group with workshops has one, else their plain
    mean. ratio = computed / published; the implied hourly cost is the published
    cost per case over the computed hours per case.

    Beside it, the same figure from the source's own published average hours
    (weighted the same way) at the citizen-facing function's rate: the ratio
    that method alone gives. Where that ratio is far from 1 too, the gap lies in
    the costing (direct hours bottom-up against staff-years top-down), not in
    the rooms; the rooms' part is ratio / average_ratio.
    """
    totals = costs[costs["level"] == TOTAL]
    rate = costing.file.hourly_cost(DEFAULT_ROLE)
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
        average_hours = published_average_hours(check.process, costing)
        average_dkk = average_hours * rate * (check.cases or 1)
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
                rate,
                "volumes" if weighted else "plain mean of groups",
                average_hours,
                average_dkk,
                average_dkk / check.published_dkk,
            ]
        )
    return pd.DataFrame(rows, columns=list(CHECK_COLUMNS))


def published_average_hours(process_id: str, costing: Costing) -> float:
    """The source's average hours per case for a process: its groups' published
    averages weighted by their yearly volumes where every one has a volume, else
    their plain mean; NaN where the source publishes no average."""
    averages = {g: a for (p, g), a in costing.published_averages.items() if p == process_id}
    if not averages:
        return float("nan")
    volumes = [costing.file.volume(process_id, g) for g in averages]
    weights = [v.cases_per_year if v else 0.0 for v in volumes]
    if not all(weights):
        weights = [1.0] * len(averages)
    return float(np.average(list(averages.values()), weights=weights))
