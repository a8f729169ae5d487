"""Screening at each level: which workshop figures count in the levels table.

The rules are stated in screening.py and defined once in counting.py: a level
a workshop did not estimate at all is left out there (unestimated_level), and
so is the total of such a workshop unless asked for (incomplete_total);
midpoints outside Tukey's fences are flagged (outlier), and left out under
--strict.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from workshop_tui.core.merge.arrays import Flat
from workshop_tui.core.merge.level_stats import (
    Fences,
    KeyGroups,
    group_fences,
    key_groups,
    level_keys,
)
from workshop_tui.core.merge.records import SessionRecord, level_code
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
    unestimated, incomplete_total = flat.uncounted
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
    by_key = _level_fences(key_groups(flat.level_key[used]), flat.level_mid[used])
    outliers = _outliers(flat, used, by_key)
    findings += _row_findings(
        flat,
        records,
        np.flatnonzero(outliers),
        "outlier",
        action=EXCLUDED if strict else "flagged",
        fences=by_key,
    )
    if strict:
        used &= ~outliers
    return used, findings


def _level_fences(groups: KeyGroups, mid: np.ndarray) -> dict[int, Fences]:
    """Per level key with at least OUTLIER_MIN_WORKSHOPS counted: n, the quartiles, fences."""
    return group_fences(groups, mid, OUTLIER_MIN_WORKSHOPS, TUKEY_K)


def _outliers(flat: Flat, used: np.ndarray, by_key: dict[int, Fences]) -> np.ndarray:
    """The counted rows whose midpoint lies outside their level key's fences."""
    outside = np.zeros(len(flat.level_no), dtype=bool)
    if not by_key:
        return outside
    lower = np.full(int(flat.level_key.max()) + 1, np.nan)
    upper = lower.copy()
    for key, fence in by_key.items():
        lower[key], upper[key] = fence.lower, fence.upper
    keys = flat.level_key
    known = used & ~np.isnan(lower[keys])
    mids, keys = flat.level_mid[known], keys[known]
    outside[known] = (mids < lower[keys] - 1e-12) | (mids > upper[keys] + 1e-12)
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
    keys, cell_group = flat.level_key, flat.cell_group
    for row in rows.tolist():
        cell = int(flat.level_cell[row])
        record = records[flat.cell_record[cell]]
        where: dict[str, Any] = {
            "group_id": cell_group[cell],
            "level": level_code(int(flat.level_no[row])),
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
