"""Close the first estimate round: for the subprocess under the cursor, or the whole workshop.

Returns "one", "all", or None (Esc or Cancel). Which subprocesses are closed
already is said, so closing twice is never a surprise (it changes nothing).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.rounds import closed
from workshop_tui.tui.screens.bindings import LanguageAware


class RoundDialog(LanguageAware, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, process: ProcessDefinition, session: Session, subprocess: int) -> None:
        super().__init__()
        self.process = process
        self.session = session
        self.subprocess = subprocess

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        name = self.process.subprocesses[self.subprocess - 1].name.in_lang(lang)
        done = [str(s.number) for s in self.process.subprocesses if closed(self.session, s.number)]
        with Vertical(classes="dialog"):
            yield Label(t("Close the first round", lang), classes="dialog-title")
            yield Label(
                t(
                    "The figures now are kept as the first round; what the room "
                    "changes afterwards are the agreed figures. Ctrl+B shows the "
                    "first figures again.",
                    lang,
                ),
                classes="dialog-hint",
            )
            yield Label(
                t("The cursor is in subprocess {name}.", lang, name=f"{self.subprocess} {name}")
            )
            if done:
                yield Label(t("Closed already: {numbers}", lang, numbers=", ".join(done)))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("Cancel", lang), id="cancel")
                yield Button(t("The whole workshop", lang), id="all")
                label = t("Subprocess {number}", lang, number=self.subprocess)
                yield Button(label, id="one", variant="primary")

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#one").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)
