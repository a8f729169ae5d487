"""What the estimate grid draws: its rows, its cursor and each line's segments.

The grid's drawing half (EstimateGrid adds the keys, the typing and the mouse), the header
with its target groups' names included.
Built on the Line API (a ScrollView that draws each line itself) rather than on
DataTable: a DataTable repaints every visible cell on each update, while
committing an entry here repaints one line.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.plausibility import cell_flag, is_half_filled
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.editor import SIDE_WORDS, SIDES, Side
from workshop_tui.core.session.entries import Estimate
from workshop_tui.core.session.model import Session
from workshop_tui.core.text import printable
from workshop_tui.core.totals import ActivityLine, activity_lines
from workshop_tui.tui.render import MISSING_MARK, MULTIPLIED_MARK
from workshop_tui.tui.widgets.grid.cells import (
    CELL_WIDTH,
    GROUP_GAP,
    Cell,
    Row,
    fit,
    fit_hours,
    wrap_name,
)
from workshop_tui.tui.widgets.grid.entry_text import EntryText
from workshop_tui.tui.widgets.grid.rounds import RoundsLook
from workshop_tui.tui.wrap import wrap_words

MIN_NAME_WIDTH = 14
TIME_CONSUMING_MARK = "*"
LOCAL_MARK = "+"
NOTE_MARK = "✎"
IMPLAUSIBLE_MARK = "!"  # low above high, or a high more than WIDE_RANGE_FACTOR times the low
SELECTED = Style(reverse=True)  # a refused entry's text, replaced by what is typed next
# Lines an activity's name may take where the screen wraps names (120x40): every bundled
# name whole at the width the screen gives it there; a longer local name is cut on the last.
NAME_LINES = 5
# Lines a group's name may take: as many as a long name needs where the screen is tall
# (120x40: "Job clarification to new job clarification course" takes five), two where
# the grid needs every line for activities (80x24).
GROUP_NAME_LINES_TALL = 5
GROUP_NAME_LINES_SHORT = 2


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def count_mark(count: int) -> str:
    """How many participants answered a cell, in the one column before it: '³', or '⁺'
    from ten on (the dialog and the totals panel give the number)."""
    return SUPERSCRIPTS[count] if count < len(SUPERSCRIPTS) else "⁺"


class GridView(ScrollView, can_focus=True):
    """Activities down, a Low and a High column per target group across; draws only."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "estimate-grid--header",
        "estimate-grid--subprocess",
        "estimate-grid--cursor",
        "estimate-grid--cursor-row",
        "estimate-grid--editing",
        "estimate-grid--rejected",
        "estimate-grid--warning",
        "estimate-grid--muted",
        "estimate-grid--rule",
        "estimate-grid--room",
    }

    DEFAULT_CSS = """
    GridView {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    GridView > .estimate-grid--header { text-style: bold; color: $text; background: $panel; }
    GridView > .estimate-grid--subprocess { text-style: bold; color: $primary; }
    GridView > .estimate-grid--cursor {
        background: $primary; color: $background; text-style: bold;
    }
    GridView:blur > .estimate-grid--cursor { background: $primary 40%; color: $text; }
    GridView > .estimate-grid--cursor-row { background: $boost; }
    GridView > .estimate-grid--editing {
        background: $accent; color: $background; text-style: bold;
    }
    GridView > .estimate-grid--rejected { background: $error; color: $text; text-style: bold; }
    GridView > .estimate-grid--warning {
        background: $warning; color: $background; text-style: bold;
    }
    GridView > .estimate-grid--muted { color: $text-muted; }
    GridView > .estimate-grid--rule { color: $text-muted; }
    GridView > .estimate-grid--room { color: $accent; text-style: bold; }
    """

    def __init__(
        self,
        process: ProcessDefinition,
        session: Session,
        lang: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.process = process
        self.session = session
        self.lang = lang
        self.rows: list[Row] = []
        self.row_of: dict[str, int] = {}
        self.cursor_row = 0
        self.cursor_column = 0
        self.entry: EntryText | None = None  # the figure being typed, None when not editing
        self.rejected: str | None = None  # reason the current entry was refused
        self.effective = False  # show hours x staff x share rather than as typed
        self.rounds_look = RoundsLook()  # first figures, moved marks, a silent round's hiding
        # while the participants' room is open: how many answered, per (activity, group)
        self.room_counts: dict[tuple[str, str], int] = {}
        # the subprocess of the last figure the room gave: Enter on a subprocess's last cell
        # moves the cursor on, but the room is still talking about the one just finished
        self.last_entered_subprocess: int | None = None
        self._styles: dict[tuple[str, ...], Style] = {}
        self._name_lines: tuple[tuple[str, tuple[str, ...], bool], list[list[str]]] | None = None
        # Activity names may take NAME_LINES screen lines (the screen allows it where tall):
        # each row's first line, and each line's (row, part), below the header.
        self.wrap_names = False
        self._wrapped: dict[tuple[str, str, int], list[str]] = {}
        self._row_top: list[int] = []
        self._line_row: list[tuple[int, int]] = []
        self._build_rows()

    # ------------------------------------------------------------ rows and cursor

    @property
    def columns(self) -> list[tuple[str, Side]]:
        return [(group, side) for group in self.session.groups for side in SIDES]

    def _build_rows(self) -> None:
        rows: list[Row] = []
        lines = activity_lines(self.process, self.session)
        for subprocess in self.process.subprocesses:
            rows.append(Row(subprocess.number))
            rows += [
                Row(subprocess.number, line)
                for line in lines
                if line.subprocess == subprocess.number
            ]
        self.rows = rows
        self.row_of = {row.line.id: index for index, row in enumerate(rows) if row.line}
        self.lay_out_lines()
        if not (0 <= self.cursor_row < len(rows)) or rows[self.cursor_row].line is None:
            self.cursor_row = self._next_activity_row(self.cursor_row, 1)

    def lines_for(self, name_width: int) -> int:
        """Screen lines the rows take with names `name_width` wide (without the header)."""
        return sum(self._row_height(row, name_width) for row in self.rows)

    def _row_height(self, row: Row, name_width: int) -> int:
        if row.line is None or not self.wrap_names:
            return 1
        return len(self._name_parts(row.line, name_width))

    def lay_out_lines(self, view_width: int | None = None) -> None:
        """Map rows to screen lines for the current width (on a resize, or new rows), or
        for `view_width`, the width the screen will give it (before its first layout)."""
        if view_width is None:
            view_width = self.view_width
        width = self.name_width_in(view_width)
        self._row_top, self._line_row = [], []
        for index, row in enumerate(self.rows):
            self._row_top.append(len(self._line_row))
            height = self._row_height(row, width) if view_width else 1
            self._line_row += [(index, part) for part in range(height)]
        self.virtual_size = Size(view_width, self.header_height + len(self._line_row))

    @property
    def line_count(self) -> int:
        return len(self._line_row)

    def row_at_line(self, line: int) -> int | None:
        """The row drawn on `line` (below the header, scrolling included), or None."""
        return self._line_row[line][0] if 0 <= line < len(self._line_row) else None

    def _next_activity_row(self, start: int, step: int) -> int:
        """The nearest activity row from `start` in direction `step`, else the other way."""
        for direction in (step, -step):
            row = start
            while 0 <= row < len(self.rows):
                if self.rows[row].line is not None:
                    return row
                row += direction
        return 0

    @property
    def cursor_cell(self) -> Cell | None:
        line = self.current_line
        if line is None:
            return None
        group, side = self.columns[self.cursor_column]
        return Cell(line.id, group, side)

    @property
    def current_line(self) -> ActivityLine | None:
        return self.rows[self.cursor_row].line if self.rows else None

    @property
    def current_subprocess(self) -> int:
        return self.rows[self.cursor_row].subprocess if self.rows else 1

    @property
    def subprocess_worked_on(self) -> int:
        """The subprocess under the cursor; the one just finished if the cursor's has no figure.

        Enter on a subprocess's last cell moves on to the next, still empty one: a round
        closed then (F3) is meant for the one the room just finished.
        """
        current = self.current_subprocess
        last = self.last_entered_subprocess
        if last is None or last == current or self._has_figures(current):
            return current
        return last

    def _has_figures(self, subprocess: int) -> bool:
        groups = self.session.groups
        return any(
            self.session.estimate(row.line.id, group).low is not None
            or self.session.estimate(row.line.id, group).high is not None
            for row in self.rows
            if row.subprocess == subprocess and row.line is not None
            for group in groups
        )

    @property
    def editing(self) -> bool:
        return self.entry is not None

    # ------------------------------------------------------------ geometry

    @property
    def view_width(self) -> int:
        """Columns to draw in: the widget less its scrollbar."""
        return self.scrollable_content_region.width

    @property
    def name_width(self) -> int:
        return self.name_width_in(self.view_width)

    def name_width_in(self, view_width: int) -> int:
        """The activity names' width when the grid draws in `view_width` columns."""
        groups = len(self.session.groups)
        return max(MIN_NAME_WIDTH, view_width - groups * (2 * CELL_WIDTH + GROUP_GAP))

    def _cell_starts(self) -> list[int]:
        starts, x = [], self.name_width
        for _ in self.session.groups:
            x += GROUP_GAP
            starts += [x, x + CELL_WIDTH]
            x += 2 * CELL_WIDTH
        return starts

    # ------------------------------------------------------------ painting

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self.refresh()

    def refresh_row(self, row: int) -> None:
        """Repaint one grid row (all its lines), if it is on screen."""
        if not 0 <= row < len(self._row_top):
            return
        top = self._row_top[row]
        bottom = self._row_top[row + 1] if row + 1 < len(self._row_top) else len(self._line_row)
        y = self.header_height + top - int(self.scroll_y)
        if self.header_height <= y + bottom - top - 1 and y < self.size.height:
            self.refresh(Region(0, y, self.view_width, bottom - top))

    def render_line(self, y: int) -> Strip:
        width = self.view_width
        if y < self.header_height:
            segments = self._header_segments(y)
        else:
            line = y - self.header_height + int(self.scroll_y)
            if not 0 <= line < len(self._line_row):
                return Strip.blank(width, self._style())
            segments = self._row_segments(*self._line_row[line])
        return Strip(segments).adjust_cell_length(width, self._style())

    def _style(self, *names: str) -> Style:
        """The widget's style plus component styles, cached until the theme or CSS changes."""
        style = self._styles.get(names)
        if style is None:
            style = self.rich_style
            for name in names:
                style += self.get_component_rich_style(f"estimate-grid--{name}")
            self._styles[names] = style
        return style

    def _row_segments(self, row: int, part: int = 0) -> list[Segment]:
        item = self.rows[row]
        if item.line is None:
            return self._subprocess_segments(item.subprocess)
        line = item.line
        entry = self.session.entry(line.id)
        on_cursor_row = row == self.cursor_row
        base = self._style("cursor-row") if on_cursor_row else self._style()
        muted = self._style("cursor-row", "muted") if on_cursor_row else self._style("muted")
        if self.wrap_names:  # (a line map one resize behind draws an empty second line)
            names = self._name_parts(line, self.name_width, entry.note)
            name = names[part] if part < len(names) else ""
        else:
            name = self._activity_label(line, entry.note)
        name_style = muted + Style(strike=True) if entry.not_applicable else base
        segments = [Segment(fit(name, self.name_width), name_style)]
        rule = self._style("cursor-row", "rule") if on_cursor_row else self._style("rule")
        counts = self.room_counts
        for index, (group, side) in enumerate(self.columns):
            if side == "low":
                answered = counts.get((line.id, group)) if counts and not part else None
                if answered:  # the rule before the cell says how many participants answered
                    room = (
                        self._style("cursor-row", "room") if on_cursor_row else self._style("room")
                    )
                    segments.append(Segment(count_mark(answered), room))
                else:
                    segments.append(Segment("│", rule))
            if part:  # a name's second line: the figures are on the first
                segments.append(Segment(" " * CELL_WIDTH, base))
                continue
            estimate = self.session.estimate(line.id, group)
            is_cursor = on_cursor_row and index == self.cursor_column
            if is_cursor and self.entry is not None:
                segments += self._entry_segments(self.entry)
            else:
                segments.append(
                    self._cell_segment(estimate, side, entry.not_applicable, is_cursor, base, muted)
                )
        return self.rounds_look.decorate(self, segments, row, part)

    def _name_parts(self, line: ActivityLine, width: int, note: str | None = None) -> list[str]:
        """The activity's name with its marks on one line, or more where it is long."""
        if note is None:
            note = self.session.entry(line.id).note
        mark = TIME_CONSUMING_MARK if line.time_consuming else " "
        local = f"{LOCAL_MARK} " if line.local else ""
        text = printable(line.label(self.lang)) + (f" {NOTE_MARK}" if note else "")
        key = (f" {mark}{local}", text, width)
        parts = self._wrapped.get(key)
        if parts is None:  # wrapping costs more than drawing the line: once per name and width
            parts = self._wrapped[key] = wrap_name(*key, NAME_LINES)
        return parts

    def _activity_label(self, line: ActivityLine, note: str) -> str:
        mark = TIME_CONSUMING_MARK if line.time_consuming else " "
        local = f"{LOCAL_MARK} " if line.local else ""
        label = f" {mark}{local}{printable(line.label(self.lang))}"
        if note:
            label = label[: self.name_width - 3] if len(label) > self.name_width - 3 else label
            label = f"{label} {NOTE_MARK}"
        return label

    def _cell_segment(
        self,
        estimate: Estimate,
        side: Side,
        not_applicable: bool,
        is_cursor: bool,
        base: Style,
        muted: Style,
    ) -> Segment:
        width = CELL_WIDTH - 1
        not_applicable = not_applicable or estimate.not_applicable  # the activity's, or the group's
        value = getattr(estimate, side)
        factor = estimate.staff * estimate.share
        if self.effective and value is not None:
            value *= factor
        if not_applicable:
            text, style = t("n/a", self.lang), muted
        elif value is None and is_half_filled(estimate):
            text, style = MISSING_MARK, self._style("warning")
        elif value is None:
            text, style = "·", muted
        else:
            text, style = fit_hours(value, self.lang, width), base
        if cell_flag(estimate) and not not_applicable:
            style = self._style("warning")
            text = f"{IMPLAUSIBLE_MARK}{text}"
        if is_cursor:
            style = self._style("cursor")
        mark = MULTIPLIED_MARK if factor != 1 and not not_applicable else " "
        return Segment(text[-width:].rjust(width) + mark, style)

    def _entry_segments(self, entry: EntryText) -> list[Segment]:
        style = self._style("rejected" if self.rejected else "editing")
        shown, selected = entry.shown(CELL_WIDTH), entry.selected_cells(CELL_WIDTH)
        if not selected:
            return [Segment(shown, style)]
        # a refused entry, selected: what is typed next replaces it (see EntryText)
        return [Segment(shown[:selected], style + SELECTED), Segment(shown[selected:], style)]

    def _subprocess_segments(self, number: int) -> list[Segment]:
        subprocess = self.process.subprocesses[number - 1]
        style = self._style("subprocess")
        note = f" {NOTE_MARK}" if self.session.cost_driver_notes.get(number) else ""
        label = f"{number} {subprocess.name.in_lang(self.lang)}{note}"
        return [Segment(fit(label, self.view_width), style)]

    # ------------------------------------------------------------ header
    # the target groups' names over their Low and High columns

    @property
    def header_height(self) -> int:
        """Group names (one line, or more where a name is long) and the Low/High line."""
        return len(self._group_name_lines()) + 1

    def _group_name_lines(self) -> list[list[str]]:
        key = (self.lang, tuple(self.session.groups), self.wrap_names)
        if self._name_lines is None or self._name_lines[0] != key:
            self._name_lines = (key, self._wrap_group_names())
        return self._name_lines[1]

    def _wrap_group_names(self) -> list[list[str]]:
        span = 2 * CELL_WIDTH
        names = [self.process.group(g).name.in_lang(self.lang) for g in self.session.groups]
        if all(len(name) <= span for name in names):
            return [names]
        if self.wrap_names:  # whole, a long word hyphenated
            most = GROUP_NAME_LINES_TALL
            wrapped = [wrap_words(name, span) for name in names]
        else:  # two lines, cut where need be ("arbejdsmark…" reads better than "arbejdsmar-…")
            most = GROUP_NAME_LINES_SHORT
            wrapped = [textwrap.wrap(name, span, break_long_words=False) for name in names]
        # where even `most` lines are not enough, the last one is cut (fit adds the "…")
        wrapped = [
            parts if len(parts) <= most else [*parts[: most - 1], " ".join(parts[most - 1 :])]
            for parts in wrapped
        ]
        height = min(most, max(len(parts) for parts in wrapped))
        return [
            [parts[line] if line < len(parts) else "" for parts in wrapped]
            for line in range(height)
        ]

    def _header_segments(self, y: int) -> list[Segment]:
        header = self._style("header")
        rule = self._style("header", "rule")
        name_lines = self._group_name_lines()
        span = 2 * CELL_WIDTH
        if y < len(name_lines):
            first = t("Activity", self.lang) if y == 0 else ""
            segments = [Segment(fit(first, self.name_width), header)]
            for name in name_lines[y]:
                segments += [
                    Segment("│", rule),
                    Segment(fit(name, span).center(span)[:span], header),
                ]
            return segments
        unit = t(
            N_("EFFECTIVE hours (× staff × share)")
            if self.effective
            else N_("hours per citizen, as typed"),
            self.lang,
        )
        unit = self.rounds_look.unit(self, unit)
        segments = [Segment(fit(unit, self.name_width), rule)]
        for _ in self.session.groups:
            segments.append(Segment("│", rule))
            for side in SIDES:
                label = t(SIDE_WORDS[side], self.lang)
                segments.append(
                    Segment(label[: CELL_WIDTH - 1].rjust(CELL_WIDTH - 1) + " ", header)
                )
        return segments
