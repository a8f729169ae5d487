"""One parser and one formatter for hours, used everywhere.

Input accepts what people type in a Danish or English room: "0,5", "0.5",
"30 min", "30m", "1t 30m", "1h30m", "1:30", "2 timer", "1,5 t", "1½", "½",
"2 timer og 30 min"; hours as they are said aloud in a Danish or English room:
"et kvarter", "en halv time", "tre kvarter", "halvanden time", "1/2", "3/4 t",
"2 timer og et kvarter", "half an hour", "ca. 2" (read as 2); and a low and a high
at once (parse_range): "2-3", "2–3", "1,5-2 t", "30-45 min", "½-1". In Danish
"1.000" is refused: it may mean a thousand.
"""

from __future__ import annotations

import math
import re

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.limits import MAX_HOURS


class HoursError(ValueError):
    """An entry that is not a usable number of hours; the message is for the user."""

    def __init__(self, key: str, text: str, lang: str) -> None:
        super().__init__(t(key, lang, text=text, limit=f"{MAX_HOURS:.0f}"))
        self.key = key


# [0-9], not \d: \d also matches Arabic-Indic and other digits, which float() accepts
_NUMBER = r"[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+"
_HOUR_UNITS = r"timer|time|hours|hour|hrs|hr|tim|h|t"
_MINUTE_UNITS = r"minutter|minutes|minute|minut|mins|min|m"
# Speed: the patterns are kept as text, not compiled here; `re` compiles each where it is
# first used and keeps it in its cache. A start that parses no hours (the app's first
# frame) then does not compile them: about 1.5 ms of CPU.
_PART = rf"\s*({_NUMBER})\s*(?:({_HOUR_UNITS}|{_MINUTE_UNITS})(?![a-zæøå]))?\s*"
_CLOCK = r"^([0-9]+):([0-5][0-9])$"
# a dot before three digits and no more: Danish for thousands ("1.000"), or a decimal point
_THOUSANDS = r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9.,])"
_FRACTIONS = (("¼", ".25"), ("½", ".5"), ("¾", ".75"))
# low and high: a dash (or en/em dash, "til", "to") between a figure and a figure
_RANGE = r"^(.*[0-9][^0-9\-–—]*?)\s*(?:-|–|—|\btil\b|\bto\b)\s*([0-9].*)$"
_AND = r"\s+(?:og|and)\s+"
_TRAILING_UNIT = rf"[0-9]\s*({_HOUR_UNITS}|{_MINUTE_UNITS})\s*$"


# Hours as they are said aloud, rewritten to figures before parsing. Each pattern
# is tried in order on the lowered text; a number word becomes a figure only before
# a unit, so the English "to" of "2 to 3" stays a range.
_NUMBER_WORDS = {
    "en": "1",
    "et": "1",
    "én": "1",
    "ét": "1",
    "to": "2",
    "tre": "3",
    "fire": "4",
    "fem": "5",
    "seks": "6",
    "syv": "7",
    "otte": "8",
    "ni": "9",
    "ti": "10",
    "a": "1",
    "an": "1",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
}
_SPOKEN = (
    # "about 2", "ca. 2", "~2": the figure said is the figure kept
    (r"^(?:ca\.?|cirka|omkring|circa|c\.|about|approx\.?|approximately|~)\s*", ""),
    (r"\bhalvanden\b", "1,5"),
    (r"\b(?:an? )?hour and a half\b", "1,5 h"),
    (r"\b(?:en |et )?halv(?:t)? (?=time|timer\b)", "0,5 "),
    (r"\bhalf an hour\b", "0,5 h"),
    (r"\b(?:a )?quarter of an hour\b", "15 min"),
    (r"\bthree quarters of an hour\b", "45 min"),
    (
        r"\b(" + "|".join(_NUMBER_WORDS) + r")(?= (?:kvarter|timer?|hours?|minutter|minutes?)\b)",
        lambda m: _NUMBER_WORDS[m.group(1)],
    ),
    # "3 kvarter" is three quarters of an hour
    (
        r"([0-9]+(?:[.,][0-9]+)?) ?kvarter\b",
        lambda m: f"{_number(m.group(1)) * 15:g} min",
    ),
    # "1 1/2", "1/2", "3/4 t": a fraction typed with a slash
    (
        r"(?:([0-9]+) +)?([1-3])/([234])(?![0-9/])",
        lambda m: f"{int(m.group(1) or 0) + int(m.group(2)) / int(m.group(3)):g}",
    ),
)


