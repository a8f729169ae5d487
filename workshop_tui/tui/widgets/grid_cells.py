"""Pure helpers of the estimate grid: fitting figures and names into cells, what to check."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Literal

from workshop_tui.core.hours import HoursError, format_hours, parse_range
from workshop_tui.core.models import Session
from workshop_tui.core.plausibility import cell_flag, is_half_filled
from workshop_tui.core.totals import ActivityLine

Side = Literal["low", "high"]
SIDES: tuple[Side, Side] = ("low", "high")


@dataclass(frozen=True)
class Row:
    """A subprocess heading (line None) or an activity."""

    subprocess: int
    line: ActivityLine | None = None


@dataclass(frozen=True)
class Cell:
    activity_id: str
    group_id: str
    side: Side


def is_range(text: str, lang: str) -> bool:
    """Whether `text` gives a low and a high at once ("2-3"), as the editor reads it."""
    try:
        return parse_range(text, lang) is not None
    except HoursError:
        return False


def needs_check(session: Session, cell: Cell) -> bool:
    """Whether the room should look at `cell` again: an applicable empty cell
    (its low side), a half-filled cell's empty side, or a flagged cell (its low side)."""
    entry = session.entry(cell.activity_id)
    if not entry.applies_to(cell.group_id):  # the activity, or this group, not applicable
        return False
    estimate = entry.estimates.get(cell.group_id)
    if estimate is None or (estimate.low is None and estimate.high is None):
        return cell.side == "low"
    if is_half_filled(estimate):
        return getattr(estimate, cell.side) is None
    return cell_flag(estimate) is not None and cell.side == "low"


def fit_hours(value: float, lang: str, width: int) -> str:
    """Hours in at most `width` characters: fewer decimals rather than a cut-off figure."""
    for decimals in (2, 1, 0):
        text = format_hours(value, lang, decimals)
        if len(text) <= width:
            return text
    return "9" * (width - 1) + "+"


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.ljust(width)


def wrap_name(prefix: str, text: str, width: int, lines: int) -> list[str]:
    """`prefix` + `text` in `width` cells on at most `lines` lines (the second indented
    under the first's text, cut with an ellipsis where even two are not enough)."""
    if lines < 2 or len(prefix) + len(text) <= width:
        return [fit(prefix + text, width)]
    parts = textwrap.wrap(text, max(1, width - len(prefix)))
    indent = " " * len(prefix)
    return [fit(prefix + parts[0], width), fit(indent + " ".join(parts[1:]), width)]
