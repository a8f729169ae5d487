"""The estimate screen: the grid of low/high hours, the live totals, the room's notes.

Thin on purpose: every change goes through the SessionEditor (which saves it before
returning); the grid and the totals only draw. Dialogs are imported when first opened.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widgets import Static

from workshop_tui.core.i18n import t
from workshop_tui.core.session.editor import (
    ENTRY_ERRORS,
    Change,
    NotSavedError,
    SaveError,
    SessionEditor,
)
from workshop_tui.core.totals import GroupTotals, completeness, group_totals
from workshop_tui.tui.screens.bindings import LanguageAware
from workshop_tui.tui.screens.estimate.dialogs import EstimateDialogs
from workshop_tui.tui.screens.estimate.export_worker import export_in_background
from workshop_tui.tui.screens.estimate.follow import FollowFile
from workshop_tui.tui.screens.estimate.group_applicable import toggle_for_cursor_group
from workshop_tui.tui.screens.estimate.keys import ESTIMATE_BINDINGS
from workshop_tui.tui.screens.estimate.layout import WRAP_NAMES_FROM, arrange
from workshop_tui.tui.screens.estimate.rounds import EstimateRounds
from workshop_tui.tui.screens.estimate.saving import SaveState
from workshop_tui.tui.screens.estimate.texts import (
    cell_description,
    change_text,
    session_bar,
    typing_hint,
    version_warning,
)
from workshop_tui.tui.widgets.agenda_line import AgendaLine
from workshop_tui.tui.widgets.grid.cells import Cell
from workshop_tui.tui.widgets.grid.grid import EstimateGrid
from workshop_tui.tui.widgets.grid.header import CELL_WIDTH
from workshop_tui.tui.widgets.key_bar import KeyBar
from workshop_tui.tui.widgets.totals_panel import TotalsPanel


class EstimateScreen(
    EstimateDialogs, EstimateRounds, SaveState, FollowFile, LanguageAware, Screen[None]
):
    """Where the room's estimates are typed, with the totals beside or below."""

    CSS_PATH = "estimate.tcss"
    BINDINGS = ESTIMATE_BINDINGS

    def __init__(self, editor: SessionEditor) -> None:
        super().__init__()
        self.editor = editor
        self.lang = editor.lang
        self._bar_shown: tuple[str, str] | None = None
        self._totals: dict[str, GroupTotals] = {}
        self._status_shown: Text | None = None

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
        if self.editor.version_differs:
            self.notify(version_warning(self.editor, self.lang), severity="warning", timeout=8)
        self.follow_file()  # a read-only window shows what the writing window saves
        self.keep_trying_to_save()  # changes kept unsaved before this screen (a new workshop)

    def on_resize(self, event: events.Resize) -> None:
        self._arrange()

    @on(TotalsPanel.HeightChanged)
    def _panel_height_changed(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Totals beside or below the grid, by the screen's size (see estimate_layout)."""
        width, height = self.size
        if not width:
            return
        height -= int(self.agenda_line.shown)  # the agenda line's, when there is an agenda
        body, panel, grid = self.query_one("#body"), self.totals_panel, self.grid
        if grid.wrap_names != (height >= WRAP_NAMES_FROM):
            grid.wrap_names = height >= WRAP_NAMES_FROM  # long names on further lines
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
        )
        body.set_class(not layout.beside, "-narrow")
        panel.styles.width = layout.panel_width
        panel.styles.height = layout.panel_height
        panel.show_all = layout.show_all
        grid.styles.height = layout.grid_height
        self.call_after_refresh(panel.redraw)

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
            text = Text(t("estimate.rejected", self.lang, reason=error))
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
        except SaveError as error:  # a failed write keeps the change: see saving.py
            self._save_refused(error, redraw=True)
            return None, str(error)
        self._saved()
        self._after_change(change)
        self._show_status()
        return change, None

    # ------------------------------------------------------------ actions: undo

    def action_undo(self) -> None:
        self._undo_redo(self.editor.undo, "estimate.undone", "estimate.nothing_to_undo")

    def action_redo(self) -> None:
        self._undo_redo(self.editor.redo, "estimate.redone", "estimate.nothing_to_redo")

    def _undo_redo(
        self, step: Callable[[], Change | None], done_key: str, nothing_key: str
    ) -> None:
        if self.grid.editing:
            self.grid.action_cancel_entry()
        try:
            change = step()
            self._saved()
        except NotSavedError as error:  # the step is made, kept unsaved: see saving.py
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
    # (the ones that open a dialog are in estimate_dialogs)

    def action_not_applicable(self) -> None:
        line = self.grid.current_line
        if line is not None:
            self._apply(lambda: self.editor.toggle_not_applicable(line.id))

    def action_group_not_applicable(self) -> None:
        line, cell = self.grid.current_line, self.grid.cursor_cell
        if line is not None and cell is not None:
            toggle_for_cursor_group(self, line, cell.group_id)

    def action_time_consuming(self) -> None:
        line = self.grid.current_line
        if line is not None:
            self._apply(lambda: self.editor.toggle_time_consuming(line.id))

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

    def action_toggle_effective(self) -> None:
        self.grid.set_effective(not self.grid.effective)
        shown = "estimate.showing_effective" if self.grid.effective else "estimate.showing_typed"
        self._show_status(note=Text(t(shown, self.lang), style="bold"))

    def action_next_to_check(self) -> None:
        if self.grid.editing:
            self.grid.action_cancel_entry()
        if not self.grid.next_to_check():
            self._show_status(note=Text(t("estimate.nothing_to_check", self.lang), style="bold"))

    def action_start(self) -> None:
        if self.saved_before_leaving():  # the start screen closes this window's editor
            self.app.open_start()

    def action_export(self) -> None:
        self.notify(t("estimate.exporting", self.lang), timeout=2)
        export_in_background(self, self.editor, self.lang)
