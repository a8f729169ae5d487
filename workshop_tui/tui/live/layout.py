"""How the read-only live view arranges its panes for the width it has, and the one-line
per group summary it shows above the activity list where that list comes first.

- From BESIDE_FROM columns: the totals and the activity list side by side.
- From LIST_FIRST_FROM (a projector's 120x40): one line per group (total, midpoint,
  national range) above the activity list in the full width, so that the list is seen
  whole without scrolling; each group's subprocess totals follow below it.
- Narrower (80x24): the totals blocks first, then the list, the whole body scrolling.

The body arranges itself on every resize: a view started at 120 columns and shrunk to 80
stacks as one started at 80 does.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual import events
from textual.containers import ScrollableContainer
from textual.reactive import reactive
from textual.widgets import Static

from workshop_tui.core.formatting import range_text
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import t
from workshop_tui.core.process.reference import TOTAL, reference_for
from workshop_tui.tui.live.totals import LiveSnapshot
from workshop_tui.tui.render import (
    FAR_FROM_REFERENCE_MARK,
    MIN_BAR_WIDTH,
    OUTSIDE_STYLE,
    far_from_reference,
    filled_text,
    range_bar,
)

BESIDE_FROM = 160
LIST_FIRST_FROM = 110
SUMMARY_BAR_WIDTH = 24


class LiveBody(ScrollableContainer):
    """The live view's panes, arranged by the body's own width on every resize."""

    def on_mount(self) -> None:
        self.arrange_panes()

    def on_resize(self, event: events.Resize) -> None:
        self.arrange_panes()

    def arrange_panes(self) -> None:
        width = self.size.width
        if not width:
            return
        beside = width >= BESIDE_FROM
        list_first = LIST_FIRST_FROM <= width < BESIDE_FROM
        self.set_class(beside, "-wide")
        self.set_class(list_first, "-list-first")
        totals, estimates = self.query_one("#totals-pane"), self.query_one("#estimates-pane")
        totals_first = self.children.index(totals) < self.children.index(estimates)
        if list_first and totals_first:
            self.move_child(totals, after=estimates)
        elif not list_first and not totals_first:
            self.move_child(totals, before=estimates)


class LiveSummary(Static):
    """Each group's process total on one line: the room's range and midpoint beside the
    national range, a range bar, and how much is filled."""

    snapshot: reactive[LiveSnapshot | None] = reactive(None)

    def watch_snapshot(self, snapshot: LiveSnapshot | None) -> None:
        if snapshot is not None:
            self.update(GroupSummaries(snapshot))


class GroupSummaries:
    """The summary lines, drawn to the width given (the bar only where it fits)."""

    def __init__(self, snapshot: LiveSnapshot) -> None:
        self.snapshot = snapshot

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        snapshot, lang = self.snapshot, self.snapshot.lang
        table = Table.grid(padding=(0, 1))
        table.add_column(ratio=1, overflow="fold")  # the group's name, whole
        for _ in range(3):
            table.add_column(justify="right", no_wrap=True)
        names = [
            snapshot.process.group(g.group_id).name.in_lang(lang) for g in snapshot.totals.values()
        ]
        bar = options.max_width - max(map(len, names)) - 40 >= MIN_BAR_WIDTH
        if bar:
            table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        heads = [t("Workshop", lang), t("Mid", lang), t("National", lang)]
        table.add_row("", *(Text(head, style="dim") for head in heads), *([""] * (2 if bar else 1)))
        for name, totals in zip(names, snapshot.totals.values(), strict=True):
            ref = reference_for(snapshot.process, totals.group_id, TOTAL)
            counted = totals.filled + totals.half_filled
            room, mid = "–", "–"
            if counted:
                room = range_text(totals.total.low, totals.total.high, lang)
                if totals.partial:
                    room += " (" + t("partial", lang) + ")"
                mid = format_hours(totals.total.mid, lang, 1, trim=False)
            mid_text = Text(mid, style="bold")
            if counted and far_from_reference(totals.total, ref, totals.partial):
                mid_text.append(FAR_FROM_REFERENCE_MARK, style=OUTSIDE_STYLE)
            cells = [
                Text(name, style="bold"),
                Text(room, style="bold"),
                mid_text,
                Text(range_text(ref.low, ref.high, lang) if ref else "–", style="dim"),
            ]
            if bar:
                cells.append(range_bar(totals.total if counted else None, ref, SUMMARY_BAR_WIDTH))
            cells.append(Text(filled_text(totals, lang), style="dim"))
            table.add_row(*cells)
        yield table
