"""The estimate grid: activities down, a Low and a High column per target group across.

Built on the Line API (a ScrollView that draws each line itself) rather than on
DataTable: a DataTable repaints every visible cell on each update, while
committing an entry here repaints one line. Editing happens inside the grid:
digits start an entry, Enter commits it, Esc cancels.

The grid never changes the session itself. It hands a committed entry to its
owner (the estimate screen) with a direct call, and the owner hands the new
session back with `show_session`. A direct call rather than a message: the
commit, its save, the totals and the cursor's move then all happen in one
handler and reach the terminal in one frame; with messages each hop cost a
frame of its own, several times the CPU of the whole entry (benchmarks/).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Protocol

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import register, t
from workshop_tui.core.models import ProcessDefinition, Session
from workshop_tui.core.totals import ActivityLine, activity_lines

CELL_WIDTH = 6  # one hours value: up to 5 characters and a space
GROUP_GAP = 1  # the rule before each group's pair of columns
MIN_NAME_WIDTH = 14
SIDES = ("low", "high")
# What may start an entry when the cursor is on a cell: hours start with a digit.
ENTRY_START = set("0123456789,.")
TIME_CONSUMING_MARK = "*"
LOCAL_MARK = "+"
NOTE_MARK = "✎"

register(
    {
        "grid.unit": {"en": "hours per citizen", "da": "timer pr. borger"},
        "grid.not_applicable": {"en": "n/a", "da": "i.r."},
        "grid.not_applicable_typing": {
            "en": "'{name}' is marked not applicable; press i to include it first",
            "da": "'{name}' er markeret ikke relevant; tryk i for at tage den med først",
        },
        "key.edit": {"en": "Edit/save", "da": "Ret/gem"},
        "key.cancel_entry": {"en": "Cancel entry", "da": "Fortryd tal"},
        "key.clear": {"en": "Clear", "da": "Slet"},
        "key.move": {"en": "Move", "da": "Flyt"},
    }
)


@dataclass(frozen=True)
class Row:
    """A subprocess heading (line None) or an activity."""

    subprocess: int
    line: ActivityLine | None = None


@dataclass(frozen=True)
class Cell:
    activity_id: str
    group_id: str
    side: str


class GridOwner(Protocol):
    """What the grid asks of the screen that holds it."""

    def commit_entry(self, cell: Cell, text: str) -> str | None:
        """Apply a committed entry ('' clears the cell); the reason it was refused, or None."""

    def grid_changed(self, cell: Cell | None, editing: bool, refused: str | None) -> None:
        """The cursor moved, an entry started or ended, or something typed was refused."""


class EstimateGrid(ScrollView, can_focus=True):
    """Keyboard-first entry of low and high hours per activity and target group."""

    LOCALISED_BINDINGS = True  # descriptions are i18n keys (see screens/bindings.py)

    COMPONENT_CLASSES = {
        "estimate-grid--header",
        "estimate-grid--subprocess",
        "estimate-grid--cursor",
        "estimate-grid--cursor-row",
        "estimate-grid--editing",
        "estimate-grid--rejected",
        "estimate-grid--warning",
        "estimate-grid--muted",
        "estimate-grid--rule",
    }

    DEFAULT_CSS = """
    EstimateGrid {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    EstimateGrid > .estimate-grid--header { text-style: bold; color: $text; background: $panel; }
    EstimateGrid > .estimate-grid--subprocess { text-style: bold; color: $primary; }
    EstimateGrid > .estimate-grid--cursor { background: $primary; color: $background; text-style: bold; }
    EstimateGrid:blur > .estimate-grid--cursor { background: $primary 40%; color: $text; }
    EstimateGrid > .estimate-grid--cursor-row { background: $boost; }
    EstimateGrid > .estimate-grid--editing { background: $accent; color: $background; text-style: bold; }
    EstimateGrid > .estimate-grid--rejected { background: $error; color: $text; text-style: bold; }
    EstimateGrid > .estimate-grid--warning { background: $warning; color: $background; text-style: bold; }
    EstimateGrid > .estimate-grid--muted { color: $text-muted; }
    EstimateGrid > .estimate-grid--rule { color: $text-muted; }
    """

    BINDINGS = [
        Binding("up", "move(-1, 0)", "key.move", show=False),
        Binding("down", "move(1, 0)", "key.move", show=False),
        Binding("left", "move(0, -1)", "key.move", show=False),
        Binding("right", "move(0, 1)", "key.move", show=False),
        Binding("tab", "step(1)", "key.move", show=False),
        Binding("shift+tab", "step(-1)", "key.move", show=False),
        Binding("pageup", "page(-1)", "key.move", show=False),
        Binding("pagedown", "page(1)", "key.move", show=False),
        Binding("home", "edge(0)", "key.move", show=False),
        Binding("end", "edge(1)", "key.move", show=False),
        # The footer is not redrawn when an entry starts or ends (that would cost a
        # recompose per entry), so Enter's one description covers both of its uses.
        Binding("enter", "enter", "key.edit"),
        Binding("f2", "enter", "key.edit", show=False),
        Binding("escape", "cancel_entry", "key.cancel_entry", show=False),
        Binding("delete", "clear", "key.clear", show=False),
    ]

    def __init__(
        self,
        owner: GridOwner,
        process: ProcessDefinition,
        session: Session,
        lang: str,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.owner = owner
        self.process = process
        self.session = session
        self.lang = lang
        self.rows: list[Row] = []
        self.row_of: dict[str, int] = {}
        self.cursor_row = 0
        self.cursor_column = 0
        self.entry: str | None = None  # the text being typed, None when not editing
        self.entry_position = 0
        self.rejected: str | None = None  # reason the current entry was refused
        self._styles: dict[tuple[str, ...], Style] = {}
        self._name_lines: tuple[tuple, list[list[str]]] | None = None
        self._build_rows()

    # ------------------------------------------------------------ data in

    @property
    def columns(self) -> list[tuple[str, str]]:
        return [(group, side) for group in self.session.groups for side in SIDES]

    def show_session(
        self, session: Session, activity_id: str | None = None, structural: bool = True
    ) -> None:
        """Draw a new session: only `activity_id`'s line unless rows may have changed."""
        self.session = session
        if structural or activity_id is None or activity_id not in self.row_of:
            cell = self.cursor_cell
            self._build_rows()
            if cell is not None and cell.activity_id in self.row_of:
                self.cursor_row = self.row_of[cell.activity_id]
            self._clamp_cursor()
            self.refresh()
        else:
            self.refresh_row(self.row_of[activity_id])

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._build_rows()
        self.refresh()

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
        self.virtual_size = Size(self.view_width, self.header_height + len(rows))
        if not (0 <= self.cursor_row < len(rows)) or rows[self.cursor_row].line is None:
            self.cursor_row = self._next_activity_row(self.cursor_row, 1)

    def _clamp_cursor(self) -> None:
        if self.rows[self.cursor_row].line is None:
            self.cursor_row = self._next_activity_row(self.cursor_row, 1)
        self.cursor_column = max(0, min(self.cursor_column, len(self.columns) - 1))

    # ------------------------------------------------------------ cursor

    @property
    def cursor_cell(self) -> Cell | None:
        if not self.rows or self.rows[self.cursor_row].line is None:
            return None
        group, side = self.columns[self.cursor_column]
        return Cell(self.rows[self.cursor_row].line.id, group, side)

    @property
    def current_line(self) -> ActivityLine | None:
        return self.rows[self.cursor_row].line if self.rows else None

    @property
    def current_subprocess(self) -> int:
        return self.rows[self.cursor_row].subprocess if self.rows else 1

    @property
    def editing(self) -> bool:
        return self.entry is not None

    def move_to(
        self, activity_id: str, group_id: str | None = None, side: str | None = None
    ) -> None:
        """Put the cursor on an activity (and a column, where given)."""
        if activity_id not in self.row_of:
            return
        column = self.cursor_column
        if group_id in self.session.groups:
            column = self.columns.index((group_id, side or "low"))
        self._set_cursor(self.row_of[activity_id], column)

    def _next_activity_row(self, start: int, step: int) -> int:
        """The nearest activity row from `start` in direction `step`, else the other way."""
        for direction in (step, -step):
            row = start
            while 0 <= row < len(self.rows):
                if self.rows[row].line is not None:
                    return row
                row += direction
        return 0

    def _set_cursor(self, row: int, column: int) -> None:
        old_row = self.cursor_row
        self.cursor_row, self.cursor_column = row, column
        self.refresh_row(old_row)
        self.refresh_row(row)
        self._scroll_to_row(row)
        self.owner.grid_changed(self.cursor_cell, self.editing, None)

    def _scroll_to_row(self, row: int) -> None:
        visible = max(1, self.size.height - self.header_height)
        top = int(self.scroll_y)
        # keep the subprocess heading in view when moving onto its first activity
        wanted_top = row - 1 if row > 0 and self.rows[row - 1].line is None else row
        if wanted_top < top:
            self.scroll_to(y=wanted_top, animate=False)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False)

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_entry":
            return self.editing  # outside an entry Esc is left to the screen
        return True

    def action_move(self, rows: int, columns: int) -> None:
        if self.editing and not self._commit():
            return
        if rows:
            target = self.cursor_row + rows
            while 0 <= target < len(self.rows) and self.rows[target].line is None:
                target += rows
            if 0 <= target < len(self.rows):
                self._set_cursor(target, self.cursor_column)
        else:
            column = self.cursor_column + columns
            if 0 <= column < len(self.columns):
                self._set_cursor(self.cursor_row, column)

    def action_step(self, step: int) -> None:
        """Tab: the next cell in reading order, onto the next activity at the row's end."""
        if self.editing and not self._commit():
            return
        self._step(step, skip_not_applicable=False)

    def _step(self, step: int, skip_not_applicable: bool) -> None:
        row, column = self.cursor_row, self.cursor_column + step
        while True:
            if not 0 <= column < len(self.columns):
                row += step
                while 0 <= row < len(self.rows) and self.rows[row].line is None:
                    row += step
                if not 0 <= row < len(self.rows):
                    return
                column = 0 if step > 0 else len(self.columns) - 1
            line = self.rows[row].line
            if not (skip_not_applicable and self.session.entry(line.id).not_applicable):
                break
            column = len(self.columns) if step > 0 else -1
        self._set_cursor(row, column)

    def action_page(self, pages: int) -> None:
        if self.editing and not self._commit():
            return
        target = self.cursor_row + pages * max(1, self.size.height - self.header_height - 1)
        target = max(0, min(len(self.rows) - 1, target))
        self._set_cursor(self._next_activity_row(target, pages), self.cursor_column)

    def action_edge(self, end: int) -> None:
        if self.editing:
            self.entry_position = len(self.entry) if end else 0
            self.refresh_row(self.cursor_row)
            return
        self._set_cursor(self.cursor_row, len(self.columns) - 1 if end else 0)

    def action_enter(self) -> None:
        """Enter commits the entry and moves on; on a resting cell it opens it for editing."""
        if self.editing:
            if self._commit():
                self._step(1, skip_not_applicable=True)
            return
        cell = self.cursor_cell
        if cell is None:
            return
        value = getattr(self.session.estimate(cell.activity_id, cell.group_id), cell.side)
        self._start_entry(format_hours(value, self.lang) if value is not None else "")

    def action_cancel_entry(self) -> None:
        if self.editing:
            self.entry, self.rejected = None, None
            self.refresh_row(self.cursor_row)
            self.owner.grid_changed(self.cursor_cell, False, None)

    def action_clear(self) -> None:
        if self.editing:
            self._edit_delete()
            return
        cell = self.cursor_cell
        if cell is not None:
            reason = self.owner.commit_entry(cell, "")
            if reason:
                self.owner.grid_changed(cell, False, reason)

    # ------------------------------------------------------------ typing

    def on_key(self, event: events.Key) -> None:
        if self.editing:
            if self._edit_key(event):
                event.stop()
                event.prevent_default()
        elif event.character and event.character in ENTRY_START and self.cursor_cell:
            event.stop()
            event.prevent_default()
            self._start_entry(event.character)

    def on_paste(self, event: events.Paste) -> None:
        if self.cursor_cell is None:
            return
        text = " ".join(event.text.split())
        if not self.editing:
            self._start_entry("")
        self._insert(text)

    def _edit_key(self, event: events.Key) -> bool:
        """Keys that change the entry itself; others (Enter, Tab, arrows up/down) fall through."""
        key = event.key
        if key == "left":
            self.entry_position = max(0, self.entry_position - 1)
        elif key == "right":
            self.entry_position = min(len(self.entry), self.entry_position + 1)
        elif key == "backspace":
            if self.entry_position:
                self.entry = (
                    self.entry[: self.entry_position - 1] + self.entry[self.entry_position :]
                )
                self.entry_position -= 1
        elif key == "delete":
            self._edit_delete()
        elif key == "ctrl+u":
            self.entry, self.entry_position = "", 0
        elif event.is_printable and event.character:
            self._insert(event.character)
            return True
        else:
            return False
        self._entry_changed()
        return True

    def _edit_delete(self) -> None:
        self.entry = self.entry[: self.entry_position] + self.entry[self.entry_position + 1 :]
        self._entry_changed()

    def _insert(self, text: str) -> None:
        self.entry = self.entry[: self.entry_position] + text + self.entry[self.entry_position :]
        self.entry_position += len(text)
        self._entry_changed()

    def _entry_changed(self) -> None:
        self.rejected = None
        self.refresh_row(self.cursor_row)

    def _start_entry(self, text: str) -> None:
        line = self.current_line
        if line is None:
            return
        if self.session.entry(line.id).not_applicable:
            reason = t("grid.not_applicable_typing", self.lang, name=line.label(self.lang))
            self.owner.grid_changed(self.cursor_cell, False, reason)
            return
        self.entry, self.entry_position, self.rejected = text, len(text), None
        self.refresh_row(self.cursor_row)
        self.owner.grid_changed(self.cursor_cell, True, None)

    def _commit(self) -> bool:
        """Hand the entry to the owner; if refused it stays open, with the reason."""
        cell = self.cursor_cell
        reason = self.owner.commit_entry(cell, self.entry or "")
        self.refresh_row(self.cursor_row)
        if reason:
            self.rejected = reason
            self.owner.grid_changed(cell, True, reason)
            return False
        self.entry, self.rejected = None, None
        return True

    # ------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.header_height:
            return
        row = offset.y - self.header_height + int(self.scroll_y)
        if not 0 <= row < len(self.rows) or self.rows[row].line is None:
            return
        column = self._column_at(offset.x)
        moved = (row, column) != (self.cursor_row, self.cursor_column)
        if self.editing and moved and not self._commit():
            return
        if column is None:
            column = self.cursor_column
        self._set_cursor(row, column)
        if event.chain >= 2 and not self.editing:
            self.action_enter()

    def _column_at(self, x: int) -> int | None:
        for index, start in enumerate(self._cell_starts()):
            if start <= x < start + CELL_WIDTH:
                return index
        return None

    # ------------------------------------------------------------ drawing

    @property
    def view_width(self) -> int:
        """Columns to draw in: the widget less its scrollbar."""
        return self.scrollable_content_region.width

    @property
    def name_width(self) -> int:
        groups = len(self.session.groups)
        return max(MIN_NAME_WIDTH, self.view_width - groups * (2 * CELL_WIDTH + GROUP_GAP))

    def _cell_starts(self) -> list[int]:
        starts, x = [], self.name_width
        for _ in self.session.groups:
            x += GROUP_GAP
            starts += [x, x + CELL_WIDTH]
            x += 2 * CELL_WIDTH
        return starts

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.view_width, self.header_height + len(self.rows))
        self._scroll_to_row(self.cursor_row)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self.refresh()

    def refresh_row(self, row: int) -> None:
        """Repaint one grid row, if it is on screen."""
        y = self.header_height + row - int(self.scroll_y)
        if self.header_height <= y < self.size.height:
            self.refresh(Region(0, y, self.view_width, 1))

    def render_line(self, y: int) -> Strip:
        width = self.view_width
        if y < self.header_height:
            segments = self._header_segments(y)
        else:
            row = y - self.header_height + int(self.scroll_y)
            if row >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            segments = self._row_segments(row)
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _style(self, *names: str) -> Style:
        """The widget's style plus component styles, cached until the theme or CSS changes."""
        style = self._styles.get(names)
        if style is None:
            style = self.rich_style
            for name in names:
                style += self.get_component_rich_style(f"estimate-grid--{name}")
            self._styles[names] = style
        return style

    @property
    def header_height(self) -> int:
        """Group names (one line, or two where a name is long) and the Low/High line."""
        return len(self._group_name_lines()) + 1

    def _group_name_lines(self) -> list[list[str]]:
        key = (self.lang, tuple(self.session.groups))
        if self._name_lines is None or self._name_lines[0] != key:
            self._name_lines = (key, self._wrap_group_names())
        return self._name_lines[1]

    def _wrap_group_names(self) -> list[list[str]]:
        span = 2 * CELL_WIDTH
        names = [self.process.group(g).name.in_lang(self.lang) for g in self.session.groups]
        if all(len(name) <= span for name in names):
            return [names]
        wrapped = [textwrap.wrap(name, span, break_long_words=False) or [""] for name in names]
        return [[parts[0] for parts in wrapped], [" ".join(parts[1:]) for parts in wrapped]]

    def _header_segments(self, y: int) -> list[Segment]:
        header = self._style("header")
        rule = self._style("header", "rule")
        name_lines = self._group_name_lines()
        span = 2 * CELL_WIDTH
        if y < len(name_lines):
            first = t("word.activity", self.lang) if y == 0 else ""
            segments = [Segment(_fit(first, self.name_width), header)]
            for name in name_lines[y]:
                segments += [
                    Segment("│", rule),
                    Segment(_fit(name, span).center(span)[:span], header),
                ]
            return segments
        unit = t("grid.unit", self.lang)
        segments = [Segment(_fit(unit, self.name_width), rule)]
        for _ in self.session.groups:
            segments.append(Segment("│", rule))
            for side in SIDES:
                label = t(f"word.{side}", self.lang)
                segments.append(
                    Segment(label[: CELL_WIDTH - 1].rjust(CELL_WIDTH - 1) + " ", header)
                )
        return segments

    def _row_segments(self, row: int) -> list[Segment]:
        item = self.rows[row]
        if item.line is None:
            return self._subprocess_segments(item.subprocess)
        line = item.line
        entry = self.session.entry(line.id)
        on_cursor_row = row == self.cursor_row
        base = self._style("cursor-row") if on_cursor_row else self._style()
        muted = self._style("cursor-row", "muted") if on_cursor_row else self._style("muted")
        name = self._activity_label(line, entry.note)
        name_style = muted + Style(strike=True) if entry.not_applicable else base
        segments = [Segment(_fit(name, self.name_width), name_style)]
        rule = self._style("cursor-row", "rule") if on_cursor_row else self._style("rule")
        for index, (group, side) in enumerate(self.columns):
            if side == "low":
                segments.append(Segment("│", rule))
            estimate = self.session.estimate(line.id, group)
            segments.append(
                self._cell_segment(
                    estimate,
                    side,
                    entry.not_applicable,
                    on_cursor_row and index == self.cursor_column,
                    base,
                    muted,
                )
            )
        return segments

    def _activity_label(self, line: ActivityLine, note: str) -> str:
        mark = TIME_CONSUMING_MARK if line.time_consuming else " "
        local = f"{LOCAL_MARK} " if line.local else ""
        label = f" {mark}{local}{line.label(self.lang)}"
        if note:
            label = label[: self.name_width - 3] if len(label) > self.name_width - 3 else label
            label = f"{label} {NOTE_MARK}"
        return label

    def _cell_segment(
        self, estimate, side: str, not_applicable: bool, is_cursor: bool, base: Style, muted: Style
    ) -> Segment:
        width = CELL_WIDTH - 1
        if is_cursor and self.editing:
            return self._entry_segment(width)
        value = getattr(estimate, side)
        if not_applicable:
            text, style = t("grid.not_applicable", self.lang), muted
        elif value is None:
            text, style = "·", muted
        else:
            text, style = _fit_hours(value, self.lang, width), base
        if estimate.low_above_high and not not_applicable:
            style = self._style("warning")
            text = f"!{text}"
        if is_cursor:
            style = self._style("cursor")
        return Segment(text[-width:].rjust(width) + " ", style)

    def _entry_segment(self, width: int) -> Segment:
        entry = self.entry or ""
        style = self._style("rejected" if self.rejected else "editing")
        # show the end being typed, with a bar where the next character goes
        shown = entry[: self.entry_position] + "▏" + entry[self.entry_position :]
        shown = shown[-(width + 1) :]
        return Segment(shown.ljust(width + 1), style)

    def _subprocess_segments(self, number: int) -> list[Segment]:
        subprocess = self.process.subprocesses[number - 1]
        style = self._style("subprocess")
        note = f" {NOTE_MARK}" if self.session.cost_driver_notes.get(number) else ""
        label = f"{number} {subprocess.name.in_lang(self.lang)}{note}"
        return [Segment(_fit(label, self.view_width), style)]


def _fit_hours(value: float, lang: str, width: int) -> str:
    """Hours in at most `width` characters: fewer decimals rather than a cut-off figure."""
    for decimals in (2, 1, 0):
        text = format_hours(value, lang, decimals)
        if len(text) <= width:
            return text
    return "9" * (width - 1) + "+"


def _fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.ljust(width)
