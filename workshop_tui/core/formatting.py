"""Figures as every output shows them: ranges, missing values, amounts, level and group labels.

The app, the live views, `reference`, `merge`, `cost` and the HTML report all
format through these, so a range, a missing figure or a level reads the same
everywhere: a dash for a missing figure, an en dash between a range's ends, a
Danish decimal comma. Each place keeps its own number of decimals (a parameter)
and its own rounding. Merge's tables and files round half up on the number as
written (`half_up=True`, `round_half_up`): 0.625 is 0.63 in each of them, where
Python's own formatting gives 0.62 (0.625 is a tie, rounded to even), and 1.005
is 1.01, as a person reading "1.005" expects (it works on the shortest decimal
that gives the float back, its repr). The app and the HTML report show Python's
rounding.
"""

from __future__ import annotations

import math
import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL

DASH = "–"  # a missing figure, and the mark between a range's ends
MACHINE_DECIMALS = 6  # CSV, JSON and XLSX cells of the merge: enough to strip float noise only


def missing(value: object) -> bool:
    """None, NaN or pandas' NA: shown as a dash, written as an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")  # no pandas loaded: nothing can be its NA
    return pandas is not None and value is pandas.NA


def round_half_up(value: float, decimals: int) -> float:
    """`value` rounded to `decimals` decimals, ties away from zero."""
    if not math.isfinite(value):
        return value
    exponent = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP))


def machine(value: float) -> float:
    """A figure as the merge's CSV, JSON and XLSX hold it."""
    return round_half_up(value, MACHINE_DECIMALS)


def hours_text(value: Any, lang: str, decimals: int = 2, *, half_up: bool = False) -> str:
    """Hours for people, every decimal shown ('1,50'); a dash where missing."""
    if missing(value):
        return DASH
    number = round_half_up(float(value), decimals) if half_up else value
    return format_hours(number, lang, decimals, trim=False)


def range_text(
    low: Any,
    high: Any,
    lang: str,
    decimals: int = 1,
    *,
    half_up: bool = False,
    grouped: bool = False,
) -> str:
    """A low-high range: '0,8–2,2'; a dash where either end is missing.

    `grouped` shows each end as an amount, thousands grouped ('1.200–3.400').
    """
    if missing(low) or missing(high):
        return DASH
    if grouped:
        return f"{format_number(low, lang, decimals)}{DASH}{format_number(high, lang, decimals)}"
    ends = (hours_text(end, lang, decimals, half_up=half_up) for end in (low, high))
    return DASH.join(ends)


def percent_text(share: Any, lang: str) -> str:
    """A share as a whole per cent, half up ('63 %' in Danish, '63%' in English)."""
    if missing(share):
        return DASH
    return format_percent(round_half_up(float(share) * 100, 0) / 100, lang)


def format_number(value: float | None, lang: str = "en", decimals: int = 0) -> str:
    """12345.6 -> '12,346' (en) or '12.346' (da); a dash where missing."""
    if missing(value):
        return DASH
    text = f"{value:,.{decimals}f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_millions(value: float | None, lang: str = "en", decimals: int = 1) -> str:
    """DKK 480,000,000 -> '480.0' (en) / '480,0' (da): for 'DKK million' columns."""
    if value is None or missing(value):
        return DASH
    return format_number(value / 1e6, lang, decimals)


def level_label(process: ProcessDefinition | None, level: str, lang: str) -> str:
    """'Total', or a subprocess's number and name ('2 Samtalen'); the level as it is
    where the process (None: not in the catalogue) has no such subprocess."""
    name = level_name(process, level, lang)
    number = _subprocess_number(process, level)
    return name if number is None else f"{number} {name}"


def level_name(process: ProcessDefinition | None, level: str, lang: str) -> str:
    """'Total', or a subprocess's name ('Samtalen'); the level as it is where the
    process (None: not in the catalogue) has no such subprocess."""
    if level == TOTAL:
        return t("Total", lang)
    number = _subprocess_number(process, level)
    if process is None or number is None:
        return level
    return process.subprocesses[number - 1].name.in_lang(lang)


def _subprocess_number(process: ProcessDefinition | None, level: str) -> int | None:
    """The subprocess a level names, if the process has it."""
    if process is None or not level.isdigit() or not 1 <= int(level) <= len(process.subprocesses):
        return None
    return int(level)


def group_label(process: ProcessDefinition, group_id: str, lang: str) -> str:
    """A target group's name in `lang`; its id where the process does not define it."""
    known = {g.id: g for g in process.groups}
    return known[group_id].name.in_lang(lang) if group_id in known else group_id


def published_text(
    low: object, high: object, avg: object, municipalities: object, lang: str
) -> str:
    """A published range with its average and how many municipalities it spans."""
    if missing(low):
        return DASH
    text = range_text(low, high, lang, 1, half_up=True)
    details = []
    if not missing(avg):
        details.append(t("Avg.", lang).lower() + " " + hours_text(avg, lang, 1, half_up=True))
    if not missing(municipalities):
        n = int(municipalities)  # type: ignore[call-overload]
        details.append(nt("{n} municipality", "{n} municipalities", n, lang, n=n))
    return text + (f" ({'; '.join(details)})" if details else "")


__all__ = [
    "DASH",
    "MACHINE_DECIMALS",
    "format_millions",
    "format_number",
    "group_label",
    "hours_text",
    "level_label",
    "level_name",
    "machine",
    "missing",
    "percent_text",
    "published_text",
    "range_text",
    "round_half_up",
]
