"""An independent recomputation of the kroner, as test_merge_recomputed.py does for the hours.

Nothing from workshop_tui is used to compute: the process definitions and the bundled
costing file are read as YAML, the session files with `json` and the tidy CSVs with
`csv`; the sums are exact fractions in pandas, from the rules the analyst's guide
states. The exports are the bundled examples plus one workshop that left a subprocess
not estimated for one group: that level is not 0 hours and that total is incomplete,
so neither counts in the hours, the kroner, the FTE, n or the bootstrap.
`workshop-tui cost` of the exports must agree on every figure, and `cost` of the
merge's JSON must give the same n, hours, kroner and FTE per case.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.functional.test_merge_recomputed import EXAMPLES, ROOT, cells_from_csv
from tests.waiting import LIMIT

COSTING = ROOT / "workshop_tui" / "core" / "costing" / "default_costing.yaml"
INCOMPLETE = {"session_id": "7" * 32, "municipality": "Højby Kommune (fiktiv)"}
LEFT_OUT = ("jobsamtaler", "taet_paa", 2)  # the process, group and subprocess not estimated


def exact(value: object) -> Fraction:
    """A number from a file as the exact decimal it was written as."""
    return Fraction(str(value))


def process_files() -> dict[str, dict]:
    found = {}
    for path in (ROOT / "processes").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[data["id"]] = data
    return found


class Rates:
    """DKK per hour and FTE per hour for each (process, activity), by the rule in the
    costing file's header: a month's salary x 12 x (1 + overhead) over productive hours;
    an activity added in the room is the citizen-facing function's (borgernære)."""

    def __init__(self, processes: dict[str, dict]):
        costing = yaml.safe_load(COSTING.read_text(encoding="utf-8"))
        overhead = exact(costing["overhead_share"])
        roles, functions = costing.get("roles", {}), costing.get("functions", {})

        def rates(role: str) -> tuple[Fraction, Fraction]:
            # a finer role is paid its own salary if it names one, else its function's;
            # an activity may also name a function itself
            entry = roles.get(role, {})
            payer = (
                entry if "monthly_salary_dkk" in entry else functions[entry.get("function", role)]
            )
            hours = exact(
                entry.get("productive_hours_per_year")
                or payer.get("productive_hours_per_year")
                or costing["fte_hours"]
            )
            return exact(payer["monthly_salary_dkk"]) * 12 * (1 + overhead) / hours, 1 / hours

        self.local = rates("borgernaere")  # the source's citizen-facing function
        self.by_activity = {
            (process_id, activity["id"]): rates(activity.get("role", "borgernaere"))
            for process_id, data in processes.items()
            for sub in data["subprocesses"]
            for activity in sub["activities"]
        }

    def of(self, process_id: str, activity_id: str) -> tuple[Fraction, Fraction]:
        return self.by_activity.get((process_id, activity_id), self.local)


