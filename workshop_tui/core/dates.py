"""Dates as people in Denmark type them: day before month."""

from __future__ import annotations

from datetime import date, datetime

from workshop_tui.core.i18n import t
from workshop_tui.core.numbers import EntryError

# "12/3-2025" and "12/3 2025" are how Danes write a date by hand
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%d/%m-%Y",
    "%d/%m %Y",
    "%d-%m-%y",
    "%d.%m.%y",
    "%d/%m/%y",
    "%d/%m-%y",
)


def parse_date(text: str, lang: str = "en") -> date:
    """'2024-03-01', '1-3-2024', '01.03.2024', '1/3-2024' or '1/3/24' (day before month)."""
    cleaned = " ".join(text.split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise EntryError(
        t("'{text}' is not a date: type e.g. 2024-03-01 or 1-3-2024", lang, text=cleaned)
    )
