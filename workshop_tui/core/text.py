"""User text shown on a terminal: control characters are shown, never obeyed.

A municipality, a note, an activity's or a file's name may hold terminal
escape codes (ESC [2J clears the screen, ESC ] 0; retitles the window),
carriage returns that overwrite a line, bidirectional controls that make a
line read differently from what it holds, or zero-width characters that hide
what it holds. Wherever such text reaches a terminal, `printable` shows each of
these as a visible escape (`\\x1b`, `\\u202e`, `\\u200b`). Newlines and tabs are
text: on one line a newline shows as ⏎ and a tab as a space; where text may
take several lines both stay. Files written as data (CSV, JSON, XLSX) keep
the text as it is.

Text is also shown capped, with an ellipsis: a name of 10,000 characters, or a
lock file's holder of 10 MB, must neither push a dialog's buttons off the
screen nor take seconds to draw. The caps are here, in one place.

Text is one text: `nfc` gives the one spelling of a text whose letters may be
written composed (å as U+00E5) or decomposed (a and a combining ring, as macOS
and some spreadsheets save it); the file models read every name and note
through it. `likely_mojibake` spots a text whose UTF-8 was read as Windows-1252
("BjergsÃ¸" for "Bjergsø").
"""

from __future__ import annotations

import re
import unicodedata

# Characters of one text shown on one line: wider than any terminal, short enough to draw
# at once (a widget cuts it to its width, with an ellipsis).
ONE_LINE_LIMIT = 500
# Characters of one text shown on several lines: a long note whole, a 10 MB one not.
LINES_LIMIT = 20_000
# Characters of a name inside a sentence (a message, a dialog's text): the sentence stays
# readable, and ends as it should.
NAME_LIMIT = 80

ELLIPSIS = "…"
NEWLINE_MARK = "⏎"

# C0 controls but tab and newline, DEL, C1 controls; the line and paragraph separators;
# the format characters (Unicode category Cf): the soft hyphen, the bidirectional marks,
# embeddings, overrides and isolates (U+061C, U+200E-F, U+202A-E, U+2066-9), the
# zero-width space, joiners and word joiner (U+200B-D, U+2060), the byte order mark
# (U+FEFF), and the rest of Cf, none of which shows as itself.
_CONTROL = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROL_ONLY = re.compile(f"[{_CONTROL}]")
# Speed: this one and _MOJIBAKE_LEAD are kept as text and compiled where first used (`re`
# keeps them in its cache): every start imports this module and uses neither (~0.45 ms)
_CONTROL_OR_NEWLINE = f"[{_CONTROL}\n]"
# newlines with the spaces and tabs around them, on one line: ' ⏎ ', ' ⏎ ⏎ '
_NEWLINES = re.compile(r"[ \t]*(?:\n[ \t]*)+")


def _shown(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str, keep_newlines: bool = False, limit: int | None = None) -> str:
    """`text` as a terminal may show it: every control character escaped (ESC as `\\x1b`,
    U+202E as `\\u202e`), and capped with an ellipsis.

    On one line (the default) a newline shows as ⏎ and a tab as a space, so one text
    cannot start a line of its own in a message; with `keep_newlines` (a note shown in
    a dialog or a table cell) both stay. `limit` is the most characters shown: by
    default ONE_LINE_LIMIT, or LINES_LIMIT with `keep_newlines`.
    """
    if limit is None:
        limit = LINES_LIMIT if keep_newlines else ONE_LINE_LIMIT
    if len(text) <= limit:
        return clip(escaped(text, keep_newlines), limit)
    # escapes only lengthen a text: what is past the limit is never shown, nor worked on
    return clip(escaped(text[:limit], keep_newlines) + ELLIPSIS, limit)


def escaped(text: str, keep_newlines: bool = False) -> str:
    """`text` whole, its control characters escaped as `printable` shows them, never cut:
    for what is written out whole (a Markdown file, a view's error stream)."""
    shown = _CONTROL_ONLY.sub(_shown, text.replace("\r\n", "\n"))
    if keep_newlines:
        return shown
    return _NEWLINES.sub(_marked, shown.replace("\t", " "))


def _marked(newlines: re.Match[str]) -> str:
    return f" {' '.join(NEWLINE_MARK * newlines.group().count(chr(10)))} "


def clip(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, its end replaced by an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)] + ELLIPSIS


def control_characters(text: str, keep_newlines: bool = False) -> str:
    """The control characters in `text`, each once and shown escaped ('' when none):
    text fields refuse them on entry (newlines only where `keep_newlines`)."""
    pattern = _CONTROL_ONLY if keep_newlines else re.compile(_CONTROL_OR_NEWLINE)
    return " ".join(dict.fromkeys(_shown(found) for found in pattern.finditer(text)))


def nfc(text: str) -> str:
    """`text` in Unicode's composed form (NFC): 'A\u030arhus' and 'Århus' are one text."""
    # isascii() reads a flag the string carries: nearly every note is empty or ASCII,
    # and the session's text fields call this about 16 times a file
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


# Lead bytes of a two-byte UTF-8 letter (U+0080-U+07FF) as Windows-1252 shows them:
# 'Ã' (0xC3) starts æ, ø, å, é; 'Â' (0xC2) a no-break space or a sign.
_MOJIBAKE_LEAD = (
    "[\u00c2-\u00df][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
    "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def likely_mojibake(text: str) -> str | None:
    """What `text` reads as when its letters are UTF-8 bytes shown as Windows-1252
    (or Latin-1): 'BjergsÃ¸ Kommune' -> 'Bjergsø Kommune'; None when it reads as it is.

    A Danish name never holds 'Ã' followed by a symbol or a second accented capital,
    so a text that encodes back to valid UTF-8 with another meaning was almost surely
    read with the wrong encoding.
    """
    if not re.search(_MOJIBAKE_LEAD, text):
        return None
    for encoding in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        return repaired if repaired != text else None
    return None


__all__ = [
    "LINES_LIMIT",
    "NAME_LIMIT",
    "ONE_LINE_LIMIT",
    "clip",
    "control_characters",
    "escaped",
    "likely_mojibake",
    "nfc",
    "printable",
]
