"""Numbers other than hours, as people type and read them: shares and staff.

One parser for shares (the app's dialog and the tidy CSV reader) and one
percent formatter (the app, the live views and merge's tables): Danish puts a
space before the per cent sign ("50 %"), English does not ("50%").
Hours have their own parser and formatter in hours.py.
"""

from __future__ import annotations

import re

from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import t
from workshop_tui.core.limits import MAX_STAFF


class EntryError(ValueError):
    """Input that cannot be used; the message is for the user."""


# [0-9], not \d: \d also matches Arabic-Indic and other digits, which float() accepts;
# and no '_': float("1_000") is 1000.0.
_SHARE = re.compile(r"^\s*([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)\s*(%?)\s*$")
_PLAIN_NUMBER = re.compile(r"^\s*([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)\s*$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,3})?$")


def parse_share(text: str, lang: str = "en") -> float:
    """'50 %', '50%', '50', '0,5', '0.5' -> 0.5.

    A number above 1 without '%' is read as a percentage, so "50" is half the
    cases wherever it is typed: in the app or in a tidy CSV's share column.
    """
    match = _SHARE.match(text)
    if not match:
        raise EntryError(
            t(
                "'{text}' is not a share of cases: type e.g. 50 %, 0,5 or 100 % (0-100 %)",
                lang,
                text=text.strip(),
            )
        )
    value = float(match.group(1).replace(",", "."))
    if match.group(2) or value > 1:
        value /= 100
    if not 0 <= value <= 1:
        raise EntryError(
            t(
                "'{text}' is not a share of cases: type e.g. 50 %, 0,5 or 100 % (0-100 %)",
                lang,
                text=text.strip(),
            )
        )
    return value


def parse_staff(text: str, lang: str = "en") -> float:
    """'2', '1,5' -> staff taking part; above 0 and at most MAX_STAFF."""
    match = _PLAIN_NUMBER.match(text)
    value = float(match.group(1).replace(",", ".")) if match else -1.0
    if not 0 < value <= MAX_STAFF:
        raise EntryError(
            t(
                "'{text}' is not a number of staff: type e.g. 1, 2 or 1,5 (above "
                "0, at most {limit})",
                lang,
                text=text.strip(),
                limit=f"{MAX_STAFF:g}",
            )
        )
    return value


def parse_decimal(text: str) -> float:
    """A number as a file writes it: ASCII digits, '.' or ',' and an exponent; ValueError else.

    For readers of files (the tidy CSV): float() alone would take '1_000',
    Arabic-Indic digits, 'inf' and 'nan'.
    """
    cleaned = text.strip()
    if not _DECIMAL.match(cleaned):
        raise ValueError(f"'{text}' is not a number")
    return float(cleaned.replace(",", "."))


def format_percent(share: float, lang: str = "en", decimals: int = 0) -> str:
    """0.5 -> '50 %' in Danish, '50%' in English; up to `decimals` decimals, zeros trimmed."""
    text = format_hours(share * 100, lang, decimals)
    return f"{text} %" if lang == "da" else f"{text}%"
