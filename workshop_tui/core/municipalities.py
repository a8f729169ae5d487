"""Municipalities' names: how they sort, the forms they are written in, and finding one.

- `sort_key` orders names as a Danish reader expects: Æ, Ø and Å after Z, case
  and the spelling of a letter (composed or decomposed) aside. Every list of
  municipalities (a report's, merge's labels, an error's "Municipalities: ...")
  sorts by it.
- `name_forms` gives the stems a name is written with ("Søby Kommune (fiktiv)"
  is known by its full form and by "Søby").
- `find_municipality` finds the one municipality a user typed, whatever its case
  or spelling, with or without "Kommune", and with Æ, Ø and Å written as AE, OE and
  AA (a keyboard without them, and the old spelling: "Aarhus" is "Århus");
  `near_names` suggests the nearest names when none matches.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from workshop_tui.core.text import nfc

_KOMMUNE = re.compile(r"\s+kommune\s*$", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
# The Danish alphabet ends ... x y z æ ø å: the three get places after z ('{', '|', '}'
# follow 'z' in code points). Ä and Ö are sorted as Æ and Ø, as Danish dictionaries do.
_DANISH_LETTERS = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})
# Near names: how alike a typed name and a known one must be (difflib's ratio, 0-1);
# "Kommune" is in most names, so a low cutoff would suggest every municipality.
# Æ, Ø and Å as a keyboard without them writes them, and as names were spelled before
# 1948 (and some still are: Aabenraa, Aarhus); Ä and Ö as Æ and Ø.
_SPELLED_OUT = str.maketrans({"æ": "ae", "ä": "ae", "ø": "oe", "ö": "oe", "å": "aa"})
NEAR_CUTOFF = 0.75
NEAR_COUNT = 3


def sort_key(name: str) -> str:
    """`name`'s place in Danish alphabetical order: 'Aabenraa' < 'Zealand' < 'Ærø' < 'Østby' <
    'Århus'. Accents on other letters are set aside ('é' sorts as 'e'); the name itself
    breaks ties (after a NUL, below every letter), so the order is the same whatever
    order the names came in. One string, so pandas sorts a column by it too."""
    folded = nfc(name).casefold().translate(_DANISH_LETTERS)
    plain = "".join(
        char for char in unicodedata.normalize("NFD", folded) if not unicodedata.combining(char)
    )
    return f"{plain}\0{name}"


def sorted_names(names: Iterable[str]) -> list[str]:
    """Each name once, in Danish alphabetical order."""
    return sorted(set(names), key=sort_key)


def name_forms(name: str) -> list[str]:
    """The stems a municipality is written with: its full name and its bare name."""
    bare = _KOMMUNE.sub("", _PARENTHESIS.sub("", name)).strip()
    return list(dict.fromkeys(form for form in (name.strip(), bare) if form))


def _folded(text: str) -> str:
    return nfc(text).casefold().strip()


def _spelled_out(text: str) -> str:
    return _folded(text).translate(_SPELLED_OUT)


def find_municipality(typed: str, names: Iterable[str]) -> str | None:
    """The municipality among `names` that `typed` names, or None.

    Case and the spelling of a letter do not matter ('højby kommune' finds 'Højby
    Kommune'), nor does "Kommune" ('Højby' finds it too, when no other name is 'Højby'),
    nor Æ, Ø and Å written out ('aarhus' finds 'Århus', 'Hoejby' finds 'Højby'): each
    looser reading is tried only when the stricter one found no single name.
    """
    known = sorted_names(names)
    for fold in (_folded, _spelled_out):
        wanted = fold(typed)
        for forms in (lambda name: [name], name_forms):
            found = [name for name in known if wanted in {fold(form) for form in forms(name)}]
            if len(found) == 1:
                return found[0]
    return None


def near_names(typed: str, names: Iterable[str]) -> list[str]:
    """Up to NEAR_COUNT names among `names` nearest to `typed` (a typing error, a missing
    letter), nearest first; none when nothing is near. Each name is held against `typed`
    in its full and its bare form ('Højbye' is near 'Højby Kommune')."""
    wanted = _spelled_out(typed)
    scored = []
    for name in sorted_names(names):
        likeness = max(
            difflib.SequenceMatcher(None, wanted, _spelled_out(form)).ratio()
            for form in name_forms(name)
        )
        if likeness >= NEAR_CUTOFF:
            scored.append((-likeness, sort_key(name), name))
    return [name for *_, name in sorted(scored)[:NEAR_COUNT]]


__all__ = [
    "find_municipality",
    "name_forms",
    "near_names",
    "sort_key",
    "sorted_names",
]
