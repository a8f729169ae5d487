"""The participants' spread of the cell under the cursor, as the totals panel shows it
after the reveal: every range without a name, and the lowest, median and highest
low and high. Drawn from the session's copy of the room's estimates only.
"""

from __future__ import annotations

from rich.text import Text

from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.room.spread import CellSpread

LABEL_WIDTH = 6
FIGURE_WIDTH = 9


def spread_block(spread: CellSpread, where: str, lang: str, width: int) -> Text:
    """Several lines: the cell, the count, the three figures of low and high, the ranges."""
    text = Text()
    text.append(t("Participants · {where}", lang, where=where) + "\n", style="bold")
    count = spread.count
    text.append(
        nt("{n} estimate, anonymous", "{n} estimates, anonymous", count, lang, n=count) + "\n"
    )
    heads = (t("lowest", lang), t("median", lang), t("highest", lang))
    text.append(" " * LABEL_WIDTH + "".join(h.rjust(FIGURE_WIDTH) for h in heads) + "\n")
    for label, figures in (
        (t("Low", lang), (spread.low_min, spread.low_median, spread.low_max)),
        (t("High", lang), (spread.high_min, spread.high_median, spread.high_max)),
    ):
        cells = "".join(format_hours(f, lang).rjust(FIGURE_WIDTH) for f in figures)
        text.append(label[:LABEL_WIDTH].ljust(LABEL_WIDTH) + cells + "\n")
    text.append(_ranges(spread, lang, width), style="dim")
    text.append("\n" + t("Ctrl+U, m: the medians into the cell", lang), style="italic")
    return text


def _ranges(spread: CellSpread, lang: str, width: int) -> str:
    """Each participant's range, sorted, on as many lines as the width needs."""
    lines, line = [], ""
    for low, high in spread.ranges:
        item = f"{format_hours(low, lang)}–{format_hours(high, lang)}"
        if line and len(line) + 3 + len(item) > width:
            lines.append(line)
            line = ""
        line = f"{line} · {item}" if line else item
    lines.append(line)
    return "\n".join(lines)


def spread_line(spread: CellSpread, lang: str) -> str:
    """The same on one line, for the folded totals (F10)."""
    return t(
        "Participants ({n}): low {low}, high {high} (median)",
        lang,
        n=spread.count,
        low=format_hours(spread.low_median, lang),
        high=format_hours(spread.high_median, lang),
    )
