"""Per level key: the levels table's figures and the outlier fences, with numpy alone.

`merge --format csv` prints the levels table and the screening on standard error;
neither needs pandas, whose import alone takes longer than reading a thousand
exports. The figures are those pandas' group-bys give: the count, min, max and
median to the last bit, the quartiles by linear interpolation as pandas' `quantile`,
and the mean from Kahan's compensated sum in row order, as pandas' Cython group-by
sums (pandas 3 sums sorted keys with numpy's `add.reduceat` instead, which can
differ in the last bit). A test compares them with pandas' on random data.

The rows are grouped by key once (`key_groups`: one stable sort of the keys) and
each key's figures come from whole-array operations over the groups, so the cost
hardly grows with the number of keys.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workshop_tui.core.merge.arrays import Flat, Floats, Index


def level_keys(flat: Flat) -> Index:
    """Each level row's (process, group) pair x 1000 + level number."""
    return flat.level_key


@dataclass(frozen=True)
class KeyGroups:
    """The rows of each distinct key, ascending: `keys`, and per key its rows' positions
    in `order` (the rows sorted by key, row order kept within a key) from `starts`,
    `counts` long. Every key here has at least one row."""

    keys: Index
    starts: Index
    counts: Index
    order: Index

    def ascending(self, values: Floats) -> Floats:
        """`values` in key order, each key's values sorted ascending (NaN last)."""
        out = values[self.order]
        ends = self.starts + self.counts
        for start, end in zip(self.starts.tolist(), ends.tolist(), strict=True):
            out[start:end].sort()
        return out


