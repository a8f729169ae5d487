"""Screening at each level: which workshop figures count in the levels table.

The rules are stated in screening.py: a level a workshop did not estimate at
all is left out there (unestimated_level), and so is the total of such a
workshop unless asked for (incomplete_total); midpoints outside Tukey's fences
are flagged (outlier), and left out under --strict.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd

from workshop_tui.core.merge.arrays import Flat
from workshop_tui.core.merge.records import TOTAL_LEVEL, SessionRecord, level_name
from workshop_tui.core.merge.screening import (
    EXCLUDED,
    OUTLIER_MIN_WORKSHOPS,
    TUKEY_K,
    Finding,
    finding,
)


def level_keys(flat: Flat) -> np.ndarray:
    """Each level row's (process, group) pair x 1000 + level number."""
    return flat.cell_pair[flat.level_cell] * 1000 + flat.level_no


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


def _fences(flat: Flat, used: np.ndarray) -> pd.DataFrame:
    """Per level key with at least OUTLIER_MIN_WORKSHOPS counted: n, the quartiles, fences."""
    frame = pd.DataFrame({"key": level_keys(flat)[used], "mid": flat.level_mid[used]})
    grouped = frame.groupby("key")["mid"]
    fences = pd.DataFrame(
        {"n": grouped.size(), "q1": grouped.quantile(0.25), "q3": grouped.quantile(0.75)}
    )
    fences = fences[fences["n"] >= OUTLIER_MIN_WORKSHOPS]
    spread = fences["q3"] - fences["q1"]
    fences["lower"] = fences["q1"] - TUKEY_K * spread
    fences["upper"] = fences["q3"] + TUKEY_K * spread
    return fences


def _outliers(flat: Flat, used: np.ndarray) -> np.ndarray:
    fences = _fences(flat, used)
    outside = np.zeros(len(flat.level_no), dtype=bool)
    if fences.empty:
        return outside
    position = fences.index.get_indexer(pd.Index(level_keys(flat)))
    known = used & (position >= 0)
    lower = fences["lower"].to_numpy()[position[known]]
    upper = fences["upper"].to_numpy()[position[known]]
    mids = flat.level_mid[known]
    outside[known] = (mids < lower - 1e-12) | (mids > upper + 1e-12)
    return outside


def _row_findings(
    flat: Flat,
    records: list[SessionRecord],
    rows: np.ndarray,
    rule: str,
    note: str = "",
    action: str | None = None,
    fences: pd.DataFrame | None = None,
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
            key = int(keys[row])
            where["params"] = {
                "mid": float(flat.level_mid[row]),
                "lower": float(cast(float, fences.at[key, "lower"])),
                "upper": float(cast(float, fences.at[key, "upper"])),
                "n": int(cast(float, fences.at[key, "n"])),
            }
        if action is not None:
            where["action"] = action
        findings.append(finding(record, rule, **where))
    return findings


__all__ = ["counted_levels", "level_keys"]
