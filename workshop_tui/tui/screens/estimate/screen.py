"""The estimate screen: the grid of low/high hours, the live totals, the room's notes.

Thin on purpose: every change goes through the SessionEditor (which saves it before
returning); the grid and the totals only draw. Dialogs are imported when first opened.
Running the half-day happens here too: the agenda (F4), closing the first round (F3),
the silent round (F12); the first-round view (Ctrl+B) only changes what the grid draws.

When a save fails (a full disk, or another program wrote the file or took its lock)
the user is told and the header says "not saved" until a save succeeds; a read-only
session's refusal is told, and the header says "read-only" throughout. The screen
lets go of the session's lock when it goes (another screen, or Ctrl+Q).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.formatting import hours_text
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.process.catalogue import check_session
from workshop_tui.core.session.editor import (
    ENTRY_ERRORS,
    Change,
    NotSavedError,
    SaveError,
    SessionEditor,
    clean_name,
)
from workshop_tui.core.session.file import SessionReadOnlyError
from workshop_tui.core.session.model import Session, StaffMember
from workshop_tui.core.text import NAME_LIMIT, printable
from workshop_tui.core.totals import ActivityLine, GroupTotals, completeness, group_totals
from workshop_tui.core.workshop.agenda import clock_text, plan_start, plan_state, to_local
from workshop_tui.core.workshop.model import Agenda
from workshop_tui.core.workshop.rounds import hidden_subprocesses, moved_cells
from workshop_tui.tui.screens.bindings import ACTION_HELP, LanguageAware
from workshop_tui.tui.screens.estimate.export_worker import export_in_background
from workshop_tui.tui.screens.estimate.keys import ESTIMATE_BINDINGS
from workshop_tui.tui.screens.estimate.layout import (
    SCREEN_CHROME,
    WRAP_NAMES_FROM,
    Arrangement,
    arrange,
)
from workshop_tui.tui.screens.estimate.room import RoomControl
from workshop_tui.tui.screens.estimate.texts import (
    cell_description,
    change_text,
    session_bar,
    typing_hint,
    version_warning,
)
from workshop_tui.tui.widgets.agenda_line import AgendaLine, local_time
from workshop_tui.tui.widgets.grid.cells import CELL_WIDTH, Cell
from workshop_tui.tui.widgets.grid.grid import EstimateGrid
from workshop_tui.tui.widgets.key_bar import KeyBar
from workshop_tui.tui.widgets.room_spread import spread_block, spread_line
from workshop_tui.tui.widgets.totals_panel import TotalsPanel

if TYPE_CHECKING:  # imported where a read-only window starts following its file
    from workshop_tui.core.session.watcher import SessionWatcher

# As often as `watch` looks (tui/live/watch_app.py).
FOLLOW_SECONDS = 0.25


def shown_name(name: str) -> str:
    """A name inside a dialog's title or a message: escaped and capped (core/text.py)."""
    return printable(name, limit=NAME_LIMIT)