def key_groups(key: Index) -> KeyGroups:
    """The rows grouped by `key` (integers), row order kept within each key."""
    if not len(key):
        nothing = np.zeros(0, dtype=np.int64)
        return KeyGroups(nothing, nothing, nothing, nothing)
    narrow = key
    if int(key.min()) >= 0 and int(key.max()) < 2**16:
        narrow = key.astype(np.uint16)  # numpy sorts 16-bit integers by radix: O(n)
    order = np.argsort(narrow, kind="stable")
    ordered = key[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    counts = np.diff(np.append(starts, len(key)))
    return KeyGroups(ordered[starts], starts, counts, order)


def _quantiles(ascending: Floats, groups: KeyGroups, q: float) -> Floats:
    """Per key, linear interpolation between the closest ranks, as pandas' quantile.

    The same float operations, in the same order, as the scalar formula
    value + (next - value) * (position - below).
    """
    starts, counts = groups.starts, groups.counts
    position = q * (counts - 1)
    below: Floats = np.floor(position)
    at = starts + below.astype(np.int64)
    value: Floats = ascending[at]
    following: Floats = ascending[np.minimum(at + 1, starts + counts - 1)]
    with np.errstate(all="ignore"):  # as Python's floats: inf - inf is NaN, silently
        interpolated = value + (following - value) * (position - below)
    return np.where(below + 1 >= counts, value, interpolated)


def _medians(ascending: Floats, groups: KeyGroups) -> Floats:
    middle = groups.starts + groups.counts // 2
    odd = groups.counts % 2 == 1
    below: Floats = ascending[middle - 1]  # not used where the count is odd
    above: Floats = ascending[middle]
    with np.errstate(all="ignore"):
        return np.where(odd, above, (below + above) / 2)


def kahan_means(groups: KeyGroups, values: np.ndarray) -> np.ndarray:
    """Per key of `groups`, the mean of its values summed in row order with Kahan's
    compensation.

    The sum pandas' Cython group-by mean computes, step for step (the compensated
    sum is the more exact one where pandas 3's reduceat path differs in the last
    bit). The loop runs over positions within a key (as many as the largest key has
    rows), each step over every key at once: the values are laid out as a grid of
    positions x keys, longest key first, so the keys still summing are a prefix.
    """
    counts = groups.counts
    n_keys = len(counts)
    if not n_keys:
        return np.zeros(0)
    longest_first = np.argsort(-counts, kind="stable")
    column = np.empty(n_keys, dtype=np.int64)
    column[longest_first] = np.arange(n_keys)
    key_of_row = np.repeat(np.arange(n_keys), counts)
    position = np.arange(len(key_of_row)) - groups.starts[key_of_row]
    grid = np.zeros((int(counts.max()), n_keys))
    grid[position, column[key_of_row]] = values[groups.order]
    descending = counts[longest_first]
    total, compensation = np.zeros(n_keys), np.zeros(n_keys)
    step = 0
    while step < len(grid):  # runs of steps where the same keys are still summing
        live = int(np.count_nonzero(descending > step))
        run_end = int(descending[live - 1])
        _kahan_run(grid[step:run_end, :live], total[:live], compensation[:live])
        step = run_end
    return (total / counts[longest_first])[column]


def _kahan_run(rows: np.ndarray, total: np.ndarray, compensation: np.ndarray) -> None:
    """Add `rows` to `total` one row at a time, with Kahan's compensation (in place):
    y = value - compensation; t = total + y; compensation = (t - total) - y; total = t."""
    y, t = np.empty_like(total), np.empty_like(total)
    for row in rows:
        np.subtract(row, compensation, out=y)
        np.add(total, y, out=t)
        np.subtract(t, total, out=compensation)
        np.subtract(compensation, y, out=compensation)
        total[...] = t


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


NO_FIGURES = LevelFigures(0, *(math.nan,) * 6)


def group_figures(
    groups: KeyGroups, low: np.ndarray, high: np.ndarray, mid: np.ndarray
) -> dict[int, LevelFigures]:
    """Per key of `groups`: the figures of its rows."""
    if not len(groups.keys):
        return {}
    ascending = groups.ascending(mid)
    starts, counts = groups.starts, groups.counts
    columns = (
        counts,
        np.minimum.reduceat(low[groups.order], starts),
        np.maximum.reduceat(high[groups.order], starts),
        kahan_means(groups, mid),
        _medians(ascending, groups),
        ascending[starts],
        ascending[starts + counts - 1],
    )
    return {
        key: LevelFigures(*figures)
        for key, *figures in zip(groups.keys.tolist(), *(c.tolist() for c in columns), strict=True)
    }


def level_figures(
    key: np.ndarray, low: np.ndarray, high: np.ndarray, mid: np.ndarray, every_key: np.ndarray
) -> list[LevelFigures]:
    """Per key of `every_key` (ascending, distinct): the counted rows' figures."""
    found = group_figures(key_groups(key), low, high, mid)
    return [found.get(k, NO_FIGURES) for k in every_key.tolist()]


@dataclass(frozen=True)
class Fences:
    """Tukey's fences of one level key: its count, quartiles and the fences around them."""

    n: int
    q1: float
    q3: float
    lower: float
    upper: float


def group_fences(groups: KeyGroups, mid: np.ndarray, min_n: int, k: float) -> dict[int, Fences]:
    """Per key with at least `min_n` rows: the quartiles of `mid` and q1 - k IQR, q3 + k IQR."""
    if not len(groups.keys):
        return {}
    ascending = groups.ascending(mid)
    q1s, q3s = _quantiles(ascending, groups, 0.25), _quantiles(ascending, groups, 0.75)
    out = {}
    for key_value, n, q1, q3 in zip(
        groups.keys.tolist(), groups.counts.tolist(), q1s.tolist(), q3s.tolist(), strict=True
    ):
        if n < min_n:
            continue
        spread = q3 - q1
        out[key_value] = Fences(n, q1, q3, q1 - k * spread, q3 + k * spread)
    return out


def fences(key: np.ndarray, mid: np.ndarray, min_n: int, k: float) -> dict[int, Fences]:
    """Per key with at least `min_n` rows: the quartiles of `mid` and q1 - k IQR, q3 + k IQR."""
    return group_fences(key_groups(key), mid, min_n, k)


__all__ = [
    "NO_FIGURES",
    "Fences",
    "KeyGroups",
    "LevelFigures",
    "fences",
    "group_fences",
    "group_figures",
    "key_groups",
    "level_figures",
    "level_keys",
]
