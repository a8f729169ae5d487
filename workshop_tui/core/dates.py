"""Dates as people in Denmark type them: day before month."""

from __future__ import annotations

from datetime import date, datetime

from workshop_tui.core.i18n import t
from workshop_tui.core.numbers import EntryError

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%y", "%d/%m/%y")


def parse_date(text: str, lang: str = "en") -> date:
    """'2024-03-01', '1-3-2024', '01.03.2024' or '1/3/24' (day before month, as in Denmark)."""
    cleaned = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise EntryError(
        t("'{text}' is not a date: type e.g. 2024-03-01 or 1-3-2024", lang, text=cleaned)
    )
