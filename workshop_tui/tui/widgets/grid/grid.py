"""The estimate grid's keys, typing and mouse (its drawing is in grid_view.py).

Editing happens inside the grid: digits start an entry, Enter commits it, Esc
cancels. The grid never changes the session itself.

How it talks to the screen that holds it:
- A committed entry and the cursor's moves are direct calls on its owner
  (GridOwner), on purpose, for speed: on Enter the commit, its save, the totals
  and the cursor's move then all happen in one handler and reach the terminal in
  one frame; with messages each hop cost a frame of its own, several times the
  CPU of the whole entry (benchmarks/bench_app.py).
- Everything else goes up as messages (an entry started, ended or refused),
  which the screen handles with @on like any other widget's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from textual import events
from textual.message import Message

from workshop_tui.core.hours import format_hours
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.tui.widgets.grid.cells import CELL_WIDTH, Cell, is_range, needs_check
from workshop_tui.tui.widgets.grid.entry_refusals import refused_message, typing_refusal
from workshop_tui.tui.widgets.grid.entry_text import EntryText
from workshop_tui.tui.widgets.grid.keys import GRID_BINDINGS
from workshop_tui.tui.widgets.grid.view import GridView


class GridOwner(Protocol):
    """What the grid calls directly on the screen that holds it (for speed: see above)."""

    def commit_entry(self, cell: Cell, text: str) -> str | None:
        """Apply a committed entry ('' clears the cell); the reason it was refused, or None."""

    def cursor_moved(self, cell: Cell | None) -> None:
        """The cursor is on another cell (or the grid was redrawn under it)."""


class EstimateGrid(GridView):
    """Keyboard-first entry of low and high hours per activity and target group."""

    LOCALISED_BINDINGS = True  # descriptions are catalogue texts (see screens/bindings.py)

    @dataclass
    class EntryStarted(Message):
        """Typing began in `cell`."""

        cell: Cell

    @dataclass
    class EntryEnded(Message):
        """The entry in `cell` was cancelled (a committed one ends with the cursor's move)."""

        cell: Cell | None

    @dataclass
    class EntryRefused(Message):
        """What was typed or committed in `cell` was not taken, for `reason`."""

        cell: Cell | None
        reason: str

    BINDINGS = GRID_BINDINGS

    def __init__(
        self,
        owner: GridOwner,
        process: ProcessDefinition,
        session: Session,
        lang: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(process, session, lang, id=id)
        self.owner = owner
        # when the last key reached the grid (time.monotonic): the participants' room
        # waits for a pause in the typing before taking its new estimates in
        self.last_key = 0.0

    # ------------------------------------------------------------ data in

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

    def set_effective(self, effective: bool) -> None:
        """Show the hours as typed, or multiplied by staff and share."""
        self.effective = effective
        self.refresh()

    def next_to_check(self) -> bool:
        """Move to the next empty, half-filled or flagged cell, in reading order round to
        the top (see needs_check); False where there is none."""
        cells = [
            (row, column)
            for row, item in enumerate(self.rows)
            if item.line is not None
            for column in range(len(self.columns))
        ]
        here = (self.cursor_row, self.cursor_column)
        start = cells.index(here) + 1 if here in cells else 0
        for row, column in cells[start:] + cells[:start]:
            line = self.rows[row].line
            group, side = self.columns[column]
            if line is not None and needs_check(self.session, Cell(line.id, group, side)):
                self._set_cursor(row, column)
                return True
        return False

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._build_rows()
        self.refresh()

    def _clamp_cursor(self) -> None:
        if self.rows[self.cursor_row].line is None:
            self.cursor_row = self._next_activity_row(self.cursor_row, 1)
        self.cursor_column = max(0, min(self.cursor_column, len(self.columns) - 1))

    # ------------------------------------------------------------ cursor

    def move_to(
        self, activity_id: str | None, group_id: str | None = None, side: str | None = None
    ) -> None:
        """Put the cursor on an activity (and a column, where given)."""
        if activity_id not in self.row_of:
            return
        column = self.cursor_column
        if group_id in self.session.groups:
            column = self.columns.index((group_id, "high" if side == "high" else "low"))
        self._set_cursor(self.row_of[activity_id], column)

    def _set_cursor(self, row: int, column: int) -> None:
        old_row = self.cursor_row
        self.cursor_row, self.cursor_column = row, column
        self.refresh_row(old_row)
        self.refresh_row(row)
        self._scroll_to_row(row)
        self.owner.cursor_moved(self.cursor_cell)

    def _scroll_to_row(self, row: int) -> None:
        if not 0 <= row < len(self._row_top):
            return
        visible = max(1, self.size.height - self.header_height)
        top = int(self.scroll_y)
        first = self._row_top[row]
        last = (self._row_top[row + 1] if row + 1 < len(self._row_top) else self.line_count) - 1
        # keep the subprocess heading in view when moving onto its first activity
        heading_above = row > 0 and self.rows[row - 1].line is None
        wanted_top = self._row_top[row - 1] if heading_above else first
        if wanted_top < top:
            self.scroll_to(y=wanted_top, animate=False)
        elif last >= top + visible:
            self.scroll_to(y=last - visible + 1, animate=False)

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
        """Move `step` columns (2 passes a high), on to the next activity's row at the end."""
        row, column = self.cursor_row, self.cursor_column + step
        direction = 1 if step > 0 else -1  # rows are passed one at a time, whatever the step
        while True:
            if not 0 <= column < len(self.columns):
                row += direction
                while 0 <= row < len(self.rows) and self.rows[row].line is None:
                    row += direction
                if not 0 <= row < len(self.rows):
                    return
                column = 0 if step > 0 else len(self.columns) - 1
            line = self.rows[row].line
            group = self.columns[column][0]
            # as the room moves on, a cell not applicable (the activity's or its group's) is passed
            if line is None or not (
                skip_not_applicable and not self.session.applies(line.id, group)
            ):
                break
            column += step
        self._set_cursor(row, column)

    def action_page(self, pages: int) -> None:
        if self.editing and not self._commit():
            return
        target = self.cursor_row + pages * max(1, self.size.height - self.header_height - 1)
        target = max(0, min(len(self.rows) - 1, target))
        self._set_cursor(self._next_activity_row(target, pages), self.cursor_column)

    def action_edge(self, end: int) -> None:
        if self.entry is not None:
            self.entry.to_edge(bool(end))
            self.refresh_row(self.cursor_row)
            return
        self._set_cursor(self.cursor_row, len(self.columns) - 1 if end else 0)

    def action_enter(self) -> None:
        """Enter commits the entry and moves on; on a resting cell it opens it for editing."""
        if self.entry is not None:
            # low and high typed at once in the low column: on to the next group's low
            both = self.cursor_cell is not None and self.cursor_cell.side == "low"
            both = both and is_range(self.entry.text, self.lang)
            if self._commit():
                self._step(2 if both else 1, skip_not_applicable=True)
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
            self.post_message(self.EntryEnded(self.cursor_cell))

    def action_clear(self) -> None:
        if self.entry is not None:
            self.entry.delete()
            self._entry_changed()
            return
        cell = self.cursor_cell
        if cell is not None:
            reason = self.owner.commit_entry(cell, "")
            if reason:
                self.post_message(self.EntryRefused(cell, reason))

    # ------------------------------------------------------------ typing

    async def on_key(self, event: events.Key) -> None:
        """Every key reaching the grid is handled here, in the order the keys came.

        Left to bubble, a key's binding (Enter, Tab, Ctrl+Z...) would run only once
        the key had travelled up to the app, and keys typed meanwhile (during a slow
        save, or in a burst over SSH) would reach the grid first: "1⏎2" could save
        12. So bindings run from here, before the next key is looked at.
        """
        self.last_key = time.monotonic()
        if self.entry is not None and self._edit_key(self.entry, event):
            pass
        elif self.entry is None and event.is_printable and event.character and self.cursor_cell:
            # Any character starts an entry, as in a spreadsheet: no typed word runs a
            # command (commands are on Ctrl and F-keys); what is not hours is refused.
            self._start_entry(event.character)
        elif not await self.app._check_bindings(event.key):  # Textual's own lookup, now
            return
        event.stop()
        event.prevent_default()

    def commit_before_quit(self) -> bool:
        """Commit an open entry before the app ends; False (and the reason shown) if refused."""
        return not self.editing or self._commit()

    def on_paste(self, event: events.Paste) -> None:
        if self.cursor_cell is None:
            return
        text = " ".join(event.text.split())
        if self.entry is None:
            self._start_entry("")
        if self.entry is not None:
            self.entry.insert(text)
            self._entry_changed()

    def _edit_key(self, entry: EntryText, event: events.Key) -> bool:
        """Keys that change the entry itself; others (Enter, Tab, arrows up/down) fall through."""
        key = event.key
        if key in ("left", "right"):
            entry.move(-1 if key == "left" else 1)
        elif key == "backspace":
            entry.backspace()
        elif key == "delete":
            entry.delete()
        elif key == "ctrl+u":
            entry.clear()
        elif event.is_printable and event.character:
            entry.insert(event.character)
        else:
            return False
        self._entry_changed()
        return True

    def _entry_changed(self) -> None:
        if self.rejected and self.cursor_cell:  # the refused text is being fixed or replaced:
            self.post_message(self.EntryStarted(self.cursor_cell))  # the status says how to type
        self.rejected = None
        self.refresh_row(self.cursor_row)

    def _start_entry(self, text: str) -> None:
        line, cell = self.current_line, self.cursor_cell
        if line is None or cell is None:
            return
        reason = typing_refusal(self.process, self.session, line, cell, self.lang)
        if reason is not None:
            self.post_message(self.EntryRefused(cell, reason))
            return
        self.entry, self.rejected = EntryText.starting_with(text), None
        self.refresh_row(self.cursor_row)
        self.post_message(self.EntryStarted(cell))

    def _commit(self) -> bool:
        """Hand the entry to the owner; if refused it stays open, with the reason."""
        cell = self.cursor_cell
        if cell is None or self.entry is None:
            return True
        reason = self.owner.commit_entry(cell, self.entry.text)
        self.refresh_row(self.cursor_row)
        if reason:
            self.rejected = reason
            self.entry.select_all()  # the room's next figures replace it, not glued onto it
            self.post_message(self.EntryRefused(cell, refused_message(reason, self.lang)))
            return False
        self.entry, self.rejected = None, None
        self.last_entered_subprocess = self.rows[self.cursor_row].subprocess
        return True

    # ------------------------------------------------------------ mouse and size

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.header_height:
            return
        row = self.row_at_line(offset.y - self.header_height + int(self.scroll_y))
        if row is None or self.rows[row].line is None:
            return
        column = self._column_at(offset.x)
        moved = (row, column) != (self.cursor_row, self.cursor_column)
        if self.editing and moved and not self._commit():
            return
        self._set_cursor(row, self.cursor_column if column is None else column)
        if event.chain >= 2 and not self.editing:
            self.action_enter()

    def _column_at(self, x: int) -> int | None:
        for index, start in enumerate(self._cell_starts()):
            if start <= x < start + CELL_WIDTH:
                return index
        return None

    def on_resize(self, event: events.Resize) -> None:
        self.lay_out_lines()  # names may wrap differently at the new width
        self._scroll_to_row(self.cursor_row)
