"""Costs from a merge's JSON (`workshop-tui merge --format json`) instead of the exports.

A merge keeps each level's low, high and mean midpoint, and each activity's mean
counted hours, but not the single workshops. So from a merge:

- hours low/mid/high are the merge's own figures;
- DKK and FTE per case at the mid of a total are exact: a mean is linear, so the
  mean of the workshops' kroner is the sum of each activity's mean hours x its
  role's rate. The activities' means are taken over the workshops whose total
  counts (core/merge/counting.py), while a subprocess also counts an incomplete
  workshop that estimated it: a subprocess's kroner are its own mean hours at
  its activities' mean hourly rate (exact where its activities share one rate);
- DKK low and high are the hours low and high at the level's average rate
  (exact where every activity is one function's);
- there is no bootstrap interval (it needs the workshops: run `cost` on the
  exports), and per-municipality figures use the national mean.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workshop_tui.core.costing.costs import (
    COST_COLUMNS,
    FUNCTION_COLUMNS,
    KEYS,
    MUNICIPALITY_COST_COLUMNS,
    CostResult,
    check_figures,
    function_rows,
    volumes_in_order,
)
from workshop_tui.core.costing.loader import Costing
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.frames import rows_of
from workshop_tui.core.i18n import N_
from workshop_tui.core.process.model import DEFAULT_ROLE
from workshop_tui.core.process.reference import TOTAL

MERGE_KEYS = ("unit", "levels", "activity_drivers")
MERGE_JSON_LEVEL_FIELDS = ("process_id", "group_id", "level", "n_workshops", "low", "high", "mean")
MERGE_JSON_DRIVER_FIELDS = ("process_id", "group_id", "subprocess_no", "activity_id", "mean_mid")


def is_merge_json(path: Path) -> bool:
    """True for a file `merge --format json` wrote (read only when it is a .json file)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        with open(path, encoding="utf-8") as handle:
            head = handle.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return '"unit"' in head and '"levels"' in head


def read_merge_json(path: Path) -> dict[str, Any]:
    """The merge's JSON, checked for what costing needs; every problem named."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WorkshopError(N_("Invalid merge file"), [Problem(path, str(error))]) from None
    problems = []
    if not isinstance(data, dict) or any(key not in data for key in MERGE_KEYS):
        problems.append(Problem(path, "not a merge: expected `merge --format json` output"))
    else:
        for table, fields in (
            ("levels", MERGE_JSON_LEVEL_FIELDS),
            ("activity_drivers", MERGE_JSON_DRIVER_FIELDS),
        ):
            for index, row in enumerate(data[table]):
                missing = [name for name in fields if not isinstance(row, dict) or name not in row]
                if missing:
                    message = f"missing {', '.join(missing)}"
                    problems.append(Problem(path, message, field=f"{table}[{index}]"))
    if problems:
        raise WorkshopError(N_("Invalid merge file"), problems[:20])
    return dict(data)


def costs_from_merge(data: dict[str, Any], costing: Costing, seed: int) -> CostResult:
    levels = pd.DataFrame(data["levels"], columns=list(MERGE_JSON_LEVEL_FIELDS))
    drivers = pd.DataFrame(data["activity_drivers"], columns=list(MERGE_JSON_DRIVER_FIELDS))
    roles = [
        costing.role_of(p, a)
        for p, a in zip(drivers["process_id"], drivers["activity_id"], strict=True)
    ]
    drivers["dkk"] = drivers["mean_mid"] * [costing.file.hourly_cost(r) for r in roles]
    drivers["fte"] = drivers["mean_mid"] * [1 / costing.file.productive_hours(r) for r in roles]
    drivers["level"] = drivers["subprocess_no"].astype(str)
    drivers["function"] = [costing.file.function_of(r) for r in roles]
    sums = ["mean_mid", "dkk", "fte"]
    by_level: Any = drivers.groupby(["process_id", "group_id", "level"])[sums].sum()
    by_total: Any = drivers.groupby(["process_id", "group_id"])[sums].sum()
    default_rate = costing.file.hourly_cost(DEFAULT_ROLE)
    rows = []
    for level in rows_of(levels):
        pair = (level.process_id, level.group_id)
        is_total = level.level == TOTAL
        key = pair if is_total else (*pair, level.level)
        table = by_total if is_total else by_level
        hours_mid = float(level.mean)
        if int(level.n_workshops) == 0 or key not in table.index:
            dkk_mid = fte_per_case = rate = np.nan
        else:
            money: Any = table.loc[key]
            activity_hours = float(money["mean_mid"])
            rate = float(money["dkk"]) / activity_hours if activity_hours > 0 else default_rate
            fte_rate = float(money["fte"]) / activity_hours if activity_hours > 0 else 0.0
            # the activities' means are over the workshops whose total counts; a
            # subprocess also counts the incomplete workshops that estimated it, so
            # its kroner are its own hours at its activities' mean rate
            dkk_mid = float(money["dkk"]) if is_total else hours_mid * rate
            fte_per_case = float(money["fte"]) if is_total else hours_mid * fte_rate
        volume = costing.file.volume(*pair)
        cases = volume.cases_per_year if volume else np.nan
        rows.append(
            [*pair, level.level, int(level.n_workshops), float(level.low), hours_mid]
            + [float(level.high), np.nan, np.nan, False]
            + [float(level.low) * rate, dkk_mid, float(level.high) * rate, np.nan, np.nan]
            + [fte_per_case, cases, volume.basis if volume else ""]
            + [cases * hours_mid, cases * fte_per_case, cases * dkk_mid]
        )
    costs = pd.DataFrame(rows, columns=list(COST_COLUMNS))
    return CostResult(
        costs=costs,
        municipalities=_national_for_municipalities(costs, costing),
        checks=check_figures(costs, costing),
        workshops=pd.DataFrame(),
        seed=seed,
        functions=_functions_from_drivers(drivers, costs),
    )


def _functions_from_drivers(drivers: pd.DataFrame, costs: pd.DataFrame) -> pd.DataFrame:
    """Each function's share of a level's mid: the sum of its activities' mean hours
    and kroner (exact, as a mean is linear), per level and for the total."""
    if drivers.empty:
        return pd.DataFrame(columns=list(FUNCTION_COLUMNS))
    measures = ["mean_mid", "dkk", "fte"]
    by_level = drivers.groupby([*KEYS, "function"], sort=False, as_index=False)[measures].sum()
    by_total = drivers.groupby(["process_id", "group_id", "function"], sort=False, as_index=False)[
        measures
    ].sum()
    by_total["level"] = TOTAL
    sums = pd.concat([by_level, by_total], ignore_index=True)
    sums = sums.merge(costs.loc[:, [*KEYS, "cases_per_year"]], on=KEYS, how="inner")
    return function_rows(sums.rename(columns={"mean_mid": "hours_mid", "dkk": "dkk_mid"}))


def _national_for_municipalities(costs: pd.DataFrame, costing: Costing) -> pd.DataFrame:
    totals = costs[costs["level"] == TOTAL].set_index(["process_id", "group_id"])
    rows = []
    for (municipality, process_id, group_id), cases in volumes_in_order(costing):
        if (process_id, group_id) not in totals.index:
            continue
        line: Any = totals.loc[(process_id, group_id)]
        hours, dkk = float(line["hours_mid"]), float(line["dkk_mid"])
        rows.append(
            [municipality, process_id, group_id, cases, "national", 0, hours, dkk]
            + [cases * hours, cases * float(line["fte_per_case"]), cases * dkk]
        )
    return pd.DataFrame(rows, columns=list(MUNICIPALITY_COST_COLUMNS))
