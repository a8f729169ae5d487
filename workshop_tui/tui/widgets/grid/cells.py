"""Pure helpers of the estimate grid: fitting figures and names into cells, what to check."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_tui.core.hours import HoursError, format_hours, parse_range
from workshop_tui.core.plausibility import cell_flag, is_half_filled
from workshop_tui.core.session.editor import Side
from workshop_tui.core.session.model import Session
from workshop_tui.core.totals import ActivityLine
from workshop_tui.tui.wrap import cut, wrap_words

CELL_WIDTH = 6  # one hours value: up to 5 characters and a space
GROUP_GAP = 1  # the rule before each group's pair of columns


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
    return cut(text, width).ljust(width)


def wrap_name(prefix: str, text: str, width: int, lines: int) -> list[str]:
    """`prefix` + `text` in `width` cells on at most `lines` lines, the further ones
    indented under the first's text; words kept whole, a word longer than the column
    hyphenated (see tui/wrap.py); the last line cut with an ellipsis where even `lines`
    are not enough."""
    if lines < 2 or len(prefix) + len(text) <= width:
        return [fit(prefix + text, width)]
    # (one column kept free before the rule that follows, so a full line does not touch it)
    parts = wrap_words(text, max(1, width - len(prefix) - 1))
    if len(parts) > lines:
        parts = [*parts[: lines - 1], " ".join(parts[lines - 1 :])]
    indent = " " * len(prefix)
    return [fit((indent if index else prefix) + part, width) for index, part in enumerate(parts)]