def _said_as_figures(text: str) -> str:
    """`text` with the ways hours are said aloud ("et kvarter", "½") written as figures."""
    text = " ".join(text.lower().split())
    for fraction, decimals in _FRACTIONS:  # "1½" is 1.5, "½" is 0.5
        text = re.sub(rf"(\d)\s*{fraction}", rf"\g<1>{decimals}", text).replace(
            fraction, f"0{decimals}"
        )
    for pattern, replacement in _SPOKEN:
        text = re.sub(pattern, replacement, text)
    return text


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_range(text: str, lang: str = "en") -> tuple[float, float] | None:
    """Low and high typed at once ("2-3", "1,5-2 t"); None where `text` is not a range.

    A unit after the high applies to a bare low too: "30-45 min" is 0,5 to 0,75.
    Raises HoursError where either side is not hours.
    """
    match = re.match(_RANGE, _said_as_figures(text))
    if match is None:
        return None
    low_text, high_text = match.group(1).strip(), match.group(2).strip()
    unit = re.search(_TRAILING_UNIT, high_text, re.IGNORECASE)
    if unit and not re.search(_TRAILING_UNIT, low_text, re.IGNORECASE) and ":" not in low_text:
        low_text = f"{low_text} {unit.group(1)}"
    return parse_hours(low_text, lang), parse_hours(high_text, lang)


def parse_hours(text: str, lang: str = "en") -> float:
    """Parse an entry into hours; raise HoursError with a message a user understands."""
    shown = text.strip()
    if not shown:
        raise HoursError(N_("Empty entry: type a number of hours, e.g. 0,5 or 30 min"), shown, lang)
    if len(shown) > 40:  # nobody types that much; also keeps int() off huge digit strings
        raise HoursError(
            N_("'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
            shown[:40] + "…",
            lang,
        )
    if lang == "da" and re.search(_THOUSANDS, shown):
        raise HoursError(
            N_("'{text}' is ambiguous in Danish (a thousand, or one?): write e.g. 1 or 1,5"),
            shown,
            lang,
        )
    raw = re.sub(_AND, " ", _said_as_figures(shown))
    if not raw:  # "ca." alone says no figure
        raise HoursError(
            N_("'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
            shown,
            lang,
        )  # "2 timer og 30 min"
    if raw.startswith("-"):
        raise HoursError(N_("'{text}': hours cannot be negative"), shown, lang)
    if len(raw) > 40:  # nobody types that much; also keeps int() off huge digit strings
        raise HoursError(
            N_("'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
            shown[:40] + "…",
            lang,
        )
    clock = re.match(_CLOCK, raw)
    if clock:
        hours = int(clock.group(1)) + int(clock.group(2)) / 60
    else:
        hours = _parse_parts(raw, shown, lang)
    if math.isnan(hours):
        raise HoursError(
            N_("'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
            shown,
            lang,
        )
    if hours > MAX_HOURS:  # includes inf
        raise HoursError(
            N_("'{text}' is more than {limit} hours for one activity; check the entry"), shown, lang
        )
    return hours


def _parse_parts(raw: str, shown: str, lang: str) -> float:
    position, total, parts = 0, 0.0, 0
    while position < len(raw):
        match = re.compile(_PART, re.IGNORECASE).match(raw, position)
        if not match or match.end() == position:
            raise HoursError(
                N_("'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
                shown,
                lang,
            )
        value, unit = _number(match.group(1)), (match.group(2) or "").lower()
        if re.fullmatch(_MINUTE_UNITS, unit, re.IGNORECASE):
            value /= 60
        elif not unit and parts:
            # "1t 30" means 1 h 30 min, as people say it
            value /= 60
        total += value
        parts += 1
        position = match.end()
    if parts > 1 and not re.search(rf"({_HOUR_UNITS}|{_MINUTE_UNITS})", raw):
        raise HoursError(N_("'{text}' has several numbers; write e.g. 1t 30m"), shown, lang)
    return total


def format_hours(
    hours: float | None, lang: str = "en", decimals: int = 2, trim: bool = True
) -> str:
    """Hours as shown to people: `decimals` decimals (trailing zeros trimmed), Danish comma."""
    if hours is None:
        return ""
    text = f"{hours:.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if lang == "da" else text
