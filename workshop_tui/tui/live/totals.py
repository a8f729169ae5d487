"""Widgets of the read-only live view: header, totals, estimates so far, file status.

Each widget only draws a `LiveSnapshot` (or the file's `WatchState`) that the
app binds into it; the figures come from the totals engine and the shared
renderables in workshop_tui.tui.render. Text the room typed (municipality, local
activity names) is drawn as plain rich Text, never parsed as markup, so it can
neither break the layout nor carry a clickable action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from workshop_tui.core.formatting import format_number
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.plausibility import WIDE_RANGE_FACTOR
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.staff import participants_summary
from workshop_tui.core.session.watcher import MISSING, OK, WatchState
from workshop_tui.core.text import printable
from workshop_tui.core.totals import ActivityTotal, GroupTotals, completeness
from workshop_tui.tui.render import MULTIPLIED_MARK, group_block
from workshop_tui.tui.wrap import wrap_words

# Wider than this, the figures would drift far from the subprocess names.
MAX_BLOCK_WIDTH = 96
GROUP_COLUMN = 10  # characters of one group's column in the estimates list
PROGRESS_WIDTH = 20
# Activity rows the estimates list draws at most. A room estimates tens of activities; a
# file with thousands (e.g. 100,000 added in the room) took a minute to draw as one table
# and its totals are still shown in full. The rest is counted in one line.
MAX_ESTIMATE_ROWS = 500


@dataclass(frozen=True, eq=False)
class LiveSnapshot:
    """One good session as the view shows it; a new object for every change."""

    session: Session
    process: ProcessDefinition
    totals: dict[str, GroupTotals]
    lang: str
    changed: frozenset[str]  # activity ids whose entry changed in the last save
    changed_cells: frozenset[tuple[str, str]]  # (activity id, group id) likewise


def clock_time(moment: datetime) -> str:
    """A save time in the viewer's local time: the time alone when it is today."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M:%S")
    return local.strftime("%Y-%m-%d %H:%M")


class LiveHeader(Static):
    """Municipality, process, date and how complete the session is."""

    snapshot: reactive[LiveSnapshot | None] = reactive(None)

    def watch_snapshot(self, snapshot: LiveSnapshot | None) -> None:
        if snapshot is not None:
            self.update(header_text(snapshot))


def header_text(snapshot: LiveSnapshot) -> Text:
    session, lang = snapshot.session, snapshot.lang
    line = Text()
    line.append(printable(session.municipality), style="bold")
    line.append(" · ")
    line.append(snapshot.process.name.in_lang(lang), style="bold")
    line.append(f" · {session.workshop_date.isoformat()}")
    extras = []
    if session.facilitator:
        extras.append(t("facilitator {name}", lang, name=printable(session.facilitator)))
    if session.participants or session.staff:
        extras.append(printable(participants_summary(session, lang)))
    if extras:
        line.append(" · " + " · ".join(extras), style="dim")
    line.append("  (" + t("read-only live view", lang) + ")", style="dim italic")
    filled = sum(g.filled for g in snapshot.totals.values())
    expected = sum(g.expected for g in snapshot.totals.values())
    share = completeness(snapshot.totals)
    progress = Text("\n")
    done = round(share * PROGRESS_WIDTH)
    progress.append("█" * done, style="green")
    progress.append("░" * (PROGRESS_WIDTH - done), style="grey50")
    progress.append(
        " "
        + nt(
            "Filled in: {filled} of {expected} estimate ({percent})",
            "Filled in: {filled} of {expected} estimates ({percent})",
            expected,
            lang,
            filled=filled,
            expected=expected,
            percent=format_percent(share, lang),
        )
    )
    half = sum(g.half_filled for g in snapshot.totals.values())
    if half:
        progress.append(
            " · " + t("{half} with one side only (not counted as filled)", lang, half=half),
            style="bold",
        )
    return line + progress


class LiveTotals(Static):
    """Per group, every subprocess and the process total against the national reference."""

    snapshot: reactive[LiveSnapshot | None] = reactive(None)

    def watch_snapshot(self, snapshot: LiveSnapshot | None) -> None:
        if snapshot is not None:
            self.update(TotalsBlocks(snapshot))


class TotalsBlocks:
    """The facilitator's totals blocks (shared with the app), drawn to the width given.

    A rich renderable rather than a fixed Text: the blocks fit the columns
    themselves, so the width is only known when Textual lays the widget out.
    """

    def __init__(self, snapshot: LiveSnapshot) -> None:
        self.snapshot = snapshot

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        snapshot, width = self.snapshot, min(options.max_width, MAX_BLOCK_WIDTH)
        for totals in snapshot.totals.values():
            yield group_block(snapshot.process, totals, snapshot.lang, width)
            yield Text("")
        yield Text(
            t("staff hours per citizen who receives the intervention", snapshot.lang),
            style="dim italic",
        )


class LiveEstimates(Static):
    """The activities the room has estimated (or marked not applicable) so far."""

    snapshot: reactive[LiveSnapshot | None] = reactive(None)

    def watch_snapshot(self, snapshot: LiveSnapshot | None) -> None:
        if snapshot is not None:
            self.update(estimates_table(snapshot))


