"""Danish and English UI text, and the choice of language.

Every string a user reads goes through `t()` (or `nt()` where a count decides the
word). The message ids are the English texts themselves; the Danish ones live in
the gettext catalogue `workshop_tui/locale/da/LC_MESSAGES/workshop_tui.po`, compiled
to the `.mo` beside it (docs/translating.md says how to extract, update and compile).
The language is chosen per call, not per process: the app, an export and a report
may each be in Danish or English. tests/unit/test_translations.py fails on a
missing, fuzzy or unused Danish entry.
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("da", "en")
DOMAIN = "workshop_tui"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""The compiled catalogues, inside the package so that the wheel carries them."""


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for `lang`, read once. English is the message ids themselves."""
    if lang == "en":
        return gettext.NullTranslations()
    # fallback=False: a Danish catalogue missing from an install is an error, not English
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=False)


def t(message: str, lang: str = "en", /, **values: object) -> str:
    """`message` (English) in `lang`, with `values` filled into its {braces}."""
    text = translations(lang).gettext(message)
    return text.format(**values) if values else text


def nt(singular: str, plural: str, n: int, lang: str = "en", /, **values: object) -> str:
    """The form of a message that fits the count `n`, in `lang`, with `values` filled in."""
    text = translations(lang).ngettext(singular, plural, n)
    return text.format(**values) if values else text


def N_(message: str) -> str:
    """Marks a text for the catalogue where it is stored to be translated later by `t()`."""
    return message


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
