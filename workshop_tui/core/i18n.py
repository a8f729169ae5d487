"""Danish and English UI text, and the choice of language.

Every string a user reads goes through `t()`. `register` refuses a text without
both languages when its module is imported, and tests/unit/test_layering.py checks
every registered text, so a missing translation fails in tests rather than in
front of a room.
"""

from __future__ import annotations

import locale
import os

LANGUAGES = ("da", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # hours parser
    "hours.empty": {
        "en": "Empty entry: type a number of hours, e.g. 0,5 or 30 min",
        "da": "Tomt felt: skriv et antal timer, fx 0,5 eller 30 min",
    },
    "hours.negative": {
        "en": "'{text}': hours cannot be negative",
        "da": "'{text}': timer kan ikke være negative",
    },
    "hours.not_understood": {
        "en": "'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30",
        "da": "'{text}' kan ikke læses: "
        "skriv fx 1,5 eller 1.5 eller 90 min eller 1t 30m eller 1:30",
    },
    "hours.several_numbers": {
        "en": "'{text}' has several numbers; write e.g. 1t 30m",
        "da": "'{text}' har flere tal; skriv fx 1t 30m",
    },
    "hours.too_large": {
        "en": "'{text}' is more than {limit} hours for one activity; check the entry",
        "da": "'{text}' er mere end {limit} timer for én aktivitet; tjek tallet",
    },
    # units and common words
    "unit.hours_per_citizen": {
        "en": "staff hours per citizen who receives the intervention",
        "da": "timer pr. person der modtager indsatsen",
    },
    "word.low": {"en": "Low", "da": "Lavt"},
    "word.high": {"en": "High", "da": "Højt"},
    "word.avg": {"en": "Avg.", "da": "Gns."},
    "word.mid": {"en": "Mid", "da": "Midt"},
    "word.total": {"en": "Total", "da": "Samlet"},
    "word.group": {"en": "Target group", "da": "Målgruppe"},
    "word.subprocess": {"en": "Subprocess", "da": "Delproces"},
    "word.activity": {"en": "Activity", "da": "Aktivitet"},
    "word.activities": {"en": "Activities", "da": "Aktiviteter"},
    "word.process": {"en": "Process", "da": "Proces"},
    "word.version": {"en": "Version", "da": "Version"},
    "word.groups": {"en": "Target groups", "da": "Målgrupper"},
    "word.source": {"en": "Source", "da": "Kilde"},
    "word.reference": {"en": "National reference", "da": "Landsreference"},
    "word.room": {"en": "This workshop", "da": "Denne workshop"},
    "word.not_published": {"en": "not published", "da": "ikke offentliggjort"},
    "word.cost_drivers": {"en": "Cost drivers", "da": "Omkostningsdrivere"},
    # CLI
    "cli.catalogue_title": {
        "en": "Key processes in the catalogue",
        "da": "Nøgleprocesser i kataloget",
    },
    "cli.reference_title": {
        "en": "{name}: national reference ({unit})",
        "da": "{name}: landsreference ({unit})",
    },
    "cli.valid": {"en": "{path}: valid {kind} file", "da": "{path}: gyldig {kind}-fil"},
    "cli.invalid_title": {"en": "Invalid file", "da": "Ugyldig fil"},
    "cli.unknown_process": {
        "en": "Unknown process '{process_id}'. Known: {known}",
        "da": "Ukendt proces '{process_id}'. Kendte: {known}",
    },
    "cli.problems": {"en": "{count} problem(s)", "da": "{count} fejl"},
}


def register(messages: dict[str, dict[str, str]]) -> None:
    """Add a module's own texts; each key needs both 'da' and 'en'."""
    for key, texts in messages.items():
        missing = {"da", "en"} - texts.keys()
        if missing:
            raise ValueError(f"text '{key}' lacks {', '.join(sorted(missing))}")
    MESSAGES.update(messages)


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for `key` in `lang`, with `values` filled in."""
    text = MESSAGES[key].get(lang) or MESSAGES[key]["en"]
    return text.format(**values) if values else text


def default_language() -> str:
    """Danish when the user's locale is Danish, else English."""
    for variable in ("WORKSHOP_TUI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "da" if code.lower().startswith("da") else "en"
