"""Screening at each level: which workshop figures count in the levels table.

The rules are stated in screening.py: a level a workshop did not estimate at
all is left out there (unestimated_level), and so is the total of such a
workshop unless asked for (incomplete_total); midpoints outside Tukey's fences
are flagged (outlier), and left out under --strict.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from workshop_tui.core.merge.arrays import Flat
from workshop_tui.core.merge.level_stats import Fences, fences, level_keys
from workshop_tui.core.merge.records import TOTAL_LEVEL, SessionRecord, level_name
from workshop_tui.core.merge.screening import (
    EXCLUDED,
    OUTLIER_MIN_WORKSHOPS,
    TUKEY_K,
    Finding,
    finding,
)


def counted_levels(
    flat: Flat,
    records: list[SessionRecord],
    strict: bool = False,
    include_incomplete: bool = False,
) -> tuple[np.ndarray, list[Finding]]:
    """Which level rows count in the levels table, and the findings that say why not."""
    unestimated = (
        (flat.level_filled == 0) & (flat.level_expected > 0) & (flat.level_no != TOTAL_LEVEL)
    )
    n_cells = len(flat.cell_record)
    incomplete_cell = np.bincount(flat.level_cell[unestimated], minlength=n_cells) > 0
    incomplete_total = (flat.level_no == TOTAL_LEVEL) & incomplete_cell[flat.level_cell]
    used = ~unestimated
    if not include_incomplete:
        used &= ~incomplete_total
    findings = _row_findings(flat, records, np.flatnonzero(unestimated), "unestimated_level")
    total_rule = "incomplete_total"
    findings += _row_findings(
        flat,
        records,
        np.flatnonzero(incomplete_total),
        total_rule,
        note="incomplete_total" if not include_incomplete else "incomplete_total_counted",
        action=EXCLUDED if not include_incomplete else "counted",
    )
    outliers = _outliers(flat, used)
    findings += _row_findings(
        flat,
        records,
        np.flatnonzero(outliers),
        "outlier",
        action=EXCLUDED if strict else "flagged",
        fences=_fences(flat, used),
    )
    if strict:
        used &= ~outliers
    return used, findings


def _fences(flat: Flat, used: np.ndarray) -> dict[int, Fences]:
    """Per level key with at least OUTLIER_MIN_WORKSHOPS counted: n, the quartiles, fences."""
    return fences(level_keys(flat)[used], flat.level_mid[used], OUTLIER_MIN_WORKSHOPS, TUKEY_K)


def _outliers(flat: Flat, used: np.ndarray) -> np.ndarray:
    by_key = _fences(flat, used)
    outside = np.zeros(len(flat.level_no), dtype=bool)
    if not by_key:
        return outside
    keys = level_keys(flat)
    lower = np.array([by_key[k].lower if k in by_key else np.nan for k in keys.tolist()])
    upper = np.array([by_key[k].upper if k in by_key else np.nan for k in keys.tolist()])
    known = used & ~np.isnan(lower)
    mids = flat.level_mid[known]
    outside[known] = (mids < lower[known] - 1e-12) | (mids > upper[known] + 1e-12)
    return outside


def _row_findings(
    flat: Flat,
    records: list[SessionRecord],
    rows: np.ndarray,
    rule: str,
    note: str = "",
    action: str | None = None,
    fences: dict[int, Fences] | None = None,
) -> list[Finding]:
    findings = []
    keys = level_keys(flat)
    for row in rows.tolist():
        cell = int(flat.level_cell[row])
        record = records[flat.cell_record[cell]]
        where: dict[str, Any] = {
            "group_id": flat.cell_group[cell],
            "level": level_name(int(flat.level_no[row])),
            "note": note,
        }
        if fences is not None:
            fence = fences[int(keys[row])]
            where["params"] = {
                "mid": float(flat.level_mid[row]),
                "lower": fence.lower,
                "upper": fence.upper,
                "n": fence.n,
            }
        if action is not None:
            where["action"] = action
        findings.append(finding(record, rule, **where))
    return findings


__all__ = ["counted_levels", "level_keys"]
