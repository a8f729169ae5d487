"""The estimate screen's part for running the half-day: the agenda line, time boxes, rounds.

A mixin of EstimateScreen, kept apart so the screen stays small. Every change
goes through the editor via the screen's `_apply` (saved at once, undoable):
the agenda (F4), closing the first round (F3), the silent round (F12). The
first-round view (Ctrl+B) only changes what the grid draws.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text

from workshop_tui.core.i18n import register, t
from workshop_tui.core.session.editor import Change, SessionEditor
from workshop_tui.core.totals import GroupTotals
from workshop_tui.core.workshop.model import Agenda
from workshop_tui.core.workshop.rounds import hidden_subprocesses, moved_cells
from workshop_tui.tui.widgets.agenda_line import AgendaLine, local_time

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop_tui.tui.widgets.grid.grid import EstimateGrid
    from workshop_tui.tui.widgets.totals_panel import TotalsPanel

    _ScreenBase = Screen[Any]
else:  # a plain mixin at run time (as bindings.LanguageAware)
    _ScreenBase = object

register(
    {
        "rounds.closed_one": {
            "en": "First round closed for {name}: its figures are kept; changes now are agreed "
            "figures",
            "da": "Første runde lukket for {name}: tallene er gemt; ændringer nu er aftalte tal",
        },
        "rounds.closed_all": {
            "en": "First round closed for the whole workshop: changes now are agreed figures",
            "da": "Første runde lukket for hele workshoppen: ændringer nu er aftalte tal",
        },
        "rounds.showing_first": {
            "en": "Showing the FIRST-ROUND figures (italics); Ctrl+B shows the agreed ones",
            "da": "Viser FØRSTE RUNDES tal (kursiv); Ctrl+B viser de aftalte",
        },
        "rounds.showing_agreed": {
            "en": "Showing the agreed figures; Δ: moved since the first round ({moved} moved)",
            "da": "Viser de aftalte tal; Δ: flyttet siden første runde ({moved} flyttet)",
        },
        "rounds.no_first": {
            "en": "No first round yet: F3 closes one",
            "da": "Ingen første runde endnu: F3 lukker en",
        },
        "rounds.silent_on": {
            "en": "Silent round ON: other cells are hidden until their round closes (F3)",
            "da": "Tavs runde TIL: andre celler er skjult, til deres runde lukkes (F3)",
        },
        "rounds.silent_off": {"en": "Silent round off", "da": "Tavs runde fra"},
        "agenda.saved": {"en": "Agenda saved", "da": "Dagsorden gemt"},
        "key.agenda": {"en": "Agenda", "da": "Dagsorden"},
        "key.close_round": {"en": "Close round", "da": "Luk runde"},
        "key.toggle_first": {"en": "First/agreed", "da": "Første/aftalt"},
        "key.silent_round": {"en": "Silent round", "da": "Tavs runde"},
        "help.action.agenda": {
            "en": "Agenda: each subprocess's time box and the pause, the start and the length",
            "da": "Dagsorden: hver delproces' tidsramme og pausen, start og længde",
        },
        "help.action.close_round": {
            "en": "Close the first round (this subprocess or the whole workshop): the figures "
            "now are kept as first figures",
            "da": "Luk første runde (denne delproces eller hele workshoppen): tallene nu gemmes "
            "som første tal",
        },
        "help.action.toggle_first": {
            "en": "Show the first-round figures (italics) or the agreed ones (Δ: moved)",
            "da": "Vis første rundes tal (kursiv) eller de aftalte (Δ: flyttet)",
        },
        "help.action.silent_round": {
            "en": "Silent round on or off: while a round is open, other cells and the totals "
            "are hidden here and in watch/serve",
            "da": "Tavs runde til eller fra: mens en runde er åben, skjules andre celler og "
            "totalerne her og i watch/serve",
        },
    }
)


class EstimateRounds(_ScreenBase):
    """Agenda and rounds for the estimate screen."""

    editor: SessionEditor
    lang: str
    _totals: dict[str, GroupTotals]

    if TYPE_CHECKING:

        @property
        def grid(self) -> EstimateGrid: ...

        @property
        def totals_panel(self) -> TotalsPanel: ...

        def _apply(self, edit: Callable[[], Change | None]) -> Change | None: ...

        def apply_from_dialog(self, edit: Callable[[], Change | None]) -> str | None: ...

        def _show_status(self, error: str | None = None, note: Text | None = None) -> None: ...

        def _arrange(self) -> None: ...

    # ------------------------------------------------------------ drawing

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
        panel.counts_only = bool(hidden_subprocesses(self.editor.process, self.editor.session))
        if self.agenda_line.refresh_line():  # it appeared or went: the grid's height changes
            self.call_after_refresh(self._arrange)

    # ------------------------------------------------------------ actions

    def action_agenda(self) -> None:
        from workshop_tui.tui.screens.agenda_dialog import AgendaDialog

        def save(agenda: Agenda | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_agenda(agenda))

        def done(agenda: Agenda | None) -> None:
            if agenda is not None:  # saved by `save` before the dialog closed
                self._show_status(note=Text(t("agenda.saved", self.lang), style="bold"))

        self.app.push_screen(AgendaDialog(self.editor, local_time(self.editor), save), done)

    def action_close_round(self) -> None:
        from workshop_tui.tui.screens.round_dialog import RoundDialog

        if self.grid.editing:
            self.grid.action_cancel_entry()
        number = self.grid.current_subprocess

        def done(choice: str | None) -> None:
            if choice is None:
                return
            subprocess = number if choice == "one" else None
            if self._apply(lambda: self.editor.close_round(subprocess)) is None:
                return
            if subprocess is None:
                note = t("rounds.closed_all", self.lang)
            else:
                name = self.editor.process.subprocesses[number - 1].name.in_lang(self.lang)
                note = t("rounds.closed_one", self.lang, name=f"{number} {name}")
            self._show_status(note=Text(note, style="bold"))

        self.app.push_screen(RoundDialog(self.editor.process, self.editor.session, number), done)

    def action_toggle_first(self) -> None:
        look = self.grid.rounds_look
        if not look.show_first and not self.editor.session.rounds.first:
            self._show_status(note=Text(t("rounds.no_first", self.lang), style="bold"))
            return
        look.show_first = not look.show_first
        self.grid.refresh()
        if look.show_first:
            note = t("rounds.showing_first", self.lang)
        else:
            moved = len(moved_cells(self.editor.session))
            note = t("rounds.showing_agreed", self.lang, moved=moved)
        self._show_status(note=Text(note, style="bold"))

    def action_silent_round(self) -> None:
        silent = not self.editor.session.rounds.silent
        if self._apply(lambda: self.editor.set_silent_round(silent)) is not None:
            self.grid.refresh()
            note = t("rounds.silent_on" if silent else "rounds.silent_off", self.lang)
            self._show_status(note=Text(note, style="bold"))
