"""Every record's figures as flat numpy arrays, and the order tables are sorted in."""

from __future__ import annotations

from collections.abc import Callable, Sequence, Sized
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from workshop_tui.core.merge.counting import level_status, uncounted_levels
from workshop_tui.core.merge.records import (
    LEVEL_FIELDS,
    TOTAL_LEVEL,
    VALUE_FIELDS,
    SessionRecord,
    stacked,
)
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.totals import ActivityLine

Index = npt.NDArray[np.integer[Any]]  # positions or numbers, one per row
Floats = npt.NDArray[np.floating[Any]]

Shape = tuple[str, tuple[str, ...], tuple[int, ...]]  # a record's process, groups and levels
_shape: Callable[[SessionRecord], Shape] = attrgetter("process_id", "groups", "level_nos")
_V = {name: index for index, name in enumerate(VALUE_FIELDS)}


class Order:
    """Sort keys: processes in catalogue order, groups in their process's order."""

    def __init__(self, catalogue: Catalogue):
        self.process = {p.id: i for i, p in enumerate(catalogue)}
        self.group = {(p.id, g): i for p in catalogue for i, g in enumerate(p.group_ids)}

    def key(self, process_id: str, group_id: str = "") -> tuple[int, str, int, str]:
        return (
            self.process.get(process_id, len(self.process)),
            process_id,
            self.group.get((process_id, group_id), 99),
            group_id,
        )


