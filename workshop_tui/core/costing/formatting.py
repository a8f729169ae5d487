"""Amounts as people read them: thousands grouped, Danish decimal comma in Danish."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pandas as pd


def format_number(value: float | None, lang: str = "en", decimals: int = 0) -> str:
    """12345.6 -> '12,346' (en) or '12.346' (da); '–' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_millions(value: float | None, lang: str = "en", decimals: int = 1) -> str:
    """DKK 480,000,000 -> '480.0' (en) / '480,0' (da): for 'DKK million' columns."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return format_number(value / 1e6, lang, decimals)


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """A frame's rows as namedtuples whose fields the type checker takes as they come."""
    return iter(frame.itertuples(index=False))


def format_ratio(value: float, lang: str = "en") -> str:
    return format_number(value, lang, 2)
