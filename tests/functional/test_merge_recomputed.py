"""An independent recomputation of the bundled examples, in plain Python.

Nothing from workshop_tui is used to compute: the process definitions are read
from the YAML, the session files with `json` and the tidy CSVs with `csv`, and
every sum and statistic is written out here from the rules the analyst's guide states.
`workshop-tui merge --format csv` must agree on every figure.
"""

from __future__ import annotations

import csv
import json
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from tests.waiting import LIMIT

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "exports" / "examples"


def subprocess_of_activities() -> dict[str, dict[str, int]]:
    """process id -> activity id -> subprocess number, from processes/*.yaml."""
    found = {}
    for path in (ROOT / "processes").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[data["id"]] = {
            activity["id"]: sub["number"]
            for sub in data["subprocesses"]
            for activity in sub["activities"]
        }
    return found


def cells_from_json(path: Path, places: dict[str, dict[str, int]]) -> list[tuple]:
    """(session, process, group, subprocess, activity, low, high, staff, share, applicable)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    where = dict(places[data["process_id"]])
    where.update({a["id"]: a["subprocess"] for a in data["local_activities"]})
    cells = []
    for activity, number in where.items():
        entry = data["activities"].get(activity, {})
        for group in data["groups"]:
            estimate = entry.get("estimates", {}).get(group)
            cells.append(
                (
                    data["session_id"],
                    data["process_id"],
                    group,
                    number,
                    activity,
                    estimate.get("low") if estimate else None,
                    estimate.get("high") if estimate else None,
                    estimate.get("staff", 1.0) if estimate else 1.0,
                    estimate.get("share", 1.0) if estimate else 1.0,
                    not entry.get("not_applicable", False),
                )
            )
    return cells


def cells_from_csv(path: Path, places: dict[str, dict[str, int]]) -> list[tuple]:
    cells = []
    seen = set()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):

            def number(name: str, row: dict[str, str] = row) -> float | None:
                return float(row[name]) if row.get(name, "").strip() else None

            cells.append(
                (
                    row["session_id"],
                    row["process_id"],
                    row["group_id"],
                    int(row["subprocess_no"]),
                    row["activity_id"],
                    number("low_hours"),
                    number("high_hours"),
                    number("staff") or 1.0,
                    number("share") if number("share") is not None else 1.0,
                    row.get("applicable", "true").strip().lower() != "false",
                )
            )
            seen.add((row["session_id"], row["process_id"], row["group_id"]))
    # a minimal CSV may leave out activities: they are expected, never estimated
    for session, process, group in seen:
        listed = {c[4] for c in cells if (c[0], c[2]) == (session, group)}
        for activity, number in places[process].items():
            if activity not in listed:
                cells.append((session, process, group, number, activity, None, None, 1, 1, True))
    return cells


def recompute() -> dict[tuple[str, str, str], dict[str, float]]:
    """(process, group, level) -> n_workshops, low, high, mean, median, min_mid, max_mid."""
    places = subprocess_of_activities()
    cells = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".json":
            cells += cells_from_json(path, places)
        elif path.suffix == ".csv":
            cells += cells_from_csv(path, places)
    # per workshop, group and subprocess: sums of hours x staff x share, filled and expected
    sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    for session, process, group, number, _, low, high, staff, share, applicable in cells:
        item = sums[(process, session, group, number)]
        if not applicable:
            continue
        item[3] += 1
        if low is None and high is None:
            continue
        low = high if low is None else low
        high = low if high is None else high
        item[0] += low * staff * share
        item[1] += high * staff * share
        item[2] += 1
    levels: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    workshops: dict[tuple, list] = defaultdict(list)
    for (process, session, group, number), (low, high, filled, expected) in sums.items():
        workshops[(process, session, group)].append((number, low, high, filled, expected))
    for (process, _, group), parts in workshops.items():
        unestimated = [p for p in parts if p[3] == 0 and p[4] > 0]  # nothing filled, not a 0
        for number, low, high, filled, expected in parts:
            if not (filled == 0 and expected > 0):
                levels[(process, group, str(number))].append((low, high))
        if not unestimated:  # a total with an unestimated level is left out
            ordered = sorted(parts)
            levels[(process, group, "total")].append(
                (sum(p[1] for p in ordered), sum(p[2] for p in ordered))
            )
    figures = {}
    for key, spans in levels.items():
        mids = [(low + high) / 2 for low, high in spans]
        figures[key] = {
            "n_workshops": len(spans),
            "low": min(low for low, _ in spans),
            "high": max(high for _, high in spans),
            "mean": statistics.fmean(mids),
            "median": statistics.median(mids),
            "min_mid": min(mids),
            "max_mid": max(mids),
        }
    return figures


def test_merge_agrees_with_a_plain_python_recomputation_of_the_examples():
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "merge", str(EXAMPLES), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=LIMIT,
        cwd=ROOT,
        check=True,
    )
    merged = {
        (row["process_id"], row["group_id"], row["level"]): row
        for row in csv.DictReader(done.stdout.splitlines())
    }
    expected = recompute()
    assert set(merged) == set(expected)
    for key, figures in expected.items():
        row = merged[key]
        assert int(row["n_workshops"]) == figures["n_workshops"], key
        for name in ("low", "high", "mean", "median", "min_mid", "max_mid"):
            assert float(row[name]) == pytest.approx(figures[name], abs=1e-6), (key, name)
    assert len(expected) > 50  # every process, group and level of the examples
