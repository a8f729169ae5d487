"""Numbers other than hours, as people type and read them: shares and staff.

One parser for shares (the app's dialog and the tidy CSV reader) and one
percent formatter (the app, the live views and merge's tables): Danish puts a
space before the per cent sign ("50 %"), English does not ("50%").
Hours have their own parser and formatter in hours.py.
"""

from __future__ import annotations

import re

from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import register, t
from workshop_tui.core.limits import MAX_STAFF

register(
    {
        "edit.staff_invalid": {
            "en": "'{text}' is not a number of staff: type e.g. 1, 2 or 1,5 "
            "(above 0, at most {limit})",
            "da": "'{text}' er ikke et antal medarbejdere: skriv fx 1, 2 eller 1,5 "
            "(over 0, højst {limit})",
        },
        "edit.share_invalid": {
            "en": "'{text}' is not a share of cases: type e.g. 50 %, 0,5 or 100 % (0-100 %)",
            "da": "'{text}' er ikke en andel af sagerne: skriv fx 50 %, 0,5 eller 100 % (0-100 %)",
        },
    }
)


class EntryError(ValueError):
    """Input that cannot be used; the message is for the user."""


_SHARE = re.compile(r"^\s*(\d+(?:[.,]\d*)?|[.,]\d+)\s*(%?)\s*$")
_PLAIN_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d*)?|[.,]\d+)\s*$")


def parse_share(text: str, lang: str = "en") -> float:
    """'50 %', '50%', '50', '0,5', '0.5' -> 0.5.

    A number above 1 without '%' is read as a percentage, so "50" is half the
    cases wherever it is typed: in the app or in a tidy CSV's share column.
    """
    match = _SHARE.match(text)
    if not match:
        raise EntryError(t("edit.share_invalid", lang, text=text.strip()))
    value = float(match.group(1).replace(",", "."))
    if match.group(2) or value > 1:
        value /= 100
    if not 0 <= value <= 1:
        raise EntryError(t("edit.share_invalid", lang, text=text.strip()))
    return value


def parse_staff(text: str, lang: str = "en") -> float:
    """'2', '1,5' -> staff taking part; above 0 and at most MAX_STAFF."""
    match = _PLAIN_NUMBER.match(text)
    value = float(match.group(1).replace(",", ".")) if match else -1.0
    if not 0 < value <= MAX_STAFF:
        raise EntryError(t("edit.staff_invalid", lang, text=text.strip(), limit=f"{MAX_STAFF:g}"))
    return value


def format_percent(share: float, lang: str = "en", decimals: int = 0) -> str:
    """0.5 -> '50 %' in Danish, '50%' in English; up to `decimals` decimals, zeros trimmed."""
    text = format_hours(share * 100, lang, decimals)
    return f"{text} %" if lang == "da" else f"{text}%"
