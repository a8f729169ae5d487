"""One rounding rule for every merged figure: half up, on the number as written.

The table, Markdown, CSV, JSON and XLSX all round through `half_up`, so 0.625
is 0.63 everywhere (Python's own formatting would give 0.62: 0.625 is a tie and
it rounds ties to even). The rule works on the shortest decimal that gives the
float back (repr), so 1.005 is 1.01, as a person reading "1.005" expects.
"""

from __future__ import annotations

import math
import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from workshop_tui.core.hours import format_hours
from workshop_tui.core.numbers import format_percent

MACHINE_DECIMALS = 6  # CSV, JSON and XLSX cells: enough to strip float noise only
DASH = "–"


def missing(value: object) -> bool:
    """None, NA or NaN: shown as a dash, written as an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")  # no pandas loaded: nothing can be its NA
    return pandas is not None and value is pandas.NA


def half_up(value: float, decimals: int) -> float:
    """`value` rounded to `decimals` decimals, ties away from zero."""
    if not math.isfinite(value):
        return value
    exponent = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP))


def hours_text(value: Any, lang: str, decimals: int = 2) -> str:
    """Hours for people: half up, Danish decimal comma, a dash where missing."""
    if missing(value):
        return DASH
    return format_hours(half_up(float(value), decimals), lang, decimals, trim=False)


def range_text(low: Any, high: Any, lang: str, decimals: int = 2) -> str:
    """'0,8–2,2': both ends half up."""
    if missing(low) or missing(high):
        return DASH
    return f"{hours_text(low, lang, decimals)}–{hours_text(high, lang, decimals)}"


def percent_text(share: Any, lang: str) -> str:
    """A share as a whole per cent, half up ('63 %' in Danish, '63%' in English)."""
    if missing(share):
        return DASH
    return format_percent(half_up(float(share) * 100, 0) / 100, lang)


def machine(value: float) -> float:
    """A figure as the CSV, JSON and XLSX hold it."""
    return half_up(value, MACHINE_DECIMALS)


__all__ = [
    "DASH",
    "MACHINE_DECIMALS",
    "half_up",
    "hours_text",
    "machine",
    "missing",
    "percent_text",
    "range_text",
]
