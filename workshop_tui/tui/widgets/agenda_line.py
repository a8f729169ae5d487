"""The agenda line: the clock, the subprocess being estimated, its box, and the pace.

'10:30 · 2 Samtalen · 7 min left · 12 min behind: about 2 min per cell to catch up'

One line, shown on the estimate screen under the session bar and on the
presentation for the room; hidden when the workshop has no agenda. It redraws
on a timer and when the screen asks (a cursor move, a change), and only when
its text or colour changed: no layout pass while the room types. A box running
out is signalled quietly: the line changes colour, and a short notice is shown
once per box while it has a few minutes left (on the estimate screen only; not for
a box already over, nor on a day the plan does not run), no sound, no dialog.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Protocol

from rich.text import Text
from textual.widgets import Static

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.workshop.agenda import LineParts, line_parts, to_local
from workshop_tui.core.workshop.model import Agenda

TICK_SECONDS = 15  # the clock shows minutes: a quarter of one is soon enough

# What F11 (the estimate screen's start/pause) does where the plan is not running.
CLOCK_KEY_HINTS = {
    "other_day": N_("F11 starts it now"),
    "waiting": N_("F11 starts it now"),
    "paused": N_("F11 resumes"),
}


class AgendaSource(Protocol):
    """A screen with a workshop open: its editor and the subprocess under its cursor."""

    def agenda_source(self) -> tuple[SessionEditor, int | None, object]:
        """The editor, the cursor's subprocess, and a key that changes when the cells
        done change (the pace is worked out again only then, or on the minute)."""
        ...


def local_time(editor: SessionEditor) -> datetime:
    """The editor's clock (UTC, injectable) as the room's wall clock, which the plan uses."""
    return to_local(editor.clock())


def agenda_text(
    agenda: Agenda,
    editor: SessionEditor,
    subprocess: int | None,
    now: datetime,
    lang: str,
    width: int,
) -> LineParts:
    """core.agenda's line in `width` cells: the subprocess's name is shortened (or left
    out) before the pace, which is what the facilitator reads the line for.

    Built from one `line_parts` (it works out the pace, which reads every cell).
    """
    parts = line_parts(agenda, editor.process, editor.session, subprocess, now, lang)
    if not width or not parts.subprocess or len(parts.text) <= width:
        return parts
    fixed = len(" · ".join(part for part in (parts.lead, *parts.rest) if part))
    number, _, name = parts.subprocess.partition(" ")
    room = width - fixed - len(" · ") - len(f"{number} ")
    if room < 6:  # the grid shows the cursor's subprocess anyway
        return replace(parts, subprocess="")
    return replace(parts, subprocess=f"{number} {name[: room - 1]}…")


class AgendaLine(Static):
    """The agenda line of the workshop open in this screen (or the one below it)."""

    DEFAULT_CSS = """
    AgendaLine {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text;
    }
    AgendaLine.-none { display: none; }
    AgendaLine.-running-out { background: $warning 40%; text-style: bold; }
    """

    def __init__(self, *, announce: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, classes="-none")
        self.announce = announce  # notify when a box runs out (the facilitator's screen)
        self._shown: tuple[object, ...] | None = None  # what is drawn: skip the same again
        self._announced: set[tuple[int, int]] = set()  # (subprocess, its box's minutes)

    def on_resize(self) -> None:
        self._shown = None  # the width decides how much of the name fits
        self.refresh_line()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.refresh_line)
        self.watch(self.app, "lang", self._language_changed, init=False)
        self.call_after_refresh(self.refresh_line)  # (not mounted yet while on_mount runs)

    def _language_changed(self) -> None:
        self.refresh_line()

    def _source(self) -> AgendaSource | None:
        """This screen if it has a workshop open, else the nearest one below it."""
        for screen in reversed(self.app.screen_stack):
            if hasattr(screen, "agenda_source"):
                return screen  # type: ignore[no-any-return]
        return None

    @property
    def shown(self) -> bool:
        return not self.has_class("-none")

    def refresh_line(self) -> bool:
        """Redraw if anything shown changed; True when the line appeared or went."""
        source = self._source()
        if source is None or not self.is_mounted:
            return False
        editor, subprocess, progress = source.agenda_source()
        agenda, lang = editor.session.agenda, str(getattr(self.app, "lang", editor.lang))
        was_shown = self.shown
        if agenda is None:
            if was_shown:
                self.add_class("-none")
                self._shown = None
            return was_shown
        now = local_time(editor)
        # the pace reads every cell: worked out again only when what it depends on changed
        key = (id(agenda), progress, subprocess, now.replace(second=0), lang)
        if key == self._shown:
            return False
        self._shown = key
        width = self.content_region.width
        parts = agenda_text(agenda, editor, subprocess, now, lang, width)
        text = self._with_key(parts, lang, width)
        self.update(Text(text, no_wrap=True, overflow="ellipsis"), layout=False)
        if parts.running_out != self.has_class("-running-out"):  # a restyle: rarely
            self.set_class(parts.running_out, "-running-out")
        if not was_shown:
            self.remove_class("-none")
        box = (subprocess or 0, agenda.boxes.get(subprocess or 0, 0))
        if parts.announce and subprocess is not None and box not in self._announced:
            self._announced.add(box)  # once per box; a box made longer may run out again
            self._announce(editor, subprocess, lang)
        return not was_shown

    def _with_key(self, parts: LineParts, lang: str, width: int) -> str:
        """On the facilitator's screen, where the plan is not running, the key that starts
        or resumes it, if it fits: the room's screen has no keys to offer."""
        key = CLOCK_KEY_HINTS.get(parts.state)
        if not self.announce or key is None:
            return parts.text
        text = f"{parts.text} · " + t(key, lang)
        return text if not width or len(text) <= width else parts.text

    def _announce(self, editor: SessionEditor, subprocess: int, lang: str) -> None:
        if self.announce:
            name = editor.process.subprocesses[subprocess - 1].name.in_lang(lang)
            self.notify(
                t(
                    "the box of {subprocess} is running out",
                    lang,
                    subprocess=f"{subprocess} {name}",
                ),
                severity="warning",
                timeout=5,
            )
