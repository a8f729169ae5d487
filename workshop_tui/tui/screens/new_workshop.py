"""The form for a new workshop: process, target groups, municipality, date, people.

On start it creates the session file at once (so it is in the resume list even
before the first estimate) and returns the editor for it. The start time and the
length are read as they are typed (under them the form says when the workshop
ends, or what is wrong); the agenda is proposed from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.limits import MAX_PARTICIPANTS
from workshop_tui.core.numbers import EntryError
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.session.editor import ENTRY_ERRORS, SaveError, SessionEditor, parse_date
from workshop_tui.core.session.model import StaffMember
from workshop_tui.core.session.staff import roles_summary
from workshop_tui.core.workshop.agenda_text import (
    default_pause_after,
    length_text,
    next_quarter,
    parse_length,
    parse_start,
    parse_start_on,
)
from workshop_tui.core.workshop.model import DEFAULT_LENGTH_MINUTES
from workshop_tui.tui.screens.bindings import LanguageAware
from workshop_tui.tui.screens.form_dialog import text_refused
from workshop_tui.tui.screens.participants_dialog import ParticipantsDialog
from workshop_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from workshop_tui.tui.app import WorkshopApp


FIELD_LABELS = {
    "process": N_("Key process"),
    "groups": N_("Target groups"),
    "municipality": N_("Municipality"),
    "date": N_("Date"),
    "facilitator": N_("Facilitator"),
    "participants": N_("Participants"),
}
"""Each field's label, by the field's name in the form and in the session model."""


def agenda_fields(app: WorkshopApp, lang: str) -> Iterator[Widget]:
    """The two fields and the line under them; the start proposed is the next quarter hour."""
    start = next_quarter(app.clock().astimezone().replace(tzinfo=None))
    yield Horizontal(
        Label(t("Starts at", lang), id="label-start_time"),
        Input(start.strftime("%H:%M"), id="start_time", compact=True, max_length=8),
        Label(t("Length", lang), id="label-length"),
        Input(length_text(DEFAULT_LENGTH_MINUTES, lang), id="length", compact=True, max_length=20),
        Static(ends_at(start, DEFAULT_LENGTH_MINUTES, lang), id="agenda-hint"),
        classes="field -agenda",
    )


def ends_at(start: time, minutes: int, lang: str) -> str:
    """'→ 12:30': when the day ends, beside the length (ends_text says it in words)."""
    end = (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)).time()
    return t("ends {end}", lang, end=end.strftime("%H:%M"))


class NumberInput(Input):
    """A whole number: letters are refused as they are typed, and the form says so."""

    class Refused(Message):
        """Something other than a digit was typed, and not taken."""

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        super().__init__(value, restrict=r"\d*", **kwargs)

    def restricted(self) -> None:
        self.post_message(self.Refused())


class ProcessSelect(Select[str]):
    """The list of processes. Enter goes on to the next field, as everywhere in the form;
    Space, the arrows or a click open the list."""

    BINDINGS = [
        Binding("enter", "app.focus_next", show=False),
        Binding("space,down,up", "show_overlay", show=False),
    ]


class GroupList(SelectionList[str]):
    """The target groups to cover. Space ticks or unticks one; Enter goes on."""

    BINDINGS = [Binding("enter", "app.focus_next", show=False)]


class NewWorkshopScreen(LanguageAware, Screen[SessionEditor | None]):
    """Returns the editor of the new, saved session; None when the user goes back."""

    CSS_PATH = "new_workshop.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("ctrl+s", "start", N_("Start")),
        Binding("f2", "participants", N_("Roles and groups")),
        # lists use the arrows themselves; from a text field they move between fields
        Binding("down", "app.focus_next", N_("Next field"), show=False),
        Binding("up", "app.focus_previous", N_("Previous field"), show=False),
    ]

    def __init__(self, catalogue: Catalogue, folder: Path) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.folder = Path(folder)
        # who takes part, as listed in the participants dialog (F2); none: only a count
        self.staff: list[StaffMember] = []

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        today = self.app.today or date.today()
        processes = [(p.name.in_lang(lang), p.id) for p in self.catalogue]
        first = processes[0][1] if processes else None
        self._groups_process: str | None = first  # whose groups the group list shows
        # a Vertical that scrolls (form.tcss), not a VerticalScroll: that one's arrow keys
        # would scroll where the form is taller than the terminal, not move between fields
        with Vertical(id="form"):
            yield Static(t("New workshop", lang), id="new-title")
            with Horizontal(classes="field"):
                yield Label(t("Key process", lang), id="label-process")
                yield ProcessSelect(
                    processes,
                    value=Select.NULL if first is None else first,
                    allow_blank=False,
                    id="process",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label(t("Target groups", lang), id="label-groups")
                yield GroupList(*self._group_options(first, lang, None), id="groups", compact=True)
            with Horizontal(classes="field"):
                yield Label(t("Municipality", lang), id="label-municipality")
                yield Input(id="municipality", compact=True, max_length=200)
            with Horizontal(classes="field"):
                yield Label(t("Date", lang), id="label-date")
                yield Input(today.isoformat(), id="date", compact=True)
            yield from agenda_fields(self.app, lang)
            with Horizontal(classes="field"):
                yield Label(t("Facilitator", lang), id="label-facilitator")
                yield Input(id="facilitator", compact=True, max_length=200)
            with Horizontal(classes="field"):
                yield Label(t("Participants", lang), id="label-participants")
                yield NumberInput("", id="participants", compact=True, max_length=3)
                yield Button(
                    t("Roles and groups… (F2)", lang), id="participants-button", compact=True
                )
            # the roles listed, under the count (hidden while none are)
            yield Static("", id="staff-summary", markup=False)
            yield Static("", id="new-error")
            with Horizontal(id="new-buttons"):
                yield Button(t("Start workshop", lang), id="start", variant="primary", compact=True)
            yield Static(
                t(
                    "Enter or Tab: next field · Space ticks a group · Ctrl+S starts "
                    "· Esc goes back",
                    lang,
                ),
                id="new-hint",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#process", Select).focus()

    def apply_language(self, lang: str) -> None:
        for key, label in FIELD_LABELS.items():
            self.query_one(f"#label-{key}", Label).update(t(label, lang))
        self.agenda_language(lang)
        self.query_one("#new-title", Static).update(t("New workshop", lang))
        self.query_one("#start", Button).label = t("Start workshop", lang)
        self.query_one("#participants-button", Button).label = t("Roles and groups… (F2)", lang)
        self.query_one("#new-hint", Static).update(
            t(
                "Enter or Tab: next field · Space ticks a group · Ctrl+S starts · Esc goes back",
                lang,
            )
        )
        select = self.query_one("#process", Select)
        value = select.value
        with select.prevent(Select.Changed):
            select.set_options([(p.name.in_lang(lang), p.id) for p in self.catalogue])
            select.value = value
        self._fill_groups()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value == self._groups_process:
            return  # the list's own first announcement, or the same process again
        self._fill_groups(keep=False)
        # Focus stays on the process: it moves only when the user moves it (a facilitator
        # following the form would otherwise type the next field's text in the wrong one).

    def _fill_groups(self, keep: bool = True) -> None:
        lang = self.app.lang
        process_id = self.query_one("#process", ProcessSelect).value
        if not isinstance(process_id, str):
            return
        self._groups_process = process_id
        groups = self.query_one("#groups", SelectionList)
        ticked = set(groups.selected) if keep else None
        groups.clear_options()
        groups.add_options(self._group_options(process_id, lang, ticked))
        groups.styles.height = groups.option_count

    def _group_options(
        self, process_id: str | None, lang: str, ticked: set[str] | None
    ) -> list[tuple[str, str, bool]]:
        """The process's groups, all ticked unless told otherwise (a room usually covers all)."""
        if process_id is None:
            return []
        process = self.catalogue.get(process_id)
        return [
            (g.name.in_lang(lang), g.id, ticked is None or g.id in ticked) for g in process.groups
        ]

    def on_number_input_refused(self, event: NumberInput.Refused) -> None:
        self.query_one("#new-error", Static).update(
            t("Not taken: participants is a number (digits only)", self.app.lang)
        )

    @staticmethod
    def _field_refused(refused: ValidationError, lang: str) -> str:
        """The first refused field, by its label in the form, in the user's language."""
        location = refused.errors()[0]["loc"] if refused.errors() else ()
        name = str(location[0]) if location else ""
        field = t(FIELD_LABELS[name], lang) if name in FIELD_LABELS else name
        return t("{field}: not accepted; check what is typed there", lang, field=field)

    def action_back(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field, as in a paper form; in the last one it starts."""
        event.stop()
        if event.input.id == "participants":
            self.action_start()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "participants-button":
            self.action_participants()
        else:
            self.action_start()

    def _chosen_groups(self) -> list[str]:
        """The target groups ticked, in the process's order."""
        process_id = self.query_one("#process", ProcessSelect).value
        if not isinstance(process_id, str):
            return []
        chosen = set(self.query_one("#groups", SelectionList).selected)
        return [g for g in self.catalogue.get(process_id).group_ids if g in chosen]

    def action_participants(self) -> None:
        """Each participant's role and groups (of the groups ticked here), in a dialog."""
        lang = self.app.lang
        process_id = self.query_one("#process", ProcessSelect).value
        groups = self._chosen_groups()
        if not isinstance(process_id, str) or not groups:
            self.query_one("#new-error", Static).update(t("Tick at least one target group", lang))
            self.query_one("#groups").focus()
            return
        process = self.catalogue.get(process_id)
        names = [(process.group(g).name.in_lang(lang), g) for g in groups]
        staff = self._staff_in(groups)

        def listed(result: list[StaffMember] | None) -> None:
            if result is not None:
                self.staff = result
                self._show_staff()

        self.app.push_screen(ParticipantsDialog(names, staff), listed)

    def _staff_in(self, groups: list[str]) -> list[StaffMember]:
        """The participants listed, each with only those of their groups still ticked."""
        return [
            m.model_copy(update={"groups": [g for g in m.groups if g in groups]})
            for m in self.staff
        ]

    def _show_staff(self) -> None:
        """With participants listed, the count is theirs (not typed) and their roles show."""
        count = self.query_one("#participants", NumberInput)
        if self.staff:
            count.value = str(len(self.staff))
        count.disabled = bool(self.staff)
        summary = self.query_one("#staff-summary", Static)
        summary.update(roles_summary(self.staff))
        summary.display = bool(self.staff)

    def action_start(self) -> None:
        lang = self.app.lang
        error = self.query_one("#new-error", Static)
        process_id = self.query_one("#process", ProcessSelect).value
        if not isinstance(process_id, str):
            return  # no process in the catalogue: nothing to start
        process = self.catalogue.get(process_id)
        groups = self._chosen_groups()
        municipality = self.query_one("#municipality", Input).value.strip()
        facilitator = self.query_one("#facilitator", Input).value.strip()
        participants_text = self.query_one("#participants", Input).value.strip() or "0"
        problem: str | None = None
        field = ""
        if not municipality:
            problem, field = t("Type the municipality", lang), "#municipality"
        elif refused := text_refused(municipality, lang) or text_refused(facilitator, lang):
            problem = refused
            field = "#municipality" if text_refused(municipality, lang) else "#facilitator"
        elif not groups:
            problem, field = t("Tick at least one target group", lang), "#groups"
        elif not participants_text.isdigit() or int(participants_text) > MAX_PARTICIPANTS:
            problem = t(
                "Participants must be a whole number from 0 to {limit}",
                lang,
                limit=MAX_PARTICIPANTS,
            )
            field = "#participants"
        workshop_date = None
        if problem is None:
            try:
                workshop_date = parse_date(self.query_one("#date", Input).value, lang)
            except ENTRY_ERRORS as refused:
                problem, field = str(refused), "#date"
        plan = None
        if problem is None and workshop_date is not None:
            plan, problem, field = self.agenda_plan(lang, workshop_date)
        if problem is not None or workshop_date is None or plan is None:
            error.update(problem or "")
            self.query_one(field).focus()
            return
        try:
            editor = SessionEditor.create(
                process,
                self.folder,
                municipality=municipality,
                workshop_date=workshop_date,
                groups=groups,
                facilitator=facilitator,
                participants=int(participants_text),
                staff=self._staff_in(groups),
                lang=lang,
                clock=self.app.clock,
            )
            self.propose_agenda(editor, *plan)
        except SaveError as refused:
            error.update(str(refused))
            return
        except ValidationError as refused:  # pydantic's words are English: name the field
            error.update(self._field_refused(refused, lang))
            return
        self.dismiss(editor)

    # ------------------------------------------------------------ the agenda's start and length
    # read as they are typed: under them the form says when the workshop ends, or what is wrong

    def agenda_language(self, lang: str) -> None:
        self.query_one("#label-start_time", Label).update(t("Starts at", lang))
        self.query_one("#label-length", Label).update(t("Length", lang))
        self._check_agenda(lang)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("start_time", "length"):
            self._check_agenda(self.app.lang)

    def _read_agenda(self, lang: str) -> tuple[time, int]:
        """The start and the length in minutes; EntryError naming the field that is wrong."""
        start = parse_start(self.query_one("#start_time", Input).value, lang)
        return start, parse_length(self.query_one("#length", Input).value, lang)

    def _check_agenda(self, lang: str) -> None:
        """When the day ends beside the length, or what is wrong on the form's error line."""
        hint = self.query_one("#agenda-hint", Static)
        error = self.query_one("#new-error", Static)
        try:
            start, minutes = self._read_agenda(lang)
        except EntryError as refused:
            hint.update("")
            error.update(str(refused))
            self._agenda_refused = True
            return
        hint.update(ends_at(start, minutes, lang))
        if getattr(self, "_agenda_refused", False):  # only the agenda's own message goes
            error.update("")
            self._agenda_refused = False

    def agenda_plan(self, lang: str, day: date) -> tuple[tuple[time, int] | None, str | None, str]:
        """(start, length) when both are understood and the start exists on `day` (the
        workshop's date); else the problem and the field's id."""
        try:
            start = parse_start_on(self.query_one("#start_time", Input).value, day, lang)
        except EntryError as refused:
            return None, str(refused), "#start_time"
        try:
            minutes = parse_length(self.query_one("#length", Input).value, lang)
        except EntryError as refused:
            return None, str(refused), "#length"
        return (start, minutes), None, ""

    def propose_agenda(self, editor: SessionEditor, start: time, minutes: int) -> None:
        """The time boxes in proportion to the cells, the pause in the middle of a long day.

        The workshop is saved already: if this save fails, it opens without an
        agenda (F4 makes one), rather than the form keeping a file it cannot finish.
        """
        pause = default_pause_after(editor.process, editor.session, minutes)
        try:
            editor.propose_agenda(start, minutes, pause_after=pause)
        except SaveError as refused:
            self.notify(str(refused), severity="error", timeout=10)
