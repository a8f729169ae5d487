"""A QR code drawn in the terminal: two modules a character, with half blocks.

Dark on light whatever the theme (a phone's camera needs the contrast), with a
quiet zone of two modules: enough for phones, and it keeps the code small enough
for an 80x24 terminal. segno is pure Python and imported only when a code is drawn.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

QUIET_ZONE = 2
QR_STYLE = Style(color="#000000", bgcolor="#ffffff")
# (top module dark, bottom module dark) -> the character that draws the pair
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(data: str) -> list[str]:
    """The QR code of `data` as lines of half blocks (dark modules drawn)."""
    import segno  # only when a room opens: the app's start never pays for it

    code = segno.make(data, error="l", micro=False)
    matrix = [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET_ZONE)]
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        "".join(HALF_BLOCKS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[::2], matrix[1::2], strict=True)
    ]


class QrCode(Static):
    """The QR code of one text (the room's address), sized to fit it exactly."""

    DEFAULT_CSS = """
    QrCode { width: auto; height: auto; }
    """

    def __init__(self, data: str, *, id: str | None = None) -> None:
        self.lines = qr_lines(data)
        super().__init__(Text("\n".join(self.lines), style=QR_STYLE, no_wrap=True), id=id)