class Flat:
    """Every record's figures as flat numpy arrays, in the records' canonical order.

    A 'cell' is one workshop x group; `pair` numbers the (process, group) pairs;
    a level 'row' is one cell x level; an activity row (`activities`) one cell x
    activity line. Records of one shape (process, groups and levels) lay out their
    cells and level rows alike, so Python looks at each record once, to name its
    shape, and numpy spreads each shape's layout over its records.
    """

    def __init__(self, records: list[SessionRecord]):
        self.records = records
        shape_ids: dict[Shape, int] = {}
        record_shape = np.array(
            [shape_ids.setdefault(shape, len(shape_ids)) for shape in map(_shape, records)],
            dtype=np.int64,
        )
        pairs: dict[tuple[str, str], int] = {}  # in order of first appearance
        shape_pairs: list[list[int]] = []
        shape_levels: list[tuple[int, ...]] = []
        for process_id, groups, level_nos in shape_ids:
            shape_pairs.append([pairs.setdefault((process_id, g), len(pairs)) for g in groups])
            shape_levels.append(level_nos)
        self.pairs = list(pairs)
        cells_per_record = _lengths(shape_pairs)[record_shape]
        self.cell_record: Index = _spread(cells_per_record)[0]
        self.cell_pair: Index = _laid_out(shape_pairs, record_shape, cells_per_record)
        cell_shape = record_shape[self.cell_record]
        levels_per_cell = _lengths(shape_levels)[cell_shape]
        self.level_cell: Index = _spread(levels_per_cell)[0]
        self.level_no: Index = _laid_out(shape_levels, cell_shape, levels_per_cell)
        self.level_key: Index = self.cell_pair[self.level_cell] * 1000 + self.level_no

        levels = stacked(records, "levels", LEVEL_FIELDS)
        self.level_low = levels[:, 0]
        self.level_high = levels[:, 1]
        self.level_mid = (self.level_low + self.level_high) / 2
        self.level_filled = levels[:, 2]
        self.level_expected = levels[:, 3]
        # every cell has exactly one total row, so these come in cell order
        is_total = self.level_no == TOTAL_LEVEL
        self.total_mid = (self.level_low[is_total] + self.level_high[is_total]) / 2
        self.use_cells(np.ones(len(self.cell_record), dtype=bool))

    @cached_property
    def cell_group(self) -> np.ndarray:
        """Each cell's group id (an object array of str)."""
        groups = np.empty(len(self.pairs), dtype=object)
        groups[:] = [group for _, group in self.pairs]
        return groups[self.cell_pair]

    @cached_property
    def uncounted(self) -> tuple[np.ndarray, np.ndarray]:
        """Per level row: not estimated at all; the total of an incomplete cell (counting.py)."""
        return uncounted_levels(
            self.level_no,
            self.level_filled,
            self.level_expected,
            self.level_cell,
            len(self.cell_record),
            TOTAL_LEVEL,
        )

    @cached_property
    def level_status(self) -> np.ndarray:
        """Per level row: 'estimated', 'not_estimated' or 'incomplete' (counting.py)."""
        return level_status(*self.uncounted)

    @cached_property
    def activities(self) -> ActivityRows:
        """The activity rows, for the cost drivers (built on first use)."""
        return ActivityRows(self.records, self.cell_record)

    def use_cells(self, used: np.ndarray) -> None:
        """Count only the cells (workshop x group) in `used` in the cost-driver figures.

        The others get weight 0: they add nothing to a pair's n, mean or variance,
        and their centred totals are 0, so they add nothing to any covariance.
        """
        self.cell_weight = used.astype(float)
        weight, pairs = self.cell_weight, len(self.pairs)
        self.n_workshops = np.bincount(self.cell_pair, weight, pairs).astype(np.int64)
        n = np.maximum(self.n_workshops, 1)
        self.total_mean = np.bincount(self.cell_pair, self.total_mid * weight, pairs) / n
        centred = (self.total_mid - self.total_mean[self.cell_pair]) * weight
        self.total_centred = centred
        self.total_var = np.bincount(self.cell_pair, centred * centred, pairs) / n

    def shares(
        self, pair: np.ndarray, value_sum: np.ndarray, weighted_sum: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """mean, share of the mean total and spread share for parts of `pair`."""
        n = self.n_workshops[pair]
        mean = value_sum / np.maximum(n, 1)
        total_mean, total_var = self.total_mean[pair], self.total_var[pair]
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(total_mean > 0, mean / total_mean, np.nan)
            spread = np.where(
                (n >= 2) & (total_var > 1e-12), (weighted_sum / n) / total_var, np.nan
            )
        return mean, share, spread


def _lengths(items: Sequence[Sized]) -> Index:
    return np.array([len(item) for item in items], dtype=np.int64)


def _spread(sizes: Index) -> tuple[Index, Index]:
    """For parts laid out owner by owner, `sizes[i]` parts for owner i: each part's
    owner and its position within its owner."""
    owner = np.repeat(np.arange(len(sizes)), sizes)
    starts = np.cumsum(sizes) - sizes
    return owner, np.arange(len(owner)) - starts[owner]


def _laid_out(layouts: Sequence[Sequence[int]], owner_layout: Index, sizes: Index) -> Index:
    """For owners laid out as `layouts[owner_layout[owner]]` (`sizes` long), every part's
    value: its owner's layout at its position, as one array."""
    owner, position = _spread(sizes)
    flat_layouts = np.array([value for layout in layouts for value in layout], dtype=np.int64)
    layout_starts = np.cumsum(_lengths(layouts)) - _lengths(layouts)
    values: Index = flat_layouts[layout_starts[owner_layout[owner]] + position]
    return values


class ActivityRows:
    """One row per cell (workshop x group) x activity line, in cell order.

    `lines` holds every record's ActivityLine objects, once per record (not per
    group); `line` is each row's index in it, `cell` its cell.
    """

    def __init__(self, records: list[SessionRecord], cell_record: Index):
        record_lines = [r.lines for r in records]
        lines_per_record = _lengths(record_lines)
        self.lines: list[ActivityLine] = list(chain.from_iterable(record_lines))
        line_start = np.cumsum(lines_per_record) - lines_per_record
        self.cell, position = _spread(lines_per_record[cell_record])
        self.line = line_start[cell_record[self.cell]] + position
        values = stacked(records, "values", VALUE_FIELDS)
        self.mid = (values[:, _V["counted_low"]] + values[:, _V["counted_high"]]) / 2
        self.time_consuming = self._line_flags("time_consuming")[self.line]
        # per cell: the activity, or only this group's cell, may be marked not applicable
        self.applicable = values[:, _V["applies"]] > 0

    def _line_flags(self, name: str) -> np.ndarray:
        return np.fromiter(map(attrgetter(name), self.lines), dtype=bool, count=len(self.lines))


__all__ = ["ActivityRows", "Flat", "Floats", "Index", "Order"]
