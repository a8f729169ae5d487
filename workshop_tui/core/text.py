"""User text shown on a terminal: control characters are shown, never obeyed.

A municipality, a note, an activity's or a file's name may hold terminal
escape codes (ESC [2J clears the screen, ESC ] 0; retitles the window),
carriage returns that overwrite a line, or bidirectional overrides that make a
line read differently from what it holds. Wherever such text reaches a
terminal, `printable` shows each of these as a visible escape (`\\x1b`,
`\\u202e`). Files written as data (CSV, JSON, XLSX) keep the text as it is.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, the line and paragraph separators and the
# bidirectional embeddings, overrides and isolates.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL_OR_NEWLINE = re.compile(f"[{_CONTROL}\n]")
_CONTROL_ONLY = re.compile(f"[{_CONTROL}]")


def _shown(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control character shown escaped: ESC as `\\x1b`, U+202E as `\\u202e`.

    Tabs stay. A newline is shown as `\\x0a` too, so one line of user text
    cannot start a line of its own in a message, unless `keep_newlines` (a note
    shown in a table cell may keep its lines).
    """
    pattern = _CONTROL_ONLY if keep_newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(_shown, text)


def control_characters(text: str, keep_newlines: bool = False) -> str:
    """The control characters in `text`, each once and shown escaped ('' when none):
    text fields refuse them on entry (newlines only where `keep_newlines`)."""
    pattern = _CONTROL_ONLY if keep_newlines else _CONTROL_OR_NEWLINE
    return " ".join(dict.fromkeys(_shown(found) for found in pattern.finditer(text)))


__all__ = ["control_characters", "printable"]
