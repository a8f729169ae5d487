"""The levels table's figures and Tukey's fences, computed with numpy, are pandas' own.

`merge --format csv` computes them without importing pandas (merge/level_stats.py);
every other table and the Python API still hand out pandas DataFrames. These tests
hold the numpy figures to pandas' group-bys (the mean to within its last bit), and
check that the merge command really runs without pandas.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.waiting import LIMIT
from workshop_tui.core.merge.level_stats import fences, level_figures

EXAMPLES = Path(__file__).resolve().parents[2] / "exports" / "examples"

# Hours as rooms give them (multiples of 0.05, 0.025 after halving) and awkward floats.
_HOURS = st.one_of(
    st.integers(0, 400).map(lambda n: n * 0.025),
    st.floats(0, 1000, allow_nan=False, allow_infinity=False),
)


@st.composite
def level_rows(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 120))
    # keys beyond 16 bits are sorted another way (level_stats.key_groups): some examples have one
    choices = [1000, 1001, 1002, 2000, 7003] + draw(st.sampled_from([[], [70003]]))
    keys = draw(st.lists(st.sampled_from(choices), min_size=n, max_size=n))
    lows = draw(st.lists(_HOURS, min_size=n, max_size=n))
    extra = draw(st.lists(_HOURS, min_size=n, max_size=n))
    low = np.array(lows)
    return np.array(keys), low, low + np.array(extra)


def _same(mine: float, theirs: float) -> bool:
    return (math.isnan(mine) and math.isnan(theirs)) or mine == theirs


@settings(max_examples=200, deadline=None)
@given(level_rows())
def test_the_levels_figures_are_pandas_group_by_figures_to_the_last_bit(rows):
    key, low, high = rows
    mid = (low + high) / 2
    every_key = np.unique(np.append(key, 9999))  # one level where nothing counts
    frame = pd.DataFrame({"key": key, "low": low, "high": high, "mid": mid})
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
        .reindex(every_key)
    )
    mine = level_figures(key, low, high, mid, every_key)
    for figure, (_, row) in zip(mine, stats.iterrows(), strict=True):
        assert figure.n == (0 if math.isnan(row["n_workshops"]) else row["n_workshops"])
        for name in ("low", "high", "median", "min_mid", "max_mid"):
            assert _same(getattr(figure, name), row[name]), name
        # the mean: pandas 3 sums sorted keys with add.reduceat, its Cython path with
        # Kahan's compensation (as level_stats does); the two can differ in the last bit
        assert _same(figure.mean, row["mean"]) or math.isclose(
            figure.mean, row["mean"], rel_tol=1e-14
        ), "mean"


@settings(max_examples=200, deadline=None)
@given(level_rows())
def test_the_fences_are_pandas_quartiles_to_the_last_bit(rows):
    key, low, high = rows
    mid = (low + high) / 2
    grouped = pd.DataFrame({"key": key, "mid": mid}).groupby("key")["mid"]
    theirs = pd.DataFrame(
        {"n": grouped.size(), "q1": grouped.quantile(0.25), "q3": grouped.quantile(0.75)}
    )
    theirs = theirs[theirs["n"] >= 5]
    mine = fences(key, mid, 5, 1.5)
    assert sorted(mine) == theirs.index.tolist()
    for key_value, row in theirs.iterrows():
        assert (mine[key_value].n, mine[key_value].q1, mine[key_value].q3) == (
            row["n"],
            row["q1"],
            row["q3"],
        )


def test_merge_as_csv_never_imports_pandas_and_the_python_api_still_has_frames():
    """The whole command, in its own process: the levels CSV without pandas loaded."""
    code = (
        "import sys\n"
        "from workshop_tui.cli.main import main\n"
        f"main(['merge', {str(EXAMPLES)!r}, '--format', 'csv'])\n"
        "sys.stderr.write('pandas loaded: %s' % ('pandas' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=LIMIT, check=True
    )
    assert done.stdout.startswith("process_id,group_id,level,n_workshops,low,high,mean")
    assert done.stderr.endswith("pandas loaded: False")

    from workshop_tui.core.merge import load_exports, summarise

    summary = summarise(load_exports([EXAMPLES]))
    assert isinstance(summary.levels, pd.DataFrame) and len(summary.levels) > 0
    assert str(summary.levels["n_below"].dtype) == "Int64"
    assert len(summary.overview) == (summary.levels["level"] == "total").sum()
    assert isinstance(summary.activity_drivers, pd.DataFrame)
