"""First round against agreed, for the room: per subprocess and for the whole process.

Drawn on the presentation for the group shown, from core.workshop.convergence.level_pairs:
each row sums the same cells on both sides (cells with a low and a high in the
first round and now), so the change is the room's own movement, not cells
filled since. Hidden while no round has been closed.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workshop_tui.core.formatting import range_text
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.convergence import Pair, level_pairs


def _signed(value: float, lang: str) -> str:
    text = format_hours(abs(value), lang, 1, False)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def _width(pair: Pair, lang: str) -> str:
    before = format_hours(pair.first_high - pair.first_low, lang, 1, False)
    after = format_hours(pair.high - pair.low, lang, 1, False)
    return f"{before} → {after}"


def first_against_agreed(
    process: ProcessDefinition, session: Session, group: str, lang: str
) -> RenderableType | None:
    """The table for `group`, or None when no cell of it has both rounds."""
    pairs = level_pairs(process, session)
    total = pairs.get(("total", "", group))
    if not total:
        return None
    cells = len([key for key in pairs if key[0] == "activity" and key[2] == group])
    table = Table(expand=True, box=None, padding=(0, 1), show_edge=False)
    table.add_column(t("Subprocess", lang), ratio=3, no_wrap=True, overflow="ellipsis")
    for head in (N_("First round"), N_("Agreed"), N_("Mid moved"), N_("Width")):
        table.add_column(t(head, lang), justify="right", no_wrap=True)
    rows = [
        (f"{s.number} {s.name.in_lang(lang)}", pairs.get(("subprocess", str(s.number), group)))
        for s in process.subprocesses
    ]
    rows.append((t("Total", lang), total))
    for index, (label, found) in enumerate(rows):
        style = "bold" if index == len(rows) - 1 else ""
        if not found:
            table.add_row(Text(label, style), "–", "–", "", "", style=style)
            continue
        pair = found[0]
        table.add_row(
            Text(label, style),
            range_text(pair.first_low, pair.first_high, lang),
            range_text(pair.low, pair.high, lang),
            _signed(pair.change, lang),
            _width(pair, lang),
            style=style,
        )
    title = Text(
        t("First round against agreed (cells with both: {cells})", lang, cells=cells), style="bold"
    )
    return Group(title, table)


# The presentation's first-against-agreed view (Ctrl+B there) takes the place of the
# total's text and bar and the subprocess table, so that it fits 80x24 whole.
FIRST_AGREED_VIEW = "-first-agreed"


class FirstAgreed(Static):
    """The presentation's first-against-agreed table, shown in its view (Ctrl+B)."""

    SCOPED_CSS = False  # hides the presentation's own tables in that view
    DEFAULT_CSS = f"""
    FirstAgreed {{ height: auto; margin-top: 1; display: none; }}
    Screen.{FIRST_AGREED_VIEW} FirstAgreed {{ display: block; }}
    Screen.{FIRST_AGREED_VIEW} #pres-total-text, Screen.{FIRST_AGREED_VIEW} #pres-total-bar,
    Screen.{FIRST_AGREED_VIEW} #pres-subprocesses {{ display: none; }}
    """

    def show(self, process: ProcessDefinition, session: Session, group: str, lang: str) -> None:
        drawn = first_against_agreed(process, session, group, lang)
        self.update(
            drawn
            if drawn is not None
            else Text(
                t("No first round closed yet (F3 on the estimate screen closes one)", lang),
                style="bold",
            )
        )
