"""The new-workshop form's start time and length, from which the agenda is proposed.

A mixin of NewWorkshopScreen, kept apart so the form stays readable. Both fields
are read as they are typed: under them the form says when the workshop ends, or
what is wrong, in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from textual import getters
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from workshop_tui.core.i18n import register, t
from workshop_tui.core.numbers import EntryError
from workshop_tui.core.session.editor import SaveError, SessionEditor
from workshop_tui.core.workshop.agenda_text import (
    default_pause_after,
    length_text,
    next_quarter,
    parse_length,
    parse_start,
    parse_start_on,
)
from workshop_tui.core.workshop.model import DEFAULT_LENGTH_MINUTES

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop_tui.tui.app import WorkshopApp

    _ScreenBase = Screen[Any]
else:  # a plain mixin at run time (as bindings.LanguageAware)
    _ScreenBase = object

register(
    {
        "new.start_time": {"en": "Starts at", "da": "Starter kl."},
        "new.length": {"en": "Length", "da": "Længde"},
        "new.ends_at": {"en": "ends {end}", "da": "slut {end}"},
    }
)


def agenda_fields(app: WorkshopApp, lang: str) -> Iterator[Widget]:
    """The two fields and the line under them; the start proposed is the next quarter hour."""
    start = next_quarter(app.clock().astimezone().replace(tzinfo=None))
    yield Horizontal(
        Label(t("new.start_time", lang), id="label-start_time"),
        Input(start.strftime("%H:%M"), id="start_time", compact=True, max_length=8),
        Label(t("new.length", lang), id="label-length"),
        Input(length_text(DEFAULT_LENGTH_MINUTES, lang), id="length", compact=True, max_length=20),
        Static(ends_at(start, DEFAULT_LENGTH_MINUTES, lang), id="agenda-hint"),
        classes="field -agenda",
    )


def ends_at(start: time, minutes: int, lang: str) -> str:
    """'→ 12:30': when the day ends, beside the length (ends_text says it in words)."""
    end = (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)).time()
    return t("new.ends_at", lang, end=end.strftime("%H:%M"))


class AgendaFields(_ScreenBase):
    """Reads the start and the length, says what it understood, proposes the agenda."""

    if TYPE_CHECKING:
        app = getters.app(WorkshopApp)  # as in bindings.LanguageAware

    def agenda_language(self, lang: str) -> None:
        for key in ("start_time", "length"):
            self.query_one(f"#label-{key}", Label).update(t(f"new.{key}", lang))
        self._check_agenda(lang)

    def on_input_changed(self, event: Input.Changed) -> None:
        # a plain handler: Textual's @on is not collected from a mixin that is no widget
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
