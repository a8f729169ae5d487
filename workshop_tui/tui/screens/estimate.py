"""The estimate screen: the grid of low/high hours, the live totals, the room's notes.

Thin on purpose: every change goes through the SessionEditor (which saves it
before returning), the grid and the totals panel only draw what they are given.
Dialogs are imported when first opened.
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widgets import Static

from workshop_tui.core.editor import ENTRY_ERRORS, Change, SaveError, SessionEditor
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import register, t
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.totals import GroupTotals, completeness, group_totals
from workshop_tui.tui.screens.bindings import LanguageAware
from workshop_tui.tui.widgets.estimate_grid import CELL_WIDTH, Cell, EstimateGrid
from workshop_tui.tui.widgets.key_bar import KeyBar
from workshop_tui.tui.widgets.totals_panel import TotalsPanel

# From this width the totals may stand beside the grid; below it they go underneath.
WIDE_FROM = 110
MIN_GRID_ROWS = 8
GRID_NAME_BESIDE = 26  # activity-name width the grid keeps when the totals are beside it
MIN_TOTALS_WIDTH = 50

register(
    {
        "dialog.note_title": {"en": "Note on '{name}'", "da": "Note til '{name}'"},
        "dialog.add_title": {
            "en": "New activity in subprocess {number} {name}",
            "da": "Ny aktivitet i delproces {number} {name}",
        },
        "dialog.rename_title": {"en": "New name for '{name}'", "da": "Nyt navn til '{name}'"},
        "dialog.notes_title": {"en": "Notes on the workshop", "da": "Noter om workshoppen"},
        "key.undo": {"en": "Undo", "da": "Fortryd"},
        "key.redo": {"en": "Redo", "da": "Gentag"},
        "key.presentation": {"en": "Present", "da": "Præsentér"},
        "key.note": {"en": "Note", "da": "Note"},
        "key.factors": {"en": "Staff/share", "da": "Antal/andel"},
        "key.not_applicable": {"en": "N/A", "da": "Ikke rel."},
        "key.time_consuming": {"en": "Time-consuming", "da": "Tidskrævende"},
        "key.add_local": {"en": "Add activity", "da": "Tilføj aktivitet"},
        "key.rename_local": {"en": "Rename activity", "da": "Omdøb aktivitet"},
        "key.remove_local": {"en": "Remove activity", "da": "Fjern aktivitet"},
        "key.cost_drivers": {"en": "Cost drivers", "da": "Omkostningsdrivere"},
        "key.session_notes": {"en": "Workshop notes", "da": "Workshopnoter"},
        "key.export": {"en": "Export", "da": "Eksportér"},
        "key.view_commands": {"en": "Live view", "da": "Live-visning"},
        "key.start": {"en": "Other workshops", "da": "Andre workshops"},
        "estimate.bar": {
            "en": "{municipality} · {process} · {date}",
            "da": "{municipality} · {process} · {date}",
        },
        "estimate.state": {"en": "{done} filled · all saved", "da": "{done} udfyldt · alt gemt"},
        "estimate.demo": {"en": "DEMO, fictitious figures", "da": "DEMO, fiktive tal"},
        "estimate.version_differs": {
            "en": "This session was recorded with version {saved} of the process; the catalogue "
            "now has {current}.",
            "da": "Sessionen er optaget med version {saved} af processen; kataloget har nu {current}.",
        },
        "estimate.typing": {
            "en": "Typing {group}, {side}: Enter saves and moves on, Esc cancels "
            "(e.g. 0,5 · 30 min · 1t 30m)",
            "da": "Indtaster {group}, {side}: Enter gemmer og går videre, Esc fortryder "
            "(fx 0,5 · 30 min · 1t 30m)",
        },
        "estimate.rejected": {"en": "Not saved: {reason}", "da": "Ikke gemt: {reason}"},
        "estimate.low_above_high": {
            "en": "Low is above high for {group}: check the two figures",
            "da": "Lavt er over højt for {group}: tjek de to tal",
        },
        "estimate.staff_share": {
            "en": "{group}: {staff} staff, {share} of cases",
            "da": "{group}: {staff} medarbejdere, {share} af sagerne",
        },
        "estimate.not_applicable": {
            "en": "Not applicable here: left out of the totals (i to include it again)",
            "da": "Ikke relevant her: tæller ikke med i totalerne (i for at tage den med igen)",
        },
        "estimate.time_consuming": {"en": "time-consuming", "da": "tidskrævende"},
        "estimate.local": {"en": "added in the room", "da": "tilføjet i lokalet"},
        "estimate.undone": {"en": "Undone: {what}", "da": "Fortrudt: {what}"},
        "estimate.redone": {"en": "Redone: {what}", "da": "Gentaget: {what}"},
        "estimate.nothing_to_undo": {"en": "Nothing to undo", "da": "Intet at fortryde"},
        "estimate.nothing_to_redo": {"en": "Nothing to redo", "da": "Intet at gentage"},
        "estimate.removed": {
            "en": "Removed '{name}'. Ctrl+Z brings it back.",
            "da": "Fjernede '{name}'. Ctrl+Z henter den tilbage.",
        },
        "estimate.only_local": {
            "en": "Only activities added in the room (marked +) can be renamed or removed",
            "da": "Kun aktiviteter tilføjet i lokalet (mærket +) kan omdøbes eller fjernes",
        },
        "estimate.exporting": {"en": "Writing CSV and XLSX…", "da": "Skriver CSV og XLSX…"},
        "estimate.exported": {
            "en": "Exported beside the session file:\n{files}",
            "da": "Eksporteret ved siden af sessionsfilen:\n{files}",
        },
        "estimate.export_failed": {
            "en": "Export failed: {reason}",
            "da": "Eksport mislykkedes: {reason}",
        },
        "change.hours": {
            "en": "{side} for '{name}', {group}",
            "da": "{side} for '{name}', {group}",
        },
        "change.other": {"en": "{what} for '{name}'", "da": "{what} for '{name}'"},
        "change.subprocess": {
            "en": "cost-driver notes for subprocess {number}",
            "da": "noter om omkostningsdrivere for delproces {number}",
        },
        "change.notes": {"en": "workshop notes", "da": "workshopnoter"},
        "change.kind.staff": {"en": "staff", "da": "antal medarbejdere"},
        "change.kind.share": {"en": "share of cases", "da": "andel af sagerne"},
        "change.kind.factors": {"en": "staff and share", "da": "antal og andel"},
        "change.kind.not_applicable": {"en": "not applicable", "da": "ikke relevant"},
        "change.kind.time_consuming": {"en": "time-consuming mark", "da": "tidskrævende-mærke"},
        "change.kind.note": {"en": "note", "da": "note"},
        "change.kind.add_local": {"en": "adding", "da": "tilføjelse"},
        "change.kind.rename_local": {"en": "new name", "da": "nyt navn"},
        "change.kind.remove_local": {"en": "removal", "da": "fjernelse"},
    }
)


class EstimateScreen(LanguageAware, Screen[None]):
    """Where the room's estimates are typed, with the totals beside or below."""

    CSS_PATH = "estimate.tcss"
    BINDINGS = [
        Binding("ctrl+z", "undo", "key.undo"),
        Binding("ctrl+y", "redo", "key.redo", show=False),
        Binding("n", "note", "key.note"),
        Binding("i", "not_applicable", "key.not_applicable"),
        Binding("a", "add_local", "key.add_local", show=False),
        Binding("p", "presentation", "key.presentation"),
        Binding("e", "export", "key.export", show=False),
        Binding("s", "factors", "key.factors", show=False),
        Binding("t", "time_consuming", "key.time_consuming", show=False),
        Binding("r", "rename_local", "key.rename_local", show=False),
        Binding("x", "remove_local", "key.remove_local", show=False),
        Binding("c", "cost_drivers", "key.cost_drivers", show=False),
        Binding("w", "session_notes", "key.session_notes", show=False),
        Binding("v", "view_commands", "key.view_commands", show=False),
        Binding("o", "start", "key.start", show=False),
    ]

    def __init__(self, editor: SessionEditor) -> None:
        super().__init__()
        self.editor = editor
        self.lang = editor.lang
        self._bar_shown: tuple[str, str] | None = None
        self._totals: dict[str, GroupTotals] = {}

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        editor = self.editor
        with Horizontal(id="session-bar"):
            yield Static(id="bar-session")
            yield Static(id="bar-state")
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
            self.notify(
                t(
                    "estimate.version_differs",
                    self.lang,
                    saved=self.editor.session.process_version,
                    current=self.editor.process.version,
                ),
                severity="warning",
                timeout=8,
            )

    def on_resize(self, event: events.Resize) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Totals below the grid when everything fits, else beside it when wide, else below.

        Below, the grid keeps the full width for the activity names; beside, both
        get the height. At 80 columns the totals go below and show the group under
        the cursor in full, the others on one line each.
        """
        width, height = self.size
        if not width:
            return
        body, panel, grid = self.query_one("#body"), self.totals_panel, self.grid
        groups = len(self.editor.session.groups)
        all_lines = panel.detail_height * groups - 1 + 2  # with the border
        focused_lines = panel.detail_height - 1 + groups - 1 + 2
        grid_height = grid.header_height + len(grid.rows)
        room = height - 4  # session bar, two status lines, footer
        all_below = grid_height + all_lines <= room
        beside = not all_below and width >= WIDE_FROM
        body.set_class(not beside, "-narrow")
        if beside:
            grid_width = GRID_NAME_BESIDE + groups * (2 * CELL_WIDTH + 1) + 1
            panel.styles.width = max(MIN_TOTALS_WIDTH, width - grid_width)
            panel.show_all = None
            panel.styles.height = "1fr"
        else:
            panel.styles.width = "1fr"
            # below the grid: everything if the grid keeps enough rows, else the cursor's group
            panel.show_all = all_below or room - all_lines >= MIN_GRID_ROWS + grid.header_height
            panel.styles.height = (
                "1fr" if all_below else (all_lines if panel.show_all else focused_lines)
            )
        # when everything fits, the grid takes what it needs and the totals the rest
        grid.styles.height = grid_height if all_below else "1fr"
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
        self.totals_panel.show_totals(self._totals)
        self._show_bar(completeness(self._totals))

    def _show_bar(self, done: float | None = None) -> None:
        session, process = self.editor.session, self.editor.process
        if done is None:
            done = completeness(self._totals or self.editor.totals())
        text = t(
            "estimate.bar",
            self.lang,
            process=process.name.in_lang(self.lang),
            municipality=session.municipality,
            date=session.workshop_date.isoformat(),
        )
        if self.app.demo:
            text = f"[{t('estimate.demo', self.lang)}] {text}"
        state = t("estimate.state", self.lang, done=format_percent(done, self.lang))
        # Redraw only what changed: every layout pass costs milliseconds on each entry.
        if (text, state) == self._bar_shown:
            return
        old_state = self._bar_shown[1] if self._bar_shown else None
        self._bar_shown = (text, state)
        bar = Text(text, no_wrap=True, overflow="ellipsis")
        if self.app.demo:
            demo = t("estimate.demo", self.lang)
            bar.stylize("reverse bold", 0, len(demo) + 2)
        self.query_one("#bar-session", Static).update(bar, layout=False)
        self.query_one("#bar-state", Static).update(
            state, layout=old_state is None or len(state) != len(old_state)
        )

    def _show_status(self, error: str | None = None, note: str | None = None) -> None:
        status = self.query_one("#status", Static)
        status.set_class(bool(error), "-error")
        # the status line has a fixed height: no layout pass needed
        if error:
            status.update(Text(t("estimate.rejected", self.lang, reason=error)), layout=False)
            return
        status.update(note if note is not None else self._cell_description(), layout=False)

    def _cell_description(self) -> Text:
        grid, lang = self.grid, self.lang
        line = grid.current_line
        cell = grid.cursor_cell
        if line is None or cell is None:
            return Text("")
        group_name = self.editor.process.group(cell.group_id).name.in_lang(lang)
        if grid.editing:
            return Text(
                t(
                    "estimate.typing",
                    lang,
                    group=group_name,
                    side=t(f"word.{cell.side}", lang).lower(),
                )
            )
        entry = self.editor.session.entry(line.id)
        estimate = entry.estimates.get(cell.group_id)
        text = Text(line.label(lang), style="bold")
        marks = [t("estimate.time_consuming", lang)] if line.time_consuming else []
        marks += [t("estimate.local", lang)] if line.local else []
        if marks:
            text.append(f" ({', '.join(marks)})")
        if entry.not_applicable:
            text.append(" · " + t("estimate.not_applicable", lang), style="italic")
        if estimate is not None and estimate.low_above_high:
            text.append(" · " + t("estimate.low_above_high", lang, group=group_name), style="bold")
        if estimate is not None and (estimate.staff != 1 or estimate.share != 1):
            text.append(
                " · "
                + t(
                    "estimate.staff_share",
                    lang,
                    group=group_name,
                    staff=format_hours(estimate.staff, lang),
                    share=format_percent(estimate.share, lang),
                )
            )
        if entry.note:
            text.append(" · ✎ " + entry.note, style="italic")
        return text

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

    def _change_text(self, change: Change) -> str:
        lang, process = self.lang, self.editor.process
        if change.kind == "cost_driver_note":
            return t("change.subprocess", lang, number=change.subprocess)
        if change.kind == "notes":
            return t("change.notes", lang)
        name = ""
        if change.activity_id:
            line = next(
                (line for line in self.editor.lines() if line.id == change.activity_id), None
            )
            local = next(
                (
                    a.name
                    for a in self.editor.session.local_activities
                    if a.id == change.activity_id
                ),
                change.activity_id,
            )
            name = line.label(lang) if line else local
        if change.kind == "hours":
            return t(
                "change.hours",
                lang,
                side=t(f"word.{change.side}", lang),
                name=name,
                group=process.group(change.group_id).name.in_lang(lang),
            )
        return t("change.other", lang, what=t(f"change.kind.{change.kind}", lang), name=name)

    # ------------------------------------------------------------ grid messages

    def commit_entry(self, cell: Cell, text: str) -> str | None:
        """The grid's committed entry: saved through the editor, drawn at once."""
        try:
            change = self.editor.set_hours(cell.activity_id, cell.group_id, cell.side, text)
        except ENTRY_ERRORS as error:
            return str(error)
        except SaveError as error:
            self.notify(escape(str(error)), severity="error", timeout=10)
            return str(error)
        if change is not None:
            self.grid.show_session(self.editor.session, cell.activity_id, structural=False)
            self._show_totals(groups=[cell.group_id])
        return None

    def grid_changed(self, cell: Cell | None, editing: bool, refused: str | None) -> None:
        if refused:
            self._show_status(error=refused)
            return
        if cell is not None:
            self.totals_panel.focus_group(cell.group_id)
        self._show_status()

    def _apply(self, edit) -> Change | None:
        """Run one editor call; show a refused entry or a failed save where the user looks."""
        try:
            change = edit()
        except ENTRY_ERRORS as error:
            self._show_status(error=str(error))
            return None
        except SaveError as error:
            self.notify(escape(str(error)), severity="error", timeout=10)
            self.grid.show_session(self.editor.session)
            return None
        self._after_change(change)
        self._show_status()
        return change

    # ------------------------------------------------------------ actions: undo

    def action_undo(self) -> None:
        self._undo_redo(self.editor.undo, "estimate.undone", "estimate.nothing_to_undo")

    def action_redo(self) -> None:
        self._undo_redo(self.editor.redo, "estimate.redone", "estimate.nothing_to_redo")

    def _undo_redo(self, step, done_key: str, nothing_key: str) -> None:
        if self.grid.editing:
            self.grid.action_cancel_entry()
        try:
            change = step()
        except SaveError as error:
            self.notify(escape(str(error)), severity="error", timeout=10)
            return
        if change is None:
            self._show_status(note=Text(t(nothing_key, self.lang)))
            return
        self._after_change(change, structural=True)
        note = Text(t(done_key, self.lang, what=self._change_text(change)), style="bold")
        if change.activity_id and change.activity_id in self.grid.row_of:
            self.grid.move_to(change.activity_id, change.group_id, change.side)
        self._show_status(note=note)

    # ------------------------------------------------------------ actions: activity

    def _current(self):
        """The activity under the cursor (None on an empty grid)."""
        return self.grid.current_line

    def action_not_applicable(self) -> None:
        line = self._current()
        if line is not None:
            self._apply(lambda: self.editor.toggle_not_applicable(line.id))

    def action_time_consuming(self) -> None:
        line = self._current()
        if line is not None:
            self._apply(lambda: self.editor.toggle_time_consuming(line.id))

    def action_note(self) -> None:
        line = self._current()
        if line is None:
            return
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def done(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: self.editor.set_note(line.id, text))

        title = t("dialog.note_title", self.lang, name=line.label(self.lang))
        self.app.push_screen(
            TextDialog(title, self.editor.session.entry(line.id).note, multiline=True), done
        )

    def action_factors(self) -> None:
        line = self._current()
        if line is None:
            return
        from workshop_tui.tui.screens.factors_dialog import FactorsDialog

        def done(values: dict[str, tuple[str, str]] | None) -> None:
            if values:
                self._apply(lambda: self.editor.set_factors(line.id, values))

        self.app.push_screen(FactorsDialog(self.editor, line), done)

    def action_add_local(self) -> None:
        from workshop_tui.tui.screens.text_dialog import TextDialog

        number = self.grid.current_subprocess
        subprocess = self.editor.process.subprocesses[number - 1]

        def done(name: str | None) -> None:
            if name is not None:
                change = self._apply(lambda: self.editor.add_local_activity(number, name))
                if change is not None:
                    self.grid.move_to(change.activity_id)

        title = t(
            "dialog.add_title", self.lang, number=number, name=subprocess.name.in_lang(self.lang)
        )
        self.app.push_screen(TextDialog(title, "", check=self._check_name), done)

    def _check_name(self, name: str) -> None:
        from workshop_tui.core.editor import clean_name

        clean_name(name, self.lang)

    def action_rename_local(self) -> None:
        line = self._current()
        if line is None:
            return
        if not line.local:
            self._show_status(error=t("estimate.only_local", self.lang))
            return
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def done(name: str | None) -> None:
            if name is not None:
                self._apply(lambda: self.editor.rename_local_activity(line.id, name))

        title = t("dialog.rename_title", self.lang, name=line.label(self.lang))
        self.app.push_screen(TextDialog(title, line.label(self.lang), check=self._check_name), done)

    def action_remove_local(self) -> None:
        line = self._current()
        if line is None:
            return
        if not line.local:
            self._show_status(error=t("estimate.only_local", self.lang))
            return
        if self._apply(lambda: self.editor.remove_local_activity(line.id)) is not None:
            self.notify(escape(t("estimate.removed", self.lang, name=line.label(self.lang))))

    # ------------------------------------------------------------ actions: notes

    def action_cost_drivers(self) -> None:
        from workshop_tui.tui.screens.cost_drivers_dialog import CostDriversDialog

        number = self.grid.current_subprocess

        def done(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: self.editor.set_cost_driver_note(number, text))
                self.grid.refresh()

        self.app.push_screen(CostDriversDialog(self.editor, number), done)

    def action_session_notes(self) -> None:
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def done(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: self.editor.set_notes(text))

        self.app.push_screen(
            TextDialog(
                t("dialog.notes_title", self.lang), self.editor.session.notes, multiline=True
            ),
            done,
        )

    # ------------------------------------------------------------ actions: elsewhere

    def action_presentation(self) -> None:
        from workshop_tui.tui.screens.presentation import PresentationScreen

        group = self.grid.cursor_cell.group_id if self.grid.cursor_cell else None
        self.app.push_screen(PresentationScreen(self.editor.process, self.editor.session, group))

    def action_view_commands(self) -> None:
        from workshop_tui.tui.screens.commands_dialog import CommandsDialog

        self.app.push_screen(CommandsDialog(self.editor.path))

    def action_start(self) -> None:
        self.app.open_start()

    def action_export(self) -> None:
        self.notify(t("estimate.exporting", self.lang), timeout=2)
        self._export(self.editor.session, self.lang)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, session, lang: str) -> None:
        """CSV and XLSX beside the session file, off the UI thread (openpyxl is slow to load)."""
        try:
            from workshop_tui.core.exports import export_beside

            written = export_beside(session, self.editor.process, self.editor.path, lang=lang)
        except Exception as error:  # noqa: BLE001 - any failure is reported, none is fatal
            reason = getattr(error, "title", "") or type(error).__name__
            detail = str(error)
            message = t("estimate.export_failed", lang, reason=f"{reason}: {detail}")
            self.app.call_from_thread(self.notify, escape(message), severity="error", timeout=10)
            return
        files = "\n".join(str(path) for path in written)
        self.app.call_from_thread(
            self.notify, escape(t("estimate.exported", lang, files=files)), timeout=8
        )