class EstimateScreen(LanguageAware, Screen[None]):
    """Where the room's estimates are typed, with the totals beside or below."""

    CSS_PATH = "estimate.tcss"
    BINDINGS = ESTIMATE_BINDINGS
    save_failed = False  # the header says "not saved" until a save succeeds
    # How often changes kept unsaved are tried again, in seconds.
    RETRY_SECONDS = 3.0
    _retrying: Timer | None = None
    _resumed = False  # made the current screen once (see on_screen_resume)
    _watcher: SessionWatcher | None = None  # a read-only window's file, followed
    _room_timer: Timer | None = None  # the participants' room file, followed while open

    def __init__(self, editor: SessionEditor) -> None:
        super().__init__()
        self.editor = editor
        self.lang = editor.lang
        self._bar_shown: tuple[str, str] | None = None
        self._totals: dict[str, GroupTotals] = {}
        self._status_shown: Text | None = None
        self.room = RoomControl(editor)  # the participants' room: closed until Ctrl+U opens it

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        editor = self.editor
        with Horizontal(id="session-bar"):
            yield Static(id="bar-session")
            yield Static(id="bar-state")
        yield AgendaLine(id="agenda-line")
        with Container(id="body"):
            yield EstimateGrid(self, editor.process, editor.session, editor.lang, id="grid")
            yield TotalsPanel(editor.process, editor.session.groups, editor.lang, id="totals")
        yield Static(id="status")
        yield KeyBar()

    @property
    def grid(self) -> EstimateGrid:
        return self.query_one(EstimateGrid)

    @property
    def totals_panel(self) -> TotalsPanel:
        return self.query_one(TotalsPanel)

    def on_mount(self) -> None:
        self.grid.focus()
        self.watch_app_language()
        self._show_totals()
        # Speed: arranged now, at the app's size, so that Textual's first layout is already
        # the settled screen; arranged on the first Resize, it was laid out and drawn again
        # before its first whole frame (`open FILE`: 20-40 ms of CPU, docs/benchmarks.md).
        self._arrange(self.app.size)
        if self.editor.version_differs:
            self.notify(version_warning(self.editor, self.lang), severity="warning", timeout=8)
        self.follow_file()  # a read-only window shows what the writing window saves
        self.keep_trying_to_save()  # changes kept unsaved before this screen (a new workshop)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Speed: the screen's first resume does not style it all again (Screen's
        _on_screen_resume, run after this handler, would: 3-4 ms before the first frame);
        its widgets were styled as they were mounted, just before. Later resumes go as
        Textual has them (tests/functional/test_app_open_start.py)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _compositor_refresh(self) -> None:
        """Speed: no frame rendered while the app holds its start's batch. Textual's
        Screen._compositor_refresh (overridden here, textual==8.2.8) renders one then, and
        App._display throws it away unseen (`open FILE`: 11-13 ms before the first frame).
        Its dirty regions are let go as that render would have, so every later frame is
        rendered and written as before (tests/functional/test_app_open_start.py)."""
        app = self.app
        if app._batch_count and self is app.screen and not app.is_inline:
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            app._update_mouse_over(self)
            return
        super()._compositor_refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._arrange()

    @on(TotalsPanel.HeightChanged)
    def _panel_height_changed(self) -> None:
        self._arrange()

    def _arrange(self, size: Size | None = None, *, again: bool = True) -> None:
        """Totals beside or below the grid, by the screen's size (see layout.py); `size`:
        the size the screen will have, before its first layout (on_mount)."""
        width, height = size or self.size
        if not width:
            return
        height -= int(self.agenda_line.shown)  # the agenda line's, when there is an agenda
        body, panel, grid = self.query_one("#body"), self.totals_panel, self.grid
        if grid.wrap_names != (height >= WRAP_NAMES_FROM):
            grid.wrap_names = height >= WRAP_NAMES_FROM  # long names on further lines
            if size is None:
                grid.lay_out_lines()
                grid.refresh()
        full_width_names = width - len(self.editor.session.groups) * (2 * CELL_WIDTH + 1) - 1
        layout = arrange(
            width,
            height,
            groups=len(self.editor.session.groups),
            group_lines=panel.detail_height,
            grid_lines=grid.header_height + grid.lines_for(full_width_names),
            grid_header=grid.header_height,
            cell_width=CELL_WIDTH,
            folded=panel.folded,
        )
        body.set_class(not layout.beside, "-narrow")
        panel.styles.width = layout.panel_width
        panel.styles.height = layout.panel_height
        panel.show_all = layout.show_all
        grid.styles.height = layout.grid_height
        if size is None:
            self.call_after_refresh(panel.redraw)
            return
        group_lines = panel.detail_height
        self._lay_out_before_layout(width, height - SCREEN_CHROME, layout)
        if panel.detail_height != group_lines and again:  # its names wrap differently
            self._arrange(size, again=False)

    def _lay_out_before_layout(self, width: int, room: int, layout: Arrangement) -> None:
        """The totals drawn and the grid's lines laid out for the sizes `layout` gives them
        on a screen `width` wide with `room` lines between its bars, as Textual's first
        layout will: it then finds their content sized already, and the first frame is the
        settled screen. (Before, the totals were drawn at half the screen and again at
        their width, and the grid's lines laid out again once its scrollbar took a
        column: two partial frames more, 7-10 ms.)"""
        if layout.beside:
            panel_width = int(layout.panel_width)
            panel_height = room
            grid_width = width - panel_width
        else:
            panel_width = width
            panel_height = (
                layout.panel_height
                if isinstance(layout.panel_height, int)
                else room - int(layout.grid_height)
            )
            grid_width = width
        grid = self.grid
        least = grid.styles.min_height  # below the totals (estimate.tcss: #body.-narrow #grid)
        grid_height = (
            layout.grid_height
            if isinstance(layout.grid_height, int)
            else (
                room
                if layout.beside
                else max(int(least.value) if least else 0, room - panel_height)
            )
        )
        gutter = self.totals_panel.styles.gutter  # the panel's border and padding
        self.totals_panel.redraw(Size(panel_width - gutter.width, panel_height - gutter.height))
        lines = grid.header_height + grid.lines_for(grid.name_width_in(grid_width))
        grid.lay_out_lines(grid_width - (lines > grid_height))  # less its scrollbar

    def apply_language(self, lang: str) -> None:
        self.lang = lang
        self.editor.lang = lang
        self._bar_shown = None
        self.grid.set_lang(lang)
        self.totals_panel.set_lang(lang)
        self._show_bar()
        self._show_status()

    # ------------------------------------------------------------ drawing

    def _show_totals(self, groups: list[str] | None = None) -> None:
        """Recompute the totals (only `groups`' where only they can have changed) and draw."""
        if groups is None or not self._totals:
            self._totals = self.editor.totals()
        else:
            self._totals = {
                **self._totals,
                **{
                    group: group_totals(self.editor.process, self.editor.session, group)
                    for group in groups
                },
            }
        self.show_plan()  # the agenda line; no figures in the totals during a silent round
        self.totals_panel.show_totals(self._totals)
        self._show_bar(completeness(self._totals))

    def _show_bar(self, done: float | None = None) -> None:
        if done is None:
            done = completeness(self._totals or self.editor.totals())
        not_saved = self.save_failed or self.editor.unsaved
        bar, state = session_bar(self.editor, done, self.lang, self.app.demo, not_saved)
        # Redraw only what changed: every layout pass costs milliseconds on each entry.
        if (bar.plain, state) == self._bar_shown:
            return
        old_state = self._bar_shown[1] if self._bar_shown else None
        self._bar_shown = (bar.plain, state)
        self.query_one("#bar-session", Static).update(bar, layout=False)
        self.query_one("#bar-state", Static).update(
            state, layout=old_state is None or len(state) != len(old_state)
        )

    def _show_status(self, error: str | None = None, note: Text | None = None) -> None:
        status = self.query_one("#status", Static)
        status.set_class(bool(error), "-error")
        if error:
            text = Text(t("Not saved: {reason}", self.lang, reason=error))
        else:
            text = note if note is not None else self._cell_description()
        # an entry asks for the same line up to three times: paint it once
        if text != self._status_shown:
            self._status_shown = text
            status.update(text, layout=False)  # a fixed height: no layout pass needed

    def _cell_description(self) -> Text:
        line, cell = self.grid.current_line, self.grid.cursor_cell
        if line is None or cell is None:
            return Text("")
        if self.grid.editing:
            return typing_hint(self.editor, cell, self.lang)
        totals = self._totals.get(cell.group_id)
        return cell_description(self.editor, line, cell, self.lang, totals)

    def _after_change(self, change: Change | None, structural: bool | None = None) -> None:
        """Draw what a committed change touched: one grid line and the totals, or more."""
        if change is None:
            self.grid.show_session(self.editor.session, None, structural=False)
            self.grid.refresh_row(self.grid.cursor_row)
            return
        structural = change.structural if structural is None else structural
        self.grid.show_session(self.editor.session, change.activity_id, structural=structural)
        self._show_totals()
        if structural:
            self._arrange()

    # ------------------------------------------------------------ grid messages

    def commit_entry(self, cell: Cell, text: str) -> str | None:
        """The grid's committed entry: saved through the editor, drawn at once."""
        try:
            change = self.editor.set_hours(cell.activity_id, cell.group_id, cell.side, text)
        except ENTRY_ERRORS as error:
            return str(error)
        except NotSavedError as error:  # kept in memory, drawn, and saved when it can be
            self._kept_unsaved(error)
            return None
        except SaveError as error:
            self._save_refused(error)
            return str(error)
        self._saved()
        if change is not None:
            self.grid.show_session(self.editor.session, cell.activity_id, structural=False)
            self._show_totals(groups=[cell.group_id])
        return None

    def cursor_moved(self, cell: Cell | None) -> None:
        """The grid's cursor moved (a direct call, for speed: see EstimateGrid)."""
        if cell is not None:
            self.totals_panel.focus_group(cell.group_id)
        if self.room.is_open:
            self._show_room_spread()
        self.agenda_line.refresh_line()  # the cursor's subprocess; redrawn only if it changed
        self._show_status()

    @on(EstimateGrid.EntryStarted)
    @on(EstimateGrid.EntryEnded)
    def show_cell_state(self) -> None:
        self._show_status()

    @on(EstimateGrid.EntryRefused)
    def show_refusal(self, event: EstimateGrid.EntryRefused) -> None:
        self._show_status(error=event.reason)

    def _apply(self, edit: Callable[[], Change | None]) -> Change | None:
        """Run one editor call; show a refused entry or a failed save where the user looks."""
        return self._attempt(edit)[0]

    def apply_from_dialog(self, edit: Callable[[], Change | None]) -> str | None:
        """`_apply` for a dialog's Save: why the dialog stays open (its text kept), or None."""
        return self._attempt(edit)[1]

    def _attempt(self, edit: Callable[[], Change | None]) -> tuple[Change | None, str | None]:
        """The change made, and why it was refused or not saved (None when all went well)."""
        try:
            change = edit()
        except ENTRY_ERRORS as error:
            self._show_status(error=str(error))
            return None, str(error)
        except SaveError as error:  # a failed write keeps the change: see "saving"
            self._save_refused(error, redraw=True)
            return None, str(error)
        self._saved()
        self._after_change(change)
        self._show_status()
        return change, None

    # ------------------------------------------------------------ actions: undo

    def action_undo(self) -> None:
        self._undo_redo(self.editor.undo, N_("Undone: {what}"), N_("Nothing to undo"))

    def action_redo(self) -> None:
        self._undo_redo(self.editor.redo, N_("Redone: {what}"), N_("Nothing to redo"))

    def _undo_redo(
        self, step: Callable[[], Change | None], done_key: str, nothing_key: str
    ) -> None:
        if self.grid.editing:
            self.grid.action_cancel_entry()
        try:
            change = step()
            self._saved()
        except NotSavedError as error:  # the step is made, kept unsaved: see "saving"
            self._kept_unsaved(error)
            change = error.change if isinstance(error.change, Change) else None
        except SaveError as error:
            return self._save_refused(error, redraw=True)
        if change is None:
            self._show_status(note=Text(t(nothing_key, self.lang)))
            return
        self._after_change(change, structural=True)
        note = Text(
            t(done_key, self.lang, what=change_text(self.editor, change, self.lang)), style="bold"
        )
        if change.activity_id and change.activity_id in self.grid.row_of:
            self.grid.move_to(change.activity_id, change.group_id, change.side)
        self._show_status(note=note)

    # ------------------------------------------------------------ actions: activity

    def action_not_applicable(self) -> None:
        line = self.grid.current_line
        if line is not None:
            self._apply(lambda: self.editor.toggle_not_applicable(line.id))

    def action_group_not_applicable(self) -> None:
        """Mark or unmark the cursor's activity for its target group only, saved and
        undoable. The activity-wide switch (Ctrl+R) wins: while the whole activity is
        marked, this is refused with a sentence saying so."""
        line, cell = self.grid.current_line, self.grid.cursor_cell
        if line is None or cell is None:
            return
        name = printable(line.label(self.lang))
        if self.editor.session.entry(line.id).not_applicable:
            self._show_status(
                error=t(
                    "'{name}' is marked not applicable for every group; press Ctrl+R "
                    "to include it first",
                    self.lang,
                    name=name,
                )
            )
            return
        group_id = cell.group_id
        if self._apply(lambda: self.editor.toggle_group_not_applicable(line.id, group_id)) is None:
            return
        group = self.editor.process.group(group_id).name.in_lang(self.lang)
        marked = self.editor.session.estimate(line.id, group_id).not_applicable
        key = (
            N_(
                "'{name}' is not applicable for {group}: left out of its totals "
                "and of 'filled' (Ctrl+D includes it again)"
            )
            if marked
            else N_("'{name}' counts again for {group}")
        )
        self._show_status(note=Text(t(key, self.lang, name=name, group=group), style="bold"))

    def action_time_consuming(self) -> None:
        line = self.grid.current_line
        if line is not None:
            self._apply(lambda: self.editor.toggle_time_consuming(line.id))

    def action_note(self) -> None:
        line = self.grid.current_line
        if line is None:
            return
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def save(text: str | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_note(line.id, text or ""))

        title = t("Note on '{name}'", self.lang, name=shown_name(line.label(self.lang)))
        note = self.editor.session.entry(line.id).note
        self.app.push_screen(TextDialog(title, note, multiline=True, apply=save))

    def action_factors(self) -> None:
        line = self.grid.current_line
        if line is None:
            return
        from workshop_tui.tui.screens.factors_dialog import FactorsDialog

        def save(values: dict[str, tuple[str, str]] | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_factors(line.id, values or {}))

        self.app.push_screen(FactorsDialog(self.editor, line, save))

    def action_add_local(self) -> None:
        from workshop_tui.tui.screens.text_dialog import TextDialog

        number = self.grid.current_subprocess
        subprocess = self.editor.process.subprocesses[number - 1]

        added: list[str] = []  # the new activity's id, once saved

        def save(name: str | None) -> str | None:
            if added:  # added already, but kept unsaved: Save again only tries to save it
                return self.apply_from_dialog(
                    lambda: self.editor.rename_local_activity(added[0], name or "")
                )
            before = self._local_ids()
            reason = self.apply_from_dialog(
                lambda: self.editor.add_local_activity(number, name or "")
            )
            added.extend(self._local_ids() - before)
            return reason

        def done(name: str | None) -> None:
            if added:  # the new row is typed from its first column
                self.grid.move_to(added[0], self.editor.session.groups[0], "low")

        name = shown_name(subprocess.name.in_lang(self.lang))
        title = t("New activity in subprocess {number} {name}", self.lang, number=number, name=name)
        self.app.push_screen(TextDialog(title, "", check=self._check_name, apply=save), done)

    def _local_ids(self) -> set[str]:
        return {local.id for local in self.editor.session.local_activities}

    def _check_name(self, name: str) -> None:
        clean_name(name, self.lang)

    def _local_line(self) -> ActivityLine | None:
        """The cursor's activity if the room added it (only those are renamed or removed)."""
        line = self.grid.current_line
        if line is not None and not line.local:
            self._show_status(
                error=t(
                    "Only activities added in the room (marked +) can be renamed or removed",
                    self.lang,
                )
            )
            return None
        return line

    def action_rename_local(self) -> None:
        line = self._local_line()
        if line is None:
            return
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def save(name: str | None) -> str | None:
            return self.apply_from_dialog(
                lambda: self.editor.rename_local_activity(line.id, name or "")
            )

        title = t("New name for '{name}'", self.lang, name=shown_name(line.label(self.lang)))
        dialog = TextDialog(title, line.label(self.lang), check=self._check_name, apply=save)
        self.app.push_screen(dialog)

    def action_remove_local(self) -> None:
        line = self._local_line()
        if line is None:
            return
        if self._apply(lambda: self.editor.remove_local_activity(line.id)) is not None:
            name = shown_name(line.label(self.lang))
            self.notify(escape(t("Removed '{name}'. Ctrl+Z brings it back.", self.lang, name=name)))

    def action_cost_drivers(self) -> None:
        from workshop_tui.tui.screens.cost_drivers_dialog import CostDriversDialog

        number = self.grid.current_subprocess

        def save(text: str | None) -> str | None:
            return self.apply_from_dialog(
                lambda: self.editor.set_cost_driver_note(number, text or "")
            )

        def done(text: str | None) -> None:
            if text is not None:
                self.grid.refresh()

        self.app.push_screen(CostDriversDialog(self.editor, number, save), done)

    def action_session_notes(self) -> None:
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def save(text: str | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_notes(text or ""))

        title, notes = t("Notes on the workshop", self.lang), self.editor.session.notes
        self.app.push_screen(TextDialog(title, notes, multiline=True, apply=save))

    def action_participants(self) -> None:
        from workshop_tui.tui.screens.participants_dialog import ParticipantsDialog

        def save(staff: list[StaffMember] | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_participants(staff or []))

        session, process = self.editor.session, self.editor.process
        groups = [(process.group(g).name.in_lang(self.lang), g) for g in session.groups]
        self.app.push_screen(ParticipantsDialog(groups, session.staff, apply=save))

    # ------------------------------------------------------------ actions: elsewhere

    def action_presentation(self) -> None:
        from workshop_tui.tui.screens.presentation import PresentationScreen

        group = self.grid.cursor_cell.group_id if self.grid.cursor_cell else None
        activity = self.grid.cursor_cell.activity_id if self.grid.cursor_cell else None
        self.app.push_screen(
            PresentationScreen(self.editor.process, self.editor.session, group, activity)
        )

    def action_view_commands(self) -> None:
        from workshop_tui.tui.screens.commands_dialog import CommandsDialog

        self.app.push_screen(CommandsDialog(self.editor.path))

    def action_fold_totals(self) -> None:
        """The totals on one line below the grid, or back: the grid gets the room."""
        panel = self.totals_panel
        panel.folded = not panel.folded
        self._arrange()
        shown = (
            N_("Totals on one line: F10 shows them in full again")
            if panel.folded
            else N_("Totals in full")
        )
        self._show_status(note=Text(t(shown, self.lang), style="bold"))

    def action_toggle_effective(self) -> None:
        self.grid.set_effective(not self.grid.effective)
        shown = (
            N_("The grid shows EFFECTIVE hours: typed × staff × share (Ctrl+X: as typed)")
            if self.grid.effective
            else N_("The grid shows the hours as typed (Ctrl+X: effective hours)")
        )
        self._show_status(note=Text(t(shown, self.lang), style="bold"))

    def action_next_to_check(self) -> None:
        if self.grid.editing:
            self.grid.action_cancel_entry()
        if not self.grid.next_to_check():
            self._show_status(
                note=Text(
                    t(
                        "Nothing left to check: every cell has a low and a high, and "
                        "none is flagged",
                        self.lang,
                    ),
                    style="bold",
                )
            )

    def action_start(self) -> None:
        if self.saved_before_leaving():  # the start screen closes this window's editor
            self.app.open_start()

    def action_export(self) -> None:
        self.notify(t("Writing CSV and XLSX…", self.lang), timeout=2)
        export_in_background(self, self.editor, self.lang)

    # ------------------------------------------------------------ agenda and rounds

    def agenda_source(self) -> tuple[SessionEditor, int | None, object]:
        """What the agenda line shows: this workshop, at the cursor's subprocess, and the
        cells done per subprocess as the totals counted them (filled, and applicable:
        the pace counts a not-applicable cell as done)."""
        progress: object = tuple(
            (sub.number, sub.filled, sub.expected)
            for totals in self._totals.values()
            for sub in totals.subprocesses
        )
        if not self._totals:
            progress = id(self.editor.session)
        subprocess = self.grid.current_subprocess if self.grid.rows else None
        return self.editor, subprocess, progress

    @property
    def agenda_line(self) -> AgendaLine:
        return self.query_one(AgendaLine)

    def show_plan(self) -> None:
        """Before the totals are drawn: counts only in a silent round; the agenda line."""
        panel = self.totals_panel
        panel.hidden = frozenset(hidden_subprocesses(self.editor.process, self.editor.session))
        if self.agenda_line.refresh_line():  # it appeared or went: the grid's height changes
            self.call_after_refresh(self._arrange)

    def action_agenda(self) -> None:
        from workshop_tui.tui.screens.agenda_dialog import AgendaDialog

        def save(agenda: Agenda | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_agenda(agenda))

        def done(agenda: Agenda | None) -> None:
            if agenda is not None:  # saved by `save` before the dialog closed
                self._show_status(note=Text(t("Agenda saved", self.lang), style="bold"))

        self.app.push_screen(AgendaDialog(self.editor, local_time(self.editor), save), done)

    # ------------------------------------------------------------ the agenda's clock

    def action_start_or_pause(self) -> None:
        """F11: start the plan now where it is not running, pause it where it runs,
        resume it where it is paused."""
        agenda = self.editor.session.agenda
        if agenda is None:
            self._show_status(error=t("No agenda yet: F4 makes one", self.lang))
            return
        state = plan_state(agenda, self.editor.session, local_time(self.editor))
        if state == "running":
            self.action_pause_agenda()
        elif state == "paused":
            self.action_resume_agenda()
        else:
            self.action_start_now()

    def action_start_now(self) -> None:
        if self._apply(self.editor.start_agenda_now) is not None:
            start, end = self._plan_times()
            self._show_clock_note(
                t(
                    "Started now: the plan runs {start}–{end} today (Ctrl+Z undoes)",
                    self.lang,
                    start=start,
                    end=end,
                )
            )

    def action_pause_agenda(self) -> None:
        if self._apply(self.editor.pause_agenda) is not None:
            agenda = self.editor.session.agenda
            since = to_local(agenda.paused_at) if agenda and agenda.paused_at else None
            self._show_clock_note(
                t(
                    "Paused at {since}: the pace stands still; F11 resumes",
                    self.lang,
                    since=f"{since:%H:%M}",
                )
            )

    def action_resume_agenda(self) -> None:
        before = self.editor.session.agenda
        if self._apply(self.editor.resume_agenda) is not None and before is not None:
            moved = plan_start(self.editor.session.agenda or before, self.editor.session)
            minutes = round((moved - plan_start(before, self.editor.session)).total_seconds() / 60)
            _, end = self._plan_times()
            self._show_clock_note(
                t(
                    "Resumed: the plan moved on by {minutes} min and now ends {end}",
                    self.lang,
                    minutes=minutes,
                    end=end,
                )
            )

    def _plan_times(self) -> tuple[str, str]:
        """The plan's start and end as the room reads them: '9:00', '12:30'."""
        agenda = self.editor.session.agenda
        if agenda is None:
            return "", ""
        start = plan_start(agenda, self.editor.session)
        return clock_text(start), clock_text(start + timedelta(minutes=agenda.length_minutes))

    def _show_clock_note(self, text: str) -> None:
        self._show_status(note=Text(text, style="bold"))

    def palette_commands(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        """Commands for the palette that have no key of their own: the three the agenda's
        F11 chooses between, each by name (name, what it does, the action)."""
        for name, does, run in (
            (N_("Start now"), ACTION_HELP["start_now"], self.action_start_now),
            (N_("Pause the agenda"), ACTION_HELP["pause_agenda"], self.action_pause_agenda),
            (N_("Resume the agenda"), ACTION_HELP["resume_agenda"], self.action_resume_agenda),
        ):
            yield t(name, self.lang), t(does, self.lang), run

    def action_close_round(self) -> None:
        from workshop_tui.tui.screens.round_dialog import RoundDialog

        if self.grid.editing:
            self.grid.action_cancel_entry()
        number = self.grid.subprocess_worked_on

        def done(choice: str | None) -> None:
            if choice is None:
                return
            subprocess = number if choice == "one" else None
            if self._apply(lambda: self.editor.close_round(subprocess)) is None:
                return
            if subprocess is None:
                note = t(
                    "First round closed for the whole workshop: changes now are agreed figures",
                    self.lang,
                )
            else:
                name = self.editor.process.subprocesses[number - 1].name.in_lang(self.lang)
                note = t(
                    "First round closed for {name}: its figures are kept; changes "
                    "now are agreed figures",
                    self.lang,
                    name=f"{number} {name}",
                )
            self._show_status(note=Text(note, style="bold"))

        self.app.push_screen(RoundDialog(self.editor.process, self.editor.session, number), done)

    def action_toggle_first(self) -> None:
        look = self.grid.rounds_look
        if not look.show_first and not self.editor.session.rounds.first:
            self._show_status(
                note=Text(t("No first round yet: F3 closes one", self.lang), style="bold")
            )
            return
        look.show_first = not look.show_first
        self.grid.refresh()
        if look.show_first:
            note = t(
                "Showing the FIRST-ROUND figures (italics); Ctrl+B shows the agreed ones", self.lang
            )
        else:
            moved = len(moved_cells(self.editor.session))
            note = t(
                "Showing the agreed figures; Δ: moved since the first round ({moved} moved)",
                self.lang,
                moved=moved,
            )
        self._show_status(note=Text(note, style="bold"))

    def action_silent_round(self) -> None:
        silent = not self.editor.session.rounds.silent
        if self._apply(lambda: self.editor.set_silent_round(silent)) is not None:
            self.grid.refresh()
            note = t(
                N_("Silent round ON: other cells are hidden until their round closes (F3)")
                if silent
                else N_("Silent round off"),
                self.lang,
            )
            self._show_status(note=Text(note, style="bold"))

    # ------------------------------------------------------------ following the file
    # The session open in another window (read-only, see lock_dialog) is polled as `watch`
    # polls it (core/session/watcher.py): one `stat` a poll, a read only when the file
    # changed, and only a whole, valid session of the same process is shown.

    def follow_file(self) -> None:
        """Start following, if this window only reads the file."""
        if not self.editor.follows_file or self._watcher is not None:
            return
        # here, not above: only a read-only window follows its file (saves ~1 ms of the start)
        from workshop_tui.core.session.watcher import SessionWatcher

        self._watcher = SessionWatcher(self.editor.path, check=self._fits)
        with contextlib.suppress(WorkshopError):  # not a session now: the next good save is
            self._watcher.load_first()
        self.set_interval(FOLLOW_SECONDS, self._poll_file)

    def _fits(self, session: Session, path: Path) -> list[Problem]:
        process = self.editor.process
        if session.process_id != process.id or session.groups != self.editor.session.groups:
            return [Problem(path, "another process or other target groups")]  # not shown
        return check_session(session, process, path)

    def _poll_file(self) -> None:
        watcher = self._watcher
        if watcher is None or not self.editor.follows_file or not watcher.poll():
            return
        from workshop_tui.core.session.watcher import OK

        session = watcher.state.session
        if watcher.state.status != OK or session is None or session == self.editor.session:
            return
        self.editor.follow(session)
        self.grid.show_session(session)
        self._show_totals()
        self._arrange()
        self._show_status()

    # ------------------------------------------------------------ the participants' room
    # Ctrl+U opens the room's dialog: open the room, ask it, reveal, take the medians, close
    # it. What is asked is written to the session (the server follows it); what the
    # participants give is read from the room file on a timer, never on a keystroke, and
    # while the facilitator types it waits for a pause (room.py, RoomControl.poll).

    def action_room(self) -> None:
        from workshop_tui.tui.screens.room_dialog import RoomDialog

        if self.grid.editing:
            self.grid.action_cancel_entry()
        self.app.push_screen(RoomDialog(self.room.state(self.lang)), self._room_chosen)

    def _room_chosen(self, choice: str | None) -> None:
        commands: dict[str, Callable[[], None]] = {
            "local": lambda: self._open_room("local"),
            "network": lambda: self._open_room("network"),
            "ask_activity": self._ask_activity,
            "ask_subprocess": self._ask_subprocess,
            "reveal": self._reveal_room,
            "medians": self._take_medians,
            "close_room": self._close_room,
            "participants": self.action_participants,
        }
        if choice in commands:
            commands[choice]()

    def _open_room(self, where: str) -> None:
        if self.editor.read_only:
            self._show_status(
                error=t(
                    "This window only reads the session: the room opens where it is written",
                    self.lang,
                )
            )
            return
        try:
            self.room.open(where)
        except WorkshopError as error:
            title = t(error.title, self.lang)
            self.notify(escape(f"{title}: {error.text()}"), severity="error", timeout=10)
            return
        self._room_timer = self.set_interval(FOLLOW_SECONDS, self._poll_room)
        self._show_room()
        self.action_room()  # the address, the code and the QR code for the participants

    def _close_room(self) -> None:
        if self._room_timer is not None:
            self._room_timer.stop()
            self._room_timer = None
        self._take_room(self.room.close)  # what waited for a pause in the typing, too
        self._attempt(lambda: self.editor.ask_room([]))  # nothing asked: the room is closed
        self._show_room()
        note = t("The room is closed; every estimate given is in the session", self.lang)
        self._show_status(note=Text(note, style="bold"))

    def _ask(self, activity_ids: list[str], what: str) -> None:
        if self._attempt(lambda: self.editor.ask_room(activity_ids))[1] is None:
            self._show_room()
            note = t("The room is asked for {what}; Ctrl+U, r reveals", self.lang, what=what)
            self._show_status(note=Text(note, style="bold"))

    def _ask_activity(self) -> None:
        line = self.grid.current_line
        if line is not None:
            self._ask([line.id], f"'{printable(line.label(self.lang))}'")

    def _ask_subprocess(self) -> None:
        number = self.grid.current_subprocess
        ids = [line.id for line in self.editor.lines() if line.subprocess == number]
        name = self.editor.process.subprocesses[number - 1].name.in_lang(self.lang)
        self._ask(ids, f"{number} {name}")

    def _reveal_room(self) -> None:
        if self.editor.session.room is None:
            self._show_status(error=t("Nothing asked yet: Ctrl+U, then a or s", self.lang))
            return
        if self._attempt(self.editor.reveal_room)[1] is None:
            self._show_room()
            note = t(
                "Revealed: the participants see the spread; Ctrl+U, m takes the medians", self.lang
            )
            self._show_status(note=Text(note, style="bold"))

    def _take_medians(self) -> None:
        cell = self.grid.cursor_cell
        if cell is None:
            return
        change = self._apply(lambda: self.editor.take_room_medians(cell.activity_id, cell.group_id))
        if change is not None:
            estimate = self.editor.session.estimate(cell.activity_id, cell.group_id)
            note = t(
                "The participants' medians are in: {low}–{high}, kept as the first round "
                "(Ctrl+Z undoes)",
                self.lang,
                low=hours_text(estimate.low, self.lang),
                high=hours_text(estimate.high, self.lang),
            )
            self._show_status(note=Text(note, style="bold"))

    def _poll_room(self) -> None:
        """The timer's: what the room file gained, copied into the session and drawn."""
        self._take_room(lambda: self.room.poll(self.grid.last_key, time.monotonic()))

    def _take_room(self, take: Callable[[], bool]) -> None:
        """Run one of the room's copies into the session; draw what it changed."""
        try:
            changed = take()
        except NotSavedError as error:  # copied, kept in memory: saved when it can be
            self._kept_unsaved(error)
            changed = True
        except SaveError as error:
            self._save_refused(error)
            return
        if changed:
            self._show_room(whole=False)

    def _show_room(self, whole: bool = True) -> None:
        """The answers' counts in the grid and, after the reveal, the cursor cell's spread.

        Not `whole`: only the rows whose counts changed are painted again (a poll that
        took in an estimate costs a row, not the grid)."""
        changed = self.room.count_answers()
        self.grid.room_counts = self.room.counts if self.room.is_open else {}
        if whole:
            self.grid.refresh()
        else:
            for activity_id in changed:
                self.grid.refresh_row(self.grid.row_of.get(activity_id, -1))
        self._show_room_spread()

    def _show_room_spread(self) -> None:
        """The spread of the cursor's cell in the totals panel, once revealed; else the totals."""
        question, cell = self.editor.session.room, self.grid.cursor_cell
        spread = None
        if self.room.is_open and question is not None and question.revealed and cell is not None:
            asked = any(
                (a.activity_id, a.group_id) == (cell.activity_id, cell.group_id)
                for a in question.asked
            )
            spread = self.room.spread(cell.activity_id, cell.group_id) if asked else None
        if spread is None or cell is None:
            self.totals_panel.show_room(None)
            return
        line = self.grid.current_line
        group = self.editor.process.group(cell.group_id).name.in_lang(self.lang)
        where = f"{printable(line.label(self.lang)) if line else cell.activity_id} · {group}"
        width = max(20, self.totals_panel.scrollable_content_region.width)
        self.totals_panel.show_room(
            (spread_block(spread, where, self.lang, width), spread_line(spread, self.lang))
        )

    # ------------------------------------------------------------ saving
    # Every change is saved before the screen shows it (SessionEditor). A save that another
    # program or a read-only window refuses is told and the change is not made. A save that
    # fails because the file cannot be written (a full disk) loses nothing: the editor keeps
    # the change, the screen draws it, the header says "not saved", and the screen tries
    # again every few seconds (and on Ctrl+S) until the file has everything.

    def on_unmount(self) -> None:
        # the room's server goes with the window that started it; a copy that cannot be
        # saved now is not lost: the room file keeps it for the next time the room opens
        with contextlib.suppress(SaveError):
            self.room.close()
        self.editor.close()  # the session's lock, for the next window that opens it

    def _save_refused(self, error: SaveError, redraw: bool = False) -> None:
        """Tell the user why; `redraw` the grid from the session as it stands."""
        if isinstance(error, NotSavedError):
            return self._kept_unsaved(error)
        if redraw:
            self.grid.show_session(self.editor.session)
        self.notify(escape(str(error)), severity="error", timeout=10)
        if not isinstance(error, SessionReadOnlyError):
            self.save_failed = True
        self._show_bar()

    def _kept_unsaved(self, error: NotSavedError) -> None:
        """The change was made but not written: draw it, say so, and keep trying."""
        self.grid.show_session(self.editor.session)
        self._show_totals()
        self._arrange()
        if not self.save_failed:  # told once; the header keeps saying it
            self.notify(escape(str(error)), severity="error", timeout=10)
        self.save_failed = True
        self._show_bar()
        self.keep_trying_to_save()

    def keep_trying_to_save(self) -> None:
        """While changes are kept unsaved, try to save them every few seconds."""
        if self.editor.unsaved and self._retrying is None:
            self.save_failed = True
            self._retrying = self.set_interval(self.RETRY_SECONDS, self.action_save_now)

    def _saved(self) -> None:
        if self.save_failed and not self.editor.unsaved:
            self.save_failed = False
            self._show_bar()
            if self._retrying is not None:
                self._retrying.stop()
                self._retrying = None
                self.notify(t("Saved: the file has every change again.", self.lang), timeout=4)

    def saved_before_leaving(self) -> bool:
        """Save what is kept unsaved before the screen goes; False (and said) if it cannot."""
        self.action_save_now()
        if self.editor.unsaved:
            self.notify(
                t(
                    "Not left: changes are NOT SAVED (the file cannot be written). "
                    'Free the disk and wait for "all saved" first.',
                    self.lang,
                ),
                severity="error",
                timeout=10,
            )
        return not self.editor.unsaved

    def action_save_now(self) -> None:
        """Ctrl+S, and every few seconds while changes are kept unsaved: write them."""
        if not self.editor.unsaved:
            return self._saved()
        try:
            self.editor.save_kept()
        except NotSavedError:
            return  # still failing; the header says so
        except SaveError as error:  # another program wrote the file meanwhile
            if self._retrying is not None:
                self._retrying.stop()
                self._retrying = None
            return self._save_refused(error)
        self._saved()
