"""Texts `cost` and `report` share: the check-figure lines and the bases of figures."""

from __future__ import annotations

from typing import Any

import pandas as pd

from workshop_tui.core.formatting import format_number, missing
from workshop_tui.core.frames import rows_of
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import N_, t

BASIS_WORDS: dict[str, str] = {
    "published": N_("published"),
    "derived": N_("derived"),
    "assumption": N_("assumption"),
}
"""Where a costing figure comes from, by its `basis` in the costing file."""
FIGURES_FROM: dict[str, str] = {"own": N_("own workshop(s)"), "national": N_("national mean")}
"""Whose hours a municipality's cost rests on."""


def check_lines(checks: pd.DataFrame, lang: str) -> list[str]:
    """One line per published check figure, with the ratio and the implied hourly cost,
    and the ratio the source's own average hours give with the same costing."""
    return [_check_line(row, lang) for row in rows_of(checks)]


def _check_line(row: Any, lang: str) -> str:
    line = t(
        "published: {text}; computed from these workshops: DKK "
        "{computed} (ratio {ratio}); the published figure implies DKK "
        "{implied} per hour at these workshops' {hours} hours per case "
        "(the costing file: DKK {rate} per hour)",
        lang,
        text=row.text,
        computed=format_number(row.computed_dkk, lang),
        ratio=format_number(row.ratio, lang, 2),
        implied=format_number(row.implied_dkk_per_hour, lang),
        hours=format_hours(row.computed_hours_per_case, lang, 2, trim=False),
        rate=format_number(row.costing_dkk_per_hour, lang),
    )
    if missing(row.average_ratio):
        return line
    return line + t(
        ". At the source's own average hours ({hours} hours per case) this "
        "costing gives DKK {dkk} (ratio {ratio}): that gap is the costing "
        "method's (direct hours costed bottom-up against staff-years top-down), "
        "not the rooms'. These workshops against the source's averages: ratio {rooms}",
        lang,
        hours=format_hours(row.average_hours_per_case, lang, 1, trim=False),
        dkk=format_number(row.average_dkk, lang),
        ratio=format_number(row.average_ratio, lang, 2),
        rooms=format_number(row.ratio / row.average_ratio, lang, 2),
    )
