"""Per level key: the levels table's figures and the outlier fences, with numpy alone.

`merge --format csv` prints the levels table and the screening on standard error;
neither needs pandas, whose import alone takes longer than reading a thousand
exports. The figures are those pandas' group-bys give: the count, min, max and
median to the last bit, the quartiles by linear interpolation as pandas' `quantile`,
and the mean from Kahan's compensated sum in row order, as pandas' Cython group-by
sums (pandas 3 sums sorted keys with numpy's `add.reduceat` instead, which can
differ in the last bit). A test compares them with pandas' on random data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from workshop_tui.core.merge.arrays import Flat


def level_keys(flat: Flat) -> np.ndarray:
    """Each level row's (process, group) pair x 1000 + level number."""
    return flat.cell_pair[flat.level_cell] * 1000 + flat.level_no


@dataclass(frozen=True)
class KeyGroups:
    """The rows of each distinct key, ascending: `keys`, and per key its rows' positions
    in `order` (the rows sorted by key, then by `by`) from `starts`, `counts` long."""

    keys: np.ndarray
    starts: np.ndarray
    counts: np.ndarray
    order: np.ndarray

    def slices(self) -> list[slice]:
        ends = self.starts + self.counts
        return [slice(s, e) for s, e in zip(self.starts.tolist(), ends.tolist(), strict=True)]


def key_groups(key: np.ndarray, by: np.ndarray) -> KeyGroups:
    """The rows grouped by `key`, sorted by `by` within each key (stable: ties keep order)."""
    order = np.lexsort((by, key))
    keys, starts, counts = np.unique(key[order], return_index=True, return_counts=True)
    return KeyGroups(keys, starts, counts, order)


def quantile(ascending: np.ndarray, q: float) -> float:
    """Linear interpolation between the closest ranks, as pandas' quantile computes it."""
    position = q * (len(ascending) - 1)
    below = math.floor(position)
    value = float(ascending[below])
    if below + 1 >= len(ascending):
        return value
    fraction = position - below
    return value + (float(ascending[below + 1]) - value) * fraction


def kahan_means(key: np.ndarray, values: np.ndarray) -> dict[int, float]:
    """Per key, the mean of its values summed in row order with Kahan's compensation.

    The sum pandas' Cython group-by mean computes, step for step (the compensated
    sum is the more exact one where pandas 3's reduceat path differs in the last
    bit). The loop runs over positions within a key (as many as the largest key has
    rows), each step over every key at once.
    """
    order = np.argsort(key, kind="stable")
    keys, starts, counts = np.unique(key[order], return_index=True, return_counts=True)
    longest_first = np.argsort(-counts, kind="stable")  # the keys still summing: a prefix
    keys, starts, counts = keys[longest_first], starts[longest_first], counts[longest_first]
    ordered = values[order]
    total = np.zeros(len(keys))
    compensation = np.zeros(len(keys))
    for step in range(int(counts.max(initial=0))):
        live = int(np.count_nonzero(counts > step))
        y = ordered[starts[:live] + step] - compensation[:live]
        t = total[:live] + y
        compensation[:live] = (t - total[:live]) - y
        total[:live] = t
    return dict(zip(keys.tolist(), (total / np.maximum(counts, 1)).tolist(), strict=True))


def median(ascending: np.ndarray) -> float:
    middle = len(ascending) // 2
    if len(ascending) % 2:
        return float(ascending[middle])
    return (float(ascending[middle - 1]) + float(ascending[middle])) / 2


@dataclass(frozen=True)
class LevelFigures:
    """One level key's figures over the rows that count (NaN where none counts)."""

    n: int
    low: float
    high: float
    mean: float
    median: float
    min_mid: float
    max_mid: float


_NONE = LevelFigures(0, *(math.nan,) * 6)


def level_figures(
    key: np.ndarray, low: np.ndarray, high: np.ndarray, mid: np.ndarray, every_key: np.ndarray
) -> list[LevelFigures]:
    """Per key of `every_key` (ascending, distinct): the counted rows' figures."""
    groups = key_groups(key, mid)
    found = {
        int(k): (s, n)
        for k, s, n in zip(
            groups.keys.tolist(), groups.slices(), groups.counts.tolist(), strict=True
        )
    }
    lows, highs, mids = low[groups.order], high[groups.order], mid[groups.order]
    means = kahan_means(key, mid)
    figures = []
    for k in every_key.tolist():
        if k not in found:
            figures.append(_NONE)
            continue
        rows, n = found[k]
        ascending = mids[rows]
        figures.append(
            LevelFigures(
                n=n,
                low=float(lows[rows].min()),
                high=float(highs[rows].max()),
                mean=means[k],
                median=median(ascending),
                min_mid=float(ascending[0]),
                max_mid=float(ascending[-1]),
            )
        )
    return figures


@dataclass(frozen=True)
class Fences:
    """Tukey's fences of one level key: its count, quartiles and the fences around them."""

    n: int
    q1: float
    q3: float
    lower: float
    upper: float


def fences(key: np.ndarray, mid: np.ndarray, min_n: int, k: float) -> dict[int, Fences]:
    """Per key with at least `min_n` rows: the quartiles of `mid` and q1 - k IQR, q3 + k IQR."""
    groups = key_groups(key, mid)
    mids = mid[groups.order]
    out = {}
    for key_value, rows, n in zip(
        groups.keys.tolist(), groups.slices(), groups.counts.tolist(), strict=True
    ):
        if n < min_n:
            continue
        ascending = mids[rows]
        q1, q3 = quantile(ascending, 0.25), quantile(ascending, 0.75)
        spread = q3 - q1
        out[int(key_value)] = Fences(n, q1, q3, q1 - k * spread, q3 + k * spread)
    return out


__all__ = ["Fences", "LevelFigures", "fences", "level_figures", "level_keys", "quantile"]
