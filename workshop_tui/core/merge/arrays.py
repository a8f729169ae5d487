"""Every record's figures as flat numpy arrays, and the order tables are sorted in."""

from __future__ import annotations

from operator import attrgetter

import numpy as np

from workshop_tui.core.catalogue import Catalogue
from workshop_tui.core.merge.records import (
    LEVEL_FIELDS,
    TOTAL_LEVEL,
    VALUE_FIELDS,
    SessionRecord,
    stacked,
)
from workshop_tui.core.totals import ActivityLine

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
    an activity 'row' is one cell x activity line. Python gathers each record's
    levels and lines once (lines once per record, not per group) with list
    operations; numpy spreads them over the cells and rows.
    """

    def __init__(self, records: list[SessionRecord]):
        cell_pair_keys: list[tuple[str, str]] = []
        level_nos: list[int] = []
        levels_per_cell: list[int] = []
        lines: list[ActivityLine] = []
        lines_per_cell: list[int] = []
        row_line: list[int] = []  # each activity row's index in `lines`
        self.cell_record: list[int] = []  # each cell's index in `records`
        self.cell_group: list[str] = []
        for record_no, r in enumerate(records):
            n_groups = len(r.groups)
            self.cell_record += [record_no] * n_groups
            self.cell_group += r.groups
            cell_pair_keys += [(r.process_id, group) for group in r.groups]
            level_nos += r.level_nos * n_groups
            levels_per_cell += [len(r.level_nos)] * n_groups
            row_line += list(range(len(lines), len(lines) + len(r.lines))) * n_groups
            lines += r.lines
            lines_per_cell += [len(r.lines)] * n_groups
        self.pairs = list(dict.fromkeys(cell_pair_keys))
        index = {pair: i for i, pair in enumerate(self.pairs)}
        self.cell_pair = np.array([index[p] for p in cell_pair_keys], dtype=np.int64)
        cells = np.arange(len(cell_pair_keys))

        levels = stacked(records, "levels", LEVEL_FIELDS)
        self.level_cell = np.repeat(cells, levels_per_cell)
        self.level_no = np.array(level_nos, dtype=np.int64)
        self.level_low = levels[:, 0]
        self.level_high = levels[:, 1]
        self.level_mid = (self.level_low + self.level_high) / 2
        self.level_filled = levels[:, 2]
        self.level_expected = levels[:, 3]
        # every cell has exactly one total row, so these come in cell order
        is_total = self.level_no == TOTAL_LEVEL
        self.total_mid = (self.level_low[is_total] + self.level_high[is_total]) / 2
        self.use_cells(np.ones(len(cell_pair_keys), dtype=bool))

        self.lines = lines  # ActivityLine objects, once per record
        self.act_line = np.array(row_line, dtype=np.int64)
        self.act_cell = np.repeat(cells, lines_per_cell)
        values = stacked(records, "values", VALUE_FIELDS)
        self.act_mid = (values[:, _V["counted_low"]] + values[:, _V["counted_high"]]) / 2
        self.act_time_consuming = self._line_flags("time_consuming")[self.act_line]
        # per cell: the activity, or only this group's cell, may be marked not applicable
        self.act_applicable = values[:, _V["applies"]] > 0

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

    def _line_flags(self, name: str) -> np.ndarray:
        return np.fromiter(map(attrgetter(name), self.lines), dtype=bool, count=len(self.lines))

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


__all__ = ["Flat", "Order"]
