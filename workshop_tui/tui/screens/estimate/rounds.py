"""The estimate screen's part for running the half-day: the agenda line, time boxes, rounds.

A mixin of EstimateScreen, kept apart so the screen stays small. Every change
goes through the editor via the screen's `_apply` (saved at once, undoable):
the agenda (F4), closing the first round (F3), the silent round (F12). The
first-round view (Ctrl+B) only changes what the grid draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text

from workshop_tui.core.i18n import register, t
from workshop_tui.core.session.editor import Change, SessionEditor
from workshop_tui.core.totals import GroupTotals
from workshop_tui.core.workshop.agenda import clock_text, plan_start, plan_state, to_local
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
        "agenda.started": {
            "en": "Started now: the plan runs {start}–{end} today (Ctrl+Z undoes)",
            "da": "Startet nu: planen kører {start}–{end} i dag (Ctrl+Z fortryder)",
        },
        "agenda.paused": {
            "en": "Paused at {since}: the pace stands still; Ctrl+S resumes",
            "da": "Pause kl. {since}: tempoet står stille; Ctrl+S fortsætter",
        },
        "agenda.resumed": {
            "en": "Resumed: the plan moved on by {minutes} min and now ends {end}",
            "da": "Fortsat: planen er rykket {minutes} min og slutter nu {end}",
        },
        "key.start_or_pause": {"en": "Start/pause", "da": "Start/pause"},
        "key.start_now": {"en": "Start now", "da": "Start nu"},
        "key.pause_agenda": {"en": "Pause the agenda", "da": "Sæt dagsordenen på pause"},
        "key.resume_agenda": {"en": "Resume the agenda", "da": "Fortsæt dagsordenen"},
        "help.action.start_or_pause": {
            "en": "The agenda's clock: start the plan now (on another day than its own, or "
            "before its start), pause it while it runs, resume it while paused",
            "da": "Dagsordenens ur: start planen nu (på en anden dag end dens egen eller før "
            "dens start), sæt den på pause, mens den kører, fortsæt den under en pause",
        },
        "help.action.start_now": {
            "en": "Move the plan's start to now, today: its boxes follow",
            "da": "Flyt planens start til nu, i dag: tidsrammerne følger med",
        },
        "help.action.pause_agenda": {
            "en": "Pause the agenda: the pace stands still until it is resumed",
            "da": "Sæt dagsordenen på pause: tempoet står stille, til den fortsætter",
        },
        "help.action.resume_agenda": {
            "en": "Resume the agenda: the plan moves on by the time paused",
            "da": "Fortsæt dagsordenen: planen rykkes med den tid, pausen varede",
        },
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

        def done(agenda: Agenda | None) -> None:
            if agenda is not None and self._apply(lambda: self.editor.set_agenda(agenda)):
                self._show_status(note=Text(t("agenda.saved", self.lang), style="bold"))

        self.app.push_screen(AgendaDialog(self.editor, local_time(self.editor)), done)

    # ------------------------------------------------------------ the agenda's clock

    def action_start_or_pause(self) -> None:
        """Ctrl+S: start the plan now where it is not running, pause it where it runs,
        resume it where it is paused."""
        agenda = self.editor.session.agenda
        if agenda is None:
            self._show_status(error=t("agenda.none", self.lang))
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
            self._show_clock_note(t("agenda.started", self.lang, start=start, end=end))

    def action_pause_agenda(self) -> None:
        if self._apply(self.editor.pause_agenda) is not None:
            agenda = self.editor.session.agenda
            since = to_local(agenda.paused_at) if agenda and agenda.paused_at else None
            self._show_clock_note(t("agenda.paused", self.lang, since=f"{since:%H:%M}"))

    def action_resume_agenda(self) -> None:
        before = self.editor.session.agenda
        if self._apply(self.editor.resume_agenda) is not None and before is not None:
            moved = plan_start(self.editor.session.agenda or before, self.editor.session)
            minutes = round((moved - plan_start(before, self.editor.session)).total_seconds() / 60)
            _, end = self._plan_times()
            self._show_clock_note(t("agenda.resumed", self.lang, minutes=minutes, end=end))

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
        Ctrl+S chooses between, each by name (name, what it does, the action)."""
        for action, run in (
            ("start_now", self.action_start_now),
            ("pause_agenda", self.action_pause_agenda),
            ("resume_agenda", self.action_resume_agenda),
        ):
            yield t(f"key.{action}", self.lang), t(f"help.action.{action}", self.lang), run

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