def cells_from_json(path: Path, processes: dict[str, dict]) -> list[tuple]:
    """(session, process, group, subprocess, activity, low, high, staff, share, applicable)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    where = {
        activity["id"]: sub["number"]
        for sub in processes[data["process_id"]]["subprocesses"]
        for activity in sub["activities"]
    }
    where.update({a["id"]: a["subprocess"] for a in data["local_activities"]})
    cells = []
    for activity, number in where.items():
        entry = data["activities"].get(activity, {})
        for group in data["groups"]:
            estimate = entry.get("estimates", {}).get(group) or {}
            applies = not entry.get("not_applicable") and not estimate.get("not_applicable")
            cells.append(
                (
                    data["session_id"],
                    data["process_id"],
                    group,
                    number,
                    activity,
                    estimate.get("low"),
                    estimate.get("high"),
                    estimate.get("staff", 1.0),
                    estimate.get("share", 1.0),
                    applies,
                )
            )
    return cells


def exports(folder: Path) -> Path:
    """The examples, and a copy of one job-interview workshop that left subprocess 2
    not estimated for the group close to the labour market."""
    shutil.copytree(EXAMPLES, folder)
    processes = process_files()
    process_id, group, number = LEFT_OUT
    source = next(folder.glob(f"*_{process_id}_*.json"))
    data = json.loads(source.read_text(encoding="utf-8"))
    data.update(INCOMPLETE)
    for sub in processes[process_id]["subprocesses"]:
        if sub["number"] == number:
            for activity in sub["activities"]:
                data["activities"][activity["id"]]["estimates"].pop(group, None)
    (folder / "2024-12-01_hoejby_incomplete.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )
    return folder


def recompute(folder: Path) -> pd.DataFrame:
    """Per process, group and level: n, hours low/mid/high, DKK low/mid/high, FTE per case,
    from the workshops that count there (exact fractions)."""
    processes = process_files()
    rates = Rates(processes)
    places = {
        pid: {a["id"]: s["number"] for s in p["subprocesses"] for a in s["activities"]}
        for pid, p in processes.items()
    }
    cells = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".json":
            cells += cells_from_json(path, processes)
        elif path.suffix == ".csv":
            cells += cells_from_csv(path, places)
    rows = []
    for session, process, group, number, activity, low, high, staff, share, applies in cells:
        estimated = applies and (low is not None or high is not None)
        low = high if low is None else low
        high = low if high is None else high
        weight = exact(staff) * exact(share) if estimated else Fraction(0)
        hours_low = exact(low) * weight if estimated else Fraction(0)
        hours_high = exact(high) * weight if estimated else Fraction(0)
        per_hour, per_fte = rates.of(process, activity)
        rows.append(
            {
                "process_id": process,
                "session_id": session,
                "group_id": group,
                "level": str(number),
                "hours_low": hours_low,
                "hours_high": hours_high,
                "dkk_low": hours_low * per_hour,
                "dkk_high": hours_high * per_hour,
                "fte": (hours_low + hours_high) / 2 * per_fte,
                "filled": int(estimated),
                "expected": int(applies),
            }
        )
    cells_frame = pd.DataFrame(rows)
    keys = ["process_id", "session_id", "group_id"]
    figures = ["hours_low", "hours_high", "dkk_low", "dkk_high", "fte", "filled", "expected"]
    levels = cells_frame.groupby([*keys, "level"], as_index=False)[figures].sum()
    # the rule: a subprocess with applicable activities and none estimated is not 0 hours
    levels["not_estimated"] = (levels["filled"] == 0) & (levels["expected"] > 0)
    totals = levels.groupby(keys, as_index=False)[[*figures, "not_estimated"]].sum()
    totals["level"] = "total"
    totals["not_estimated"] = totals["not_estimated"] > 0  # an incomplete total
    every = pd.concat([levels, totals], ignore_index=True)
    counted = every[~every["not_estimated"].astype(bool)].copy()
    counted["hours_mid"] = (counted["hours_low"] + counted["hours_high"]) / 2
    counted["dkk_mid"] = (counted["dkk_low"] + counted["dkk_high"]) / 2
    by_level = counted.groupby(["process_id", "group_id", "level"])
    return pd.DataFrame(
        {
            "n_workshops": by_level.size(),
            "hours_low": by_level["hours_low"].min(),
            "hours_mid": by_level["hours_mid"].sum() / by_level.size(),
            "hours_high": by_level["hours_high"].max(),
            "dkk_low": by_level["dkk_low"].min(),
            "dkk_mid": by_level["dkk_mid"].sum() / by_level.size(),
            "dkk_high": by_level["dkk_high"].max(),
            "fte_per_case": by_level["fte"].sum() / by_level.size(),
        }
    )


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", *args],
        capture_output=True,
        text=True,
        timeout=LIMIT,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def cost_rows(text: str) -> dict[tuple[str, str, str], dict[str, str]]:
    return {
        (row["process_id"], row["group_id"], row["level"]): row
        for row in csv.DictReader(text.splitlines())
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return exports(tmp_path_factory.mktemp("cost") / "exports")


def test_cost_agrees_with_an_exact_recomputation_of_the_kroner(folder):
    costed = cost_rows(run("cost", str(folder), "--format", "csv"))
    expected = recompute(folder)
    assert set(costed) == set(expected.index)
    for key, figures in expected.iterrows():
        row = costed[key]
        assert int(row["n_workshops"]) == figures["n_workshops"], key
        for name in expected.columns[1:]:
            wanted = pytest.approx(float(figures[name]), rel=1e-9, abs=1e-6)  # CSV: 6 decimals
            assert float(row[name]) == wanted, (key, name)
        if figures["n_workshops"] < 2:
            assert row["dkk_ci_low"] == "", key  # no bootstrap from fewer than two
    # the incomplete workshop's estimated subprocesses count; its gap and total do not
    process_id, group, number = LEFT_OUT
    assert int(costed[(process_id, group, "1")]["n_workshops"]) == 5
    assert int(costed[(process_id, group, str(number))]["n_workshops"]) == 4
    assert int(costed[(process_id, group, "total")]["n_workshops"]) == 4


def test_cost_of_the_merge_gives_the_same_hours_and_kroner_per_case(folder, tmp_path):
    merged = tmp_path / "merged.json"
    run("merge", str(folder), "--format", "json", "--out", str(merged))
    from_merge = cost_rows(run("cost", str(merged), "--format", "csv"))
    from_exports = cost_rows(run("cost", str(folder), "--format", "csv"))
    assert set(from_merge) == set(from_exports)
    for key, row in from_exports.items():
        other = from_merge[key]
        assert other["n_workshops"] == row["n_workshops"], key
        for name in ("hours_low", "hours_mid", "hours_high", "fte_per_case"):
            assert float(other[name]) == pytest.approx(float(row[name]), abs=1e-6), (key, name)
        # the merge's JSON holds hours to 6 decimals: x ~DKK 450 an hour, within 0.1 øre
        assert float(other["dkk_mid"]) == pytest.approx(float(row["dkk_mid"]), abs=1e-3), key
