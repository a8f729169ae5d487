"""The agenda: a time box per subprocess and the pause, each editable.

Opened with F4 on the estimate screen. Each subprocess has its box in minutes,
when it runs and, once the room has worked there, the minutes actually spent.
Ctrl+R splits the length again in proportion to each subprocess's cells (what
the new-workshop form proposed); Ctrl+S saves, Esc cancels. Returns the new
Agenda (saved through the editor by `apply` before the dialog closes) or None.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Input, Label, Static

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.numbers import EntryError
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.workshop.agenda import (
    actual_minutes,
    format_minutes,
    plan_day,
    propose_agenda,
    windows,
)
from workshop_tui.core.workshop.agenda_text import (
    default_pause_after,
    ends_text,
    length_text,
    next_quarter,
    parse_length,
    parse_minutes,
    parse_start_on,
)
from workshop_tui.core.workshop.model import DEFAULT_LENGTH_MINUTES, Agenda
from workshop_tui.tui.screens.form_dialog import FormDialog


class AgendaDialog(FormDialog[Agenda | None]):
    """Every box, the pause and the start; the length follows from them."""

    BINDINGS = [Binding("ctrl+r", "split", N_("Split again"))]

    DEFAULT_CSS = """
    AgendaDialog Grid {
        grid-size: 4; grid-columns: 1fr 9 13 7; height: auto; grid-gutter: 0 1;
    }
    AgendaDialog .head { text-style: bold; }
    AgendaDialog Input { width: 1fr; }
    AgendaDialog .line { height: 1; margin-bottom: 1; }
    AgendaDialog .line Label { width: auto; padding-right: 1; }
    AgendaDialog .line Input { width: 12; margin-right: 2; }
    AgendaDialog #agenda-sum { margin-top: 1; }
    """

    def __init__(
        self,
        editor: SessionEditor,
        now: datetime,
        apply: Callable[[Agenda | None], str | None] | None = None,
    ) -> None:
        super().__init__(apply)
        self.editor = editor
        self.now = now  # the room's local time: a start to propose when there is no agenda
        self.agenda = editor.session.agenda or self._proposal(next_quarter(now))

    def _proposal(self, start: time) -> Agenda:
        """What the new-workshop form proposes, for a workshop that has no agenda yet."""
        process, session = self.editor.process, self.editor.session
        minutes = DEFAULT_LENGTH_MINUTES
        after = default_pause_after(process, session, minutes)
        return propose_agenda(process, session, start, minutes, pause_after=after)

    def compose(self) -> ComposeResult:
        lang, agenda = self.app.lang, self.agenda
        spent = actual_minutes(self.editor.session)
        with Vertical(classes="dialog"):
            yield Label(t("Agenda: time boxes", lang), classes="dialog-title")
            with Horizontal(classes="line"):
                yield Label(t("Starts at", lang))
                yield Input(agenda.start.strftime("%H:%M"), id="start", compact=True)
                yield Label(t("Length", lang))
                yield Input(length_text(agenda.length_minutes, lang), id="length", compact=True)
            with Grid():
                for head in ("", N_("Minutes"), N_("When"), N_("Spent")):
                    yield Label(t(head, lang) if head else "", classes="head")
                for subprocess in self.editor.process.subprocesses:
                    number = subprocess.number
                    name = f"{number} {subprocess.name.in_lang(lang)}"
                    yield Label(name, markup=False)
                    minutes = str(agenda.boxes.get(number, 0))
                    yield Input(minutes, id=f"box-{number}", compact=True)
                    yield Label("", id=f"when-{number}")
                    used = format_minutes(spent[number], lang) if number in spent else "–"
                    yield Label(used, id=f"spent-{number}")
            with Horizontal(classes="line", id="pause-line"):
                yield Label(t("Pause after", lang))
                after = str(agenda.pause_after or 0)
                yield Input(after, id="pause-after", compact=True)
                yield Input(str(agenda.pause_minutes), id="pause-minutes", compact=True)
                yield Label(t("min", lang) + " " + t("(0: no pause)", lang))
            yield Static("", id="agenda-sum")
            yield Label(
                t(
                    "Ctrl+R splits the length again by each subprocess's cells · "
                    "Ctrl+S saves · Esc cancels",
                    lang,
                ),
                classes="dialog-hint",
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#box-1", Input).focus()
        self._show_sum()

    # ------------------------------------------------------------ reading the fields

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _read(self) -> Agenda:
        """The agenda the fields hold; EntryError naming the field that is wrong."""
        lang = self.app.lang
        start = parse_start_on(self._value("start"), self._day, lang)
        boxes = {}
        for subprocess in self.editor.process.subprocesses:
            number = subprocess.number
            try:
                boxes[number] = parse_minutes(self._value(f"box-{number}"), lang)
            except EntryError as refused:
                text = t("Subprocess {number}: {reason}", lang, number=number, reason=refused)
                raise EntryError(text) from refused
        after_text = self._value("pause-after").strip() or "0"
        numbers = {s.number for s in self.editor.process.subprocesses}
        if not after_text.isdigit() or (int(after_text) and int(after_text) not in numbers):
            raise EntryError(
                t(
                    "Pause after: {text} is not a subprocess number (0: no pause)",
                    lang,
                    text=after_text[:10],
                )
            )
        pause_minutes = parse_minutes(self._value("pause-minutes"), lang)
        after = int(after_text) or None
        return Agenda(
            start=start,
            boxes=boxes,
            pause_after=after,
            pause_minutes=pause_minutes,
            day=self.agenda.day,  # started on another day, or paused: kept as they are
            paused_at=self.agenda.paused_at,
        )

    @property
    def _day(self) -> date:
        """The day the plan runs: its start is checked against that day's clock."""
        return plan_day(self.agenda, self.editor.session)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._show_sum(keep_length=event.input.id == "length")

    def _show_sum(self, keep_length: bool = False) -> None:
        """The length and the end as typed, and when each box runs; or what is wrong.

        The length field follows the boxes, except while it is being typed in (it is
        then the length Ctrl+R splits).
        """
        lang = self.app.lang
        summary = self.query_one("#agenda-sum", Static)
        try:
            agenda = self._read()
        except EntryError as refused:
            summary.update(Text(str(refused), style="bold"))
            return
        summary.update(ends_text(agenda.start, agenda.length_minutes, lang))
        length = self.query_one("#length", Input)
        if not keep_length:
            with length.prevent(Input.Changed):
                length.value = length_text(agenda.length_minutes, lang)
        boxes, _ = windows(agenda, self._day)
        for number, window in boxes.items():
            when = f"{window.starts:%H:%M}-{window.ends:%H:%M}"
            self.query_one(f"#when-{number}", Label).update(when)

    # ------------------------------------------------------------ keys

    def action_split(self) -> None:
        """The length as typed, split again in proportion to the cells; the pause kept."""
        lang = self.app.lang
        try:
            start = parse_start_on(self._value("start"), self._day, lang)
            minutes = parse_length(self._value("length"), lang)
            current = self._read()
        except EntryError as refused:
            self.refuse(str(refused))
            return
        proposal = propose_agenda(
            self.editor.process,
            self.editor.session,
            start,
            minutes,
            pause_after=current.pause_after,
            pause_minutes=current.pause_minutes,
        )
        for number, box in proposal.boxes.items():
            self.query_one(f"#box-{number}", Input).value = str(box)
        self.refuse("")

    def action_save(self) -> None:
        try:
            agenda = self._read()
        except EntryError as refused:
            self.refuse(str(refused))
            return
        self.submit(agenda)
