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

from workshop_tui.core.i18n import register, t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.rounds import closed
from workshop_tui.tui.screens.bindings import LanguageAware

register(
    {
        "round.title": {"en": "Close the first round", "da": "Luk første runde"},
        "round.explain": {
            "en": "The figures now are kept as the first round; what the room changes "
            "afterwards are the agreed figures. Ctrl+B shows the first figures again.",
            "da": "Tallene nu gemmes som første runde; det, rummet retter bagefter, er de "
            "aftalte tal. Ctrl+B viser de første tal igen.",
        },
        "round.closed_already": {
            "en": "Closed already: {numbers}",
            "da": "Allerede lukket: {numbers}",
        },
        "round.one": {"en": "Subprocess {number}", "da": "Delproces {number}"},
        "round.cursor_in": {
            "en": "The cursor is in subprocess {name}.",
            "da": "Markøren står i delproces {name}.",
        },
        "round.all": {"en": "The whole workshop", "da": "Hele workshoppen"},
    }
)


class RoundDialog(LanguageAware, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "dialog.cancel")]

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
            yield Label(t("round.title", lang), classes="dialog-title")
            yield Label(t("round.explain", lang), classes="dialog-hint")
            yield Label(t("round.cursor_in", lang, name=f"{self.subprocess} {name}"))
            if done:
                yield Label(t("round.closed_already", lang, numbers=", ".join(done)))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.cancel", lang), id="cancel")
                yield Button(t("round.all", lang), id="all")
                label = t("round.one", lang, number=self.subprocess)
                yield Button(label, id="one", variant="primary")

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#one").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)
