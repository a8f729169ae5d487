"""Figures five rows tall, for the back of the room (Textual's Digits are three).

A 3x5 block font for what a range needs: digits, a decimal comma or point, a
dash, and a question mark for a side not given yet. Anything else is left out
rather than drawn wrong.
"""

from __future__ import annotations

from rich.text import Text

ROWS = 5
_FONT: dict[str, tuple[str, str, str, str, str]] = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" █ ", "██ ", " █ ", " █ ", "███"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", " ██", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", " █ ", " █ "),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ",": ("  ", "  ", "  ", "▄ ", "▀ "),
    ".": ("  ", "  ", "  ", "  ", "▄ "),
    "-": ("   ", "   ", "███", "   ", "   "),
    "?": ("███", "  █", " ██", "   ", " █ "),  # a side the room has not given yet
}


def big_figure(text: str, style: str = "") -> Text:
    """`text` in the 5-row font, one space between characters."""
    glyphs = [_FONT[char] for char in text if char in _FONT]
    rows = [" ".join(glyph[row] for glyph in glyphs) for row in range(ROWS)]
    return Text("\n".join(rows), style=style, no_wrap=True)


def big_width(text: str) -> int:
    """Cells `big_figure(text)` takes across."""
    glyphs = [_FONT[char] for char in text if char in _FONT]
    return sum(len(glyph[0]) for glyph in glyphs) + max(0, len(glyphs) - 1)
