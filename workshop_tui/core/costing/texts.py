"""Texts `cost` and `report` share: the check-figure lines and the bases of figures."""

from __future__ import annotations

import pandas as pd

from workshop_tui.core import i18n
from workshop_tui.core.formatting import format_number
from workshop_tui.core.frames import rows_of
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import t

i18n.register(
    {
        "cost.checks": {"en": "Published check figures", "da": "Offentliggjorte kontroltal"},
        "cost.check_line": {
            "en": "published: {text}; computed from these workshops: DKK {computed} "
            "(ratio {ratio}); the published figure implies DKK {implied} per hour at these "
            "workshops' {hours} hours per case (the costing file: DKK {rate} per hour)",
            "da": "offentliggjort: {text}; beregnet fra disse workshops: {computed} kr. "
            "(forhold {ratio}); det offentliggjorte tal svarer til {implied} kr. i timen ved "
            "disse workshops' {hours} timer pr. sag (omkostningsfilen: {rate} kr. i timen)",
        },
        "cost.col.level": {"en": "Level", "da": "Niveau"},
        "cost.col.municipality": {"en": "Municipality", "da": "Kommune"},
        "basis.published": {"en": "published", "da": "offentliggjort"},
        "basis.derived": {"en": "derived", "da": "afledt"},
        "basis.assumption": {"en": "assumption", "da": "antagelse"},
    }
)


def check_lines(checks: pd.DataFrame, lang: str) -> list[str]:
    """One line per published check figure, with the ratio and the implied hourly cost."""
    return [
        t(
            "cost.check_line",
            lang,
            text=row.text,
            computed=format_number(row.computed_dkk, lang),
            ratio=format_number(row.ratio, lang, 2),
            implied=format_number(row.implied_dkk_per_hour, lang),
            hours=format_hours(row.computed_hours_per_case, lang, 2, trim=False),
            rate=format_number(row.costing_dkk_per_hour, lang),
        )
        for row in rows_of(checks)
    ]