def estimates_table(snapshot: LiveSnapshot) -> RenderableType:
    lang, process = snapshot.lang, snapshot.process
    title = Text(
        t(
            "Estimates so far, effective hours (× staff × share; ×: not 1; "
            "!: low above high or high over 5× low; ?: side missing)",
            lang,
        ),
        style="bold",
    )
    groups = list(snapshot.totals.values())
    if not any(g.filled + g.half_filled for g in groups) and not any(
        not a.applicable for g in groups for a in g.activities
    ):
        return Group(title, Text(t("No estimates yet.", lang), style="dim"))
    table = Table(expand=True, show_edge=False, padding=(0, 1), title=title, title_justify="left")
    table.add_column(t("Activity", lang), ratio=1, overflow="fold")
    for group in groups:
        # room for "0,85–1,15×": a figure is never folded (a long group name is)
        # the name on as many lines as it needs, broken between words ("Jobafklaring til",
        # not "Jobafklari/ng til"), a word too long for the column hyphenated
        name = process.group(group.group_id).name.in_lang(lang)
        table.add_column(
            "\n".join(wrap_words(name, GROUP_COLUMN)),
            justify="right",
            width=GROUP_COLUMN,
            overflow="fold",
        )
    room = MAX_ESTIMATE_ROWS  # activity rows still drawn
    left_out = 0
    for sub in groups[0].subprocesses:
        rows = [
            index
            for index, line in enumerate(groups[0].activities)
            if line.line.subprocess == sub.number and _shown(groups, index)
        ]
        if not rows:
            continue
        name = process.subprocesses[sub.number - 1].name.in_lang(lang)
        counts = [g.subprocess(sub.number) for g in groups]
        table.add_row(
            Text(f"{sub.number} {name}", style="bold"),
            *[Text(f"{c.filled}/{c.expected}", style="dim") for c in counts],
        )
        for index in rows[:room]:
            table.add_row(*_activity_cells(groups, index, snapshot))
        left_out += max(0, len(rows) - room)
        room = max(0, room - len(rows))
    if left_out:
        more = nt(
            "… and {count} more activity with estimates, not listed here",
            "… and {count} more activities with estimates, not listed here",
            left_out,
            lang,
            count=format_number(left_out, lang),
        )
        table.add_row(Text(more, style="dim italic"))
    return table


def _shown(groups: list[GroupTotals], index: int) -> bool:
    return any(
        g.activities[index].span is not None or not g.activities[index].applicable for g in groups
    )


def _activity_cells(groups: list[GroupTotals], index: int, snapshot: LiveSnapshot) -> list[Text]:
    lang = snapshot.lang
    first = groups[0].activities[index]
    changed = first.line.id in snapshot.changed
    name = Text()
    name.append("▶ " if changed else "  ", style="bold yellow")
    name.append(printable(first.line.label(lang)), style="bold" if changed else "")
    marks = []
    if first.line.local:
        marks.append(t("added in the room", lang))
    if first.line.time_consuming:
        marks.append(t("time-consuming", lang))
    if marks:
        name.append(f" ({', '.join(marks)})", style="dim")
    cells = [
        _estimate_cell(
            g.activities[index], lang, (first.line.id, g.group_id) in snapshot.changed_cells
        )
        for g in groups
    ]
    return [name, *cells]


def _estimate_cell(activity: ActivityTotal, lang: str, changed: bool) -> Text:
    if not activity.applicable:
        return Text(t("n/a", lang), style="dim italic")
    if activity.span is None:
        return Text("·", style="dim")
    span = activity.span
    low = "?" if activity.missing_side == "low" else format_hours(span.low, lang)
    high = "?" if activity.missing_side == "high" else format_hours(span.high, lang)
    mark = MULTIPLIED_MARK if activity.factor != 1 else ""
    text = Text(
        f"{low}–{high}{mark}",
        style="bold yellow" if changed else "",
    )
    wide = not activity.missing_side and span.high > WIDE_RANGE_FACTOR * span.low
    if activity.low_above_high or wide:  # the grid's "!": check the two figures
        text = Text("!", style="bold dark_orange") + text
    return text


class LiveStatus(Static):
    """One discreet line: when the room last saved, or why the file is not followed now."""

    snapshot: reactive[LiveSnapshot | None] = reactive(None)
    file_state: reactive[WatchState | None] = reactive(None)

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.path = path

    def watch_snapshot(self) -> None:
        self._draw()

    def watch_file_state(self) -> None:
        self._draw()

    def _draw(self) -> None:
        snapshot, state = self.snapshot, self.file_state
        if snapshot is None or state is None:
            return
        lang = snapshot.lang
        self.set_class(state.status != OK, "-trouble")
        if state.status == OK:
            text = Text(t("Last saved {time}", lang, time=clock_time(snapshot.session.updated_at)))
            text.append(
                " · " + t("following {path}", lang, path=printable(self.path.name)), style="dim"
            )
            self.update(text)
            return
        since = clock_time(datetime.fromtimestamp(state.status_since).astimezone())
        if state.status == MISSING:
            message = t(
                "The file has been missing since {time}; showing the last saved state",
                lang,
                time=since,
            )
        else:
            message = t(
                "The file cannot be used since {time}; showing the last saved state ({problem})",
                lang,
                time=since,
                problem=state.problem,
            )
        self.update(Text("⚠ " + message, no_wrap=True, overflow="ellipsis"))
